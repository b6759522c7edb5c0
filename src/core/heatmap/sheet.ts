/**
 * The heat-map sheet as a plan. Probability rows run from high to low
 * against impact columns from low to high; each count is a live formula over
 * the register (formulas.ts), each cell filled with its band's colour; the
 * IDs of the risks in each cell sit in a grid under the counts; inherent and
 * residual maps side by side; then the legend, the ten highest risks, the
 * movement since the last snapshot and when the map was drawn.
 *
 * Drawing again replaces the sheet's content in place: the same sheet, its
 * old cells cleared where the new map does not reach, fills reset; the sheet
 * gets no colour rules or names, so there are none to duplicate. Text from
 * the workbook (IDs, titles) goes in as plain strings, which hosts always
 * store as text, never as formulas.
 */
import { columnLetter, formatCell, formatRange, type RangeAddress } from "../grid/address";
import type { CellInput, Edit } from "../plan/edits";
import { cellCountFormula, type RegisterPlace } from "./formulas";
import { movementCounts, type RiskMovement } from "./movement";
import { HEAT_MAP_TITLE } from "./names";
import { topRisks, type HeatMap, type HeatMapGrid, type MapBasis, type RegisterReadings } from "./model";

export { HEAT_MAP_TITLE, isHeatMapSheet } from "./names";

export interface HeatMapSource {
  place: RegisterPlace;
  readings: RegisterReadings;
  /** A level or status column holds formulas, so the counts come from the file's cached results of them: not vouched for as the cells' results. */
  placedByFormulas?: boolean;
}

export interface HeatMapSheetInput {
  sheet: string;
  /** What the map is of, e.g. "Risks (table RiskRegister)" or "3 registers combined". */
  subject: string;
  map: HeatMap;
  sources: HeatMapSource[];
  /** The basis the top ten and the movement are ranked on. */
  basis: MapBasis;
  /** null when there was no earlier snapshot for these registers. */
  movement: RiskMovement[] | null;
  /** ISO date and time, for "Drawn at". */
  drawnAt: string;
  /** Whether IDs carry their register's sheet (a combined map). */
  labelRegister: boolean;
  /** The sheet's used range before this draw, when it exists already: cells the new map does not reach are cleared. */
  previous: RangeAddress | null;
  sheetExists: boolean;
}

type Row = CellInput[];

/** The cells and looks of the sheet, built top to bottom. */
class SheetLayout {
  readonly rows: Row[] = [];
  readonly styles: Edit[] = [];
  constructor(readonly sheet: string) {}

  set(row: number, col: number, value: CellInput): void {
    while (this.rows.length < row) this.rows.push([]);
    const line = this.rows[row - 1];
    while (line.length < col) line.push(null);
    line[col - 1] = value;
  }

  style(top: number, left: number, bottom: number, right: number, style: Extract<Edit, { type: "setStyle" }>["style"]): void {
    this.styles.push({ type: "setStyle", sheet: this.sheet, address: formatRange({ top, left, bottom, right }), style });
  }

  get width(): number {
    return Math.max(1, ...this.rows.map((r) => r.length));
  }
}

function levelLabel(level: number, label: string): string {
  return `${level} ${label}`;
}

