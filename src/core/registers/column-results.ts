/**
 * What a register's computed columns calculate in each row, for the cached
 * values of the formulas a template application writes: the Score as core
 * evaluates `[probability]*[impact]` (the level looked up on its scale where
 * the formula does), the Band as the formula's LOOKUP finds the score among
 * the bands. A row core cannot vouch for gets no result: a row not read
 * (proven plain, or outside the cells read), an operand that is itself a
 * formula (its value in the file may be stale or missing), a score with no
 * value where the formula gives an error (which one depends on the operand),
 * a band over a blank score.
 */
import { bottomRow, formulaAt, rightColumn, valueAt, type SheetCells } from "../detect/sheet-cells";
import type { CellValue } from "../grid/cell";
import type { FormulaResult } from "../plan/edits";
import type { LevelScale } from "../risk/levels";
import { bandNameOfScore } from "./band-columns";
import { canEvaluate, evaluateTemplateFormula } from "./computed";
import { normaliseFormula, referencedFields, type FieldPlace } from "./formulas";
import type { PlacedColumn } from "./snapshot";

const UNKNOWN = Symbol("unknown");

/** The result of column `p`'s formula in sheet row `row`, or null where core cannot vouch for it. */
export type ColumnResults = (p: PlacedColumn, row: number) => FormulaResult | null;

/**
 * `ownFormula(p, row)` is the formula the toolkit writes for column `p` in
 * that row: a score cell already holding exactly it calculates what core
 * does, so a band over it can be vouched for.
 */
export function columnResults(
  placed: readonly PlacedColumn[],
  places: Record<string, FieldPlace>,
  cells: SheetCells,
  ownFormula: (p: PlacedColumn, row: number) => string | undefined,
  /** Computed columns whose typed-over cells the plan puts the formula back in: what is typed there now is not what Excel will show. */
  restoring: ReadonlySet<string> = new Set(),
): ColumnResults {
  const last = bottomRow(cells);
  const right = rightColumn(cells);
  const plain = cells.plainRows;
  // Columns the plan adds empty: the plan checked their cells are empty before it adds them.
  const addedEmpty = new Set(placed.filter((p) => p.added && !p.column.formula).map((p) => p.col));
  const inRead = (row: number, col: number) => row >= cells.top && row <= last && col >= cells.left && col <= right && !(plain && row >= plain.top && row <= plain.bottom);
  /** The value a formula reads in the cell, or UNKNOWN where core cannot say (not read, or a formula's cached value). */
  const readCell = (row: number, col: number): CellValue | typeof UNKNOWN => {
    if (addedEmpty.has(col)) return null;
    if (!inRead(row, col) || formulaAt(cells, row, col) !== null) return UNKNOWN;
    return valueAt(cells, row, col);
  };

  // A formula's fields, places and scales are worked out once, not per row (a register may have 100,000 rows).
  const shapes = new Map<string, { fields: string[]; cols: number[]; scales: Record<string, LevelScale | undefined>; scaled: boolean } | null>();
  const shapeOf = (formula: string) => {
    let shape = shapes.get(formula);
    if (shape === undefined) {
      const fields = referencedFields(formula);
      const found = fields.map((f) => places[f]);
      shape = !canEvaluate(formula) || found.some((x) => !x) ? null : { fields, cols: found.map((x) => (x as FieldPlace).col), scales: Object.fromEntries(fields.map((f, i) => [f, found[i]?.scale])), scaled: found.some((x) => x?.scale) };
      shapes.set(formula, shape);
    }
    return shape;
  };

  const score = (formula: string, row: number): FormulaResult | null => {
    const shape = shapeOf(formula);
    if (!shape) return null;
    const values: Record<string, CellValue> = {};
    for (let i = 0; i < shape.fields.length; i++) {
      const v = readCell(row, shape.cols[i]);
      if (v === UNKNOWN) return null;
      values[shape.fields[i]] = v;
    }
    const v = evaluateTemplateFormula(formula, values, shape.scales);
    if (v !== null) return Number.isFinite(v) ? v : null;
    // The formula over a scale is wrapped in IFERROR(…,""); without one, Excel shows an error core does not name.
    return shape.scaled ? "" : null;
  };

  const byId = new Map(placed.map((p) => [p.column.id, p]));
  /** The score a band looks up in the row: what the plan writes (a column it adds), a value typed there, or what the toolkit's own formula there calculates. */
  const scoreIn = (field: string, row: number): CellValue | FormulaResult | null => {
    const source = byId.get(field);
    const place = places[field];
    if (!place) return null;
    if (source?.added && source.column.formula) return score(source.column.formula, row);
    const typed = readCell(row, place.col);
    if (typed !== UNKNOWN) return restoring.has(field) ? null : typed;
    const held = inRead(row, place.col) ? formulaAt(cells, row, place.col) : null;
    const own = source?.column.formula ? ownFormula(source, row) : undefined;
    if (held === null || own === undefined || !source?.column.formula || normaliseFormula(held) !== normaliseFormula(own)) return null;
    return score(source.column.formula, row);
  };
  return (p, row) => {
    if (p.bandOf) {
      const s = scoreIn(p.bandOf.field, row);
      // A blank score: LOOKUP's reading of an empty cell is not one core vouches for.
      if (s === null) return null;
      return bandNameOfScore(p.bandOf.bands, s) ?? "";
    }
    return p.column.formula ? score(p.column.formula, row) : null;
  };
}