/** One map (counts and IDs) with its axes, top-left at (top, left); returns the last row used. */
function drawGrid(
  out: SheetLayout,
  input: HeatMapSheetInput,
  grid: HeatMapGrid,
  basis: MapBasis,
  top: number,
  left: number,
): number {
  const { map } = input;
  const { size } = map;
  out.set(top, left, basis === "inherent" ? "Inherent (before response)" : "Residual (after response)");
  out.style(top, left, top, left, { bold: true });
  out.set(top + 1, left, "Probability ↓  Impact →");
  out.style(top + 1, left, top + 1, left, { italic: true });
  const first = top + 2;
  // The count is what the formula calculates (the recalculation tests hold the two equal), so it is its cached result,
  // unless the levels themselves are formulas whose cached results Excel may calculate otherwise.
  const vouched = !input.sources.some((s) => s.placedByFormulas);
  grid.cells.forEach((line, r) => {
    const p = line[0].probability;
    out.set(first + r, left, levelLabel(p, map.probabilityLabels[p - 1]));
    line.forEach((cell, c) => {
      const formula = cellCountFormula(input.sources, basis, cell.probability, cell.impact);
      out.set(first + r, left + 1 + c, formula ? (vouched ? { formula, result: cell.count } : { formula }) : cell.count);
      out.style(first + r, left + 1 + c, first + r, left + 1 + c, { fill: cell.band.colour, fontColor: cell.band.textColour, bold: true, horizontalAlignment: "Center" });
    });
  });
  const axis = first + size.probability;
  for (let i = 1; i <= size.impact; i++) out.set(axis, left + i, levelLabel(i, map.impactLabels[i - 1]));
  out.style(axis, left + 1, axis, left + size.impact, { italic: true, horizontalAlignment: "Center", wrapText: true });
  out.set(axis + 1, left, `${grid.placed} open risk${grid.placed === 1 ? "" : "s"} placed${grid.unplaced.length ? `; ${grid.unplaced.length} left off (a level blank or off the scale)` : ""}`);

  const idsTop = axis + 3;
  out.set(idsTop - 1, left, "Risks in each cell (as drawn)");
  out.style(idsTop - 1, left, idsTop - 1, left, { bold: true });
  grid.cells.forEach((line, r) => {
    const p = line[0].probability;
    out.set(idsTop + r, left, levelLabel(p, map.probabilityLabels[p - 1]));
    line.forEach((cell, c) => {
      const ids = input.labelRegister ? cell.ids.map((id, k) => `${id} (${cell.rows[k].sheet.trim()})`) : cell.ids;
      out.set(idsTop + r, left + 1 + c, ids.length ? idList(ids) : null);
    });
  });
  out.style(idsTop, left + 1, idsTop + size.probability - 1, left + size.impact, { wrapText: true, verticalAlignment: "Top" });
  const idAxis = idsTop + size.probability;
  for (let i = 1; i <= size.impact; i++) out.set(idAxis, left + i, levelLabel(i, map.impactLabels[i - 1]));
  out.style(idAxis, left + 1, idAxis, left + size.impact, { italic: true, horizontalAlignment: "Center", wrapText: true });
  return idAxis;
}

/** Characters of IDs shown in one cell; a cell holds at most 32,767, and a list longer than this is read by nobody. */
export const ID_LIST_CHARACTERS = 1_000;

/** The IDs of a cell as one text, cut with "and N more" past ID_LIST_CHARACTERS. */
export function idList(ids: readonly string[]): string {
  let text = "";
  for (let k = 0; k < ids.length; k++) {
    const next = text ? `${text}, ${ids[k]}` : ids[k];
    if (next.length > ID_LIST_CHARACTERS && k > 0) return `${text} and ${ids.length - k} more`;
    text = next;
  }
  return text.length > ID_LIST_CHARACTERS ? `${text.slice(0, ID_LIST_CHARACTERS)}…` : text;
}

function scoreText(s: { score: number } | null): CellInput {
  return s ? s.score : null;
}

/** The plan's edits for one heat-map sheet. */
export function heatMapSheetEdits(input: HeatMapSheetInput): Edit[] {
  const { map } = input;
  const out = new SheetLayout(input.sheet);
  out.set(1, 1, `${HEAT_MAP_TITLE}: ${input.subject}`);
  out.style(1, 1, 1, 1, { bold: true });
  out.set(2, 1, `Drawn at ${input.drawnAt}`);
  out.set(3, 1, map.filter);
  out.set(4, 1, "Each count is a live formula over the register and follows its changes; the risk IDs, top ten and movement are as drawn. Draw the map again to refresh them.");

  const gridTop = 6;
  let bottom = drawGrid(out, input, map.inherent, "inherent", gridTop, 1);
  if (map.residual) bottom = Math.max(bottom, drawGrid(out, input, map.residual, "residual", gridTop, map.size.impact + 3));

  let row = bottom + 2;
  out.set(row, 1, "Legend");
  out.style(row, 1, row, 1, { bold: true });
  for (const band of map.bands) {
    row++;
    out.set(row, 1, band.name);
    out.set(row, 2, band.min === band.max ? `score ${band.min}` : `score ${band.min}–${band.max}`);
    out.style(row, 1, row, 1, { fill: band.colour, fontColor: band.textColour, bold: true });
  }
  row++;
  out.set(row, 1, `Score = probability level × impact level on this ${map.size.probability} × ${map.size.impact} matrix.`);

  row += 2;
  const basisWord = input.basis === "inherent" ? "inherent" : "residual";
  out.set(row, 1, `Ten highest open risks by ${basisWord} score`);
  out.style(row, 1, row, 1, { bold: true });
  row++;
  const topHeader = ["Rank", "Register", "ID", "Title", "Probability", "Impact", "Score", "Band", "Residual Score", "Residual Band"];
  topHeader.forEach((h, k) => out.set(row, 1 + k, h));
  out.style(row, 1, row, topHeader.length, { bold: true, fill: "#DDEBF7", fontColor: "#000000" });
  const top = topRisks(map, input.basis);
  top.forEach((r, k) => {
    row++;
    const cells: CellInput[] = [k + 1, r.sheet.trim(), r.id, r.title || null, r.inherent?.probability ?? null, r.inherent?.impact ?? null, scoreText(r.inherent), r.inherent?.band.name ?? null, scoreText(r.residual), r.residual?.band.name ?? null];
    cells.forEach((v, c) => out.set(row, 1 + c, v));
    const band = r[input.basis]?.band;
    if (band) out.style(row, input.basis === "inherent" ? 8 : 10, row, input.basis === "inherent" ? 8 : 10, { fill: band.colour, fontColor: band.textColour });
  });
  if (!top.length) out.set(++row, 1, "No open risk has both levels on the scale.");

  row += 2;
  out.set(row, 1, `Movement since the last snapshot (${basisWord} score)`);
  out.style(row, 1, row, 1, { bold: true });
  if (!input.movement) {
    out.set(++row, 1, "No earlier snapshot: this draw takes the first one; the next draw shows what moved.");
  } else {
    const counts = movementCounts(input.movement);
    row++;
    (["up", "down", "same", "new", "closed"] as const).forEach((m, k) => {
      out.set(row, 1 + 2 * k, m[0].toUpperCase() + m.slice(1));
      out.set(row, 2 + 2 * k, counts[m]);
    });
    const moved = input.movement.filter((m) => m.movement !== "same");
    if (moved.length) {
      row++;
      ["Register", "ID", "Movement", "Before", "Now"].forEach((h, k) => out.set(row, 1 + k, h));
      out.style(row, 1, row, 5, { bold: true, fill: "#DDEBF7", fontColor: "#000000" });
      for (const m of moved) {
        row++;
        [m.register.trim(), m.id, m.movement, m.before, m.now].forEach((v, k) => out.set(row, 1 + k, v));
      }
    }
  }

  return sheetEdits(input, out);
}

/** The edits that put the layout on the sheet, clearing what an earlier draw left beyond it. */
function sheetEdits(input: HeatMapSheetInput, out: SheetLayout): Edit[] {
  const height = Math.max(out.rows.length, input.previous?.bottom ?? 0);
  const width = Math.max(out.width, input.previous?.right ?? 0);
  const cells: CellInput[][] = [];
  for (let r = 0; r < height; r++) {
    const line = out.rows[r] ?? [];
    cells.push(Array.from({ length: width }, (_, c) => line[c] ?? null));
  }
  const whole = formatRange({ top: 1, left: 1, bottom: height, right: width });
  const edits: Edit[] = [];
  if (!input.sheetExists) edits.push({ type: "addSheet", sheet: input.sheet, hidden: "visible" });
  edits.push({ type: "setCells", sheet: input.sheet, address: whole, cells, label: "heat map" });
  // An earlier draw's fills go first, so a smaller map leaves no coloured cells behind.
  if (input.sheetExists) edits.push({ type: "setStyle", sheet: input.sheet, address: whole, style: { fill: null, fontColor: "#000000", bold: false, italic: false, wrapText: false } });
  edits.push(...out.styles);
  const widths = [{ column: "A", width: 24 }];
  for (let c = 2; c <= Math.max(out.width, 11); c++) widths.push({ column: columnLetter(c), width: 14 });
  edits.push({ type: "setColumnWidths", sheet: input.sheet, widths });
  return edits;
}

/** Where a cell of a map is on the sheet (for tests and the pane's "show in sheet"). */
export function countCellAddress(map: HeatMap, basis: MapBasis, p: number, i: number): string {
  const left = basis === "inherent" ? 1 : map.size.impact + 3;
  return formatCell({ row: 8 + (map.size.probability - p), col: left + i });
}
