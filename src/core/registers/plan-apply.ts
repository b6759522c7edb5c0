/**
 * Applying a register template in place, as a plan. The register's cells stay
 * where they are: the found range becomes an Excel table (or the table already
 * there is used), missing template columns are added at the table's end, and
 * formats, drop-downs, colour rules and the Score-style formulas are laid
 * over the body. Everything the plan would find already right is left out, so
 * planning the same template again gives an empty plan.
 *
 * Merged cells: an Excel table cannot hold merged cells, so each merged area
 * touching the range that becomes the table is unmerged first, as Excel's own
 * Unmerge does: the value stays in the top-left cell and the other cells are
 * left empty (never filled down, which would change the user's data). Header
 * cells an unmerge leaves blank get names like any blank header, and a plan
 * note lists the areas. Merges wholly above the header (titles, group rows of
 * a multi-row header) are outside the table and untouched.
 */
import { columnLetter, formatCell, formatRange, quoteSheetName, rangesIntersect, type RangeAddress } from "../grid/address";
import { isBlank, isCellError, isDateFormat, type CellValue } from "../grid/cell";
import { formulaAt, valueAt } from "../detect/sheet-cells";
import type { RegisterRecord } from "../metadata/schema";
import type { CellInput, CellStyle, ConditionalFormat, DataValidation, Edit } from "../plan/edits";
import { plan as makePlan, type Plan } from "../plan/plan";
import { scaleOfColumn } from "../risk/levels";
import { FIELD_REFERENCE, type Template, type TemplateColumn } from "../templates/schema";
import { buildVocabularies, headerFieldScore, normaliseHeader } from "../detect/match";
import { cellFormula, conditionalFormula, normaliseFormula, referencedFields, type FieldPlace } from "./formulas";
import { scoreBands } from "./score-bands";
import { bandSourceField, levelBandColours, withBandFormulas } from "./band-columns";
import { fractionThresholds } from "./band-levels";
import { columnResults } from "./column-results";
import { keptFormulaNote, ownFormulasNote, restoreLabel } from "./messages";
import {
  bodyAddress,
  cellText,
  registerGeometry,
  sameHeader,
  storedRecordFor,
  type PlacedColumn,
  type RegisterGeometry,
  type RegisterSnapshot,
} from "./snapshot";
import { uniqueTableName } from "./table-name";
import { stringLiteral } from "../grid/formula-text";

/** Dark text set with the pale fill: many registers have white header text on a dark fill, unreadable on the new one. */
export const HEADER_STYLE: CellStyle = { bold: true, fill: "#DDEBF7", fontColor: "#000000", wrapText: true };
export const LISTS_SHEET = "PMO Lists";
/** Excel's limit for a drop-down typed in as comma-separated text. */
export const TYPED_LIST_LIMIT = 255;

export interface ApplyProblem {
  code: "no_room" | "no_body" | "repeated_header";
  sheet: string;
  cells: string[];
  message: string;
}

export type ApplyPlanning =
  | {
      ok: true;
      plan: Plan;
      /** Things the preview must say beside the edits (headers renamed, columns left alone and why). */
      notes: string[];
      table: string;
      geometry: RegisterGeometry;
      columns: PlacedColumn[];
    }
  | { ok: false; problem: ApplyProblem };

const DEFAULT_FORMATS: Partial<Record<TemplateColumn["type"], string>> = {
  date: "yyyy-mm-dd",
  percent: "0%",
  currency: "#,##0.00",
  integer: "0",
};

export function numberFormatFor(c: TemplateColumn): string | undefined {
  return c.numberFormat ?? DEFAULT_FORMATS[c.type];
}

/** Score-like columns of a template with scales get the band colours. */
const BANDED_FIELDS = new Set(["score", "residualScore"]);

export function conditionalFormatsFor(t: Template, c: TemplateColumn, places: Record<string, FieldPlace>, topRow: number, storedSettings: Record<string, unknown> = {}): ConditionalFormat[] {
  if (c.conditionalFormats?.length) {
    const out: ConditionalFormat[] = [];
    for (const r of c.conditionalFormats) {
      if (r.kind === "expression") {
        const f = conditionalFormula(r.formula, places, topRow);
        if (f) out.push({ ...r, formula: f as `=${string}` });
      } else out.push(r);
    }
    return out;
  }
  if (t.scales && BANDED_FIELDS.has(c.id)) {
    const bands = scoreBands(t, c.id, places, storedSettings);
    const byLevels = levelBandColours(c.id, bands, places, topRow);
    if (byLevels.length) return byLevels;
    return bands.map((b) => ({ kind: "cellValue", operator: "between", formula1: String(b.min), formula2: String(b.max), fill: b.colour.toUpperCase() }));
  }
  // A band column is coloured by the band it names, from the template's own formula (the placed column's is already spelled out).
  const banded = bandSourceField(t.columns.find((x) => x.id === c.id)?.formula);
  if (t.scales && banded) {
    return scoreBands(t, banded, places, storedSettings).map((b) => ({ kind: "cellValue", operator: "equal", formula1: stringLiteral(b.name), fill: b.colour.toUpperCase() }));
  }
  return [];
}

/**
 * Body cells of a column whose values are not in the template's list. When
 * most of a column's values are outside the list, the column is probably
 * mapped wrongly (free-text "Response" plans, categories in a "Type" column),
 * and a drop-down would only flag the user's own data; such a column gets no
 * drop-down, and the preview says why.
 */
export function valuesOutsideList(s: RegisterSnapshot, g: RegisterGeometry, col: number, allowed: readonly string[]): { filled: number; cells: string[]; values: string[] } {
  const ok = new Set(allowed.map((v) => v.trim().toLowerCase()));
  const letter = columnLetter(col);
  let filled = 0;
  const cells: string[] = [];
  const values: string[] = [];
  for (let r = g.firstBodyRow; r <= g.lastBodyRow; r++) {
    const v = valueAt(s.cells, r, col);
    if (isBlank(v)) continue;
    filled++;
    const text = cellText(v).trim();
    if (ok.has(text.toLowerCase())) continue;
    cells.push(`${letter}${r}`);
    if (!values.includes(text)) values.push(text);
  }
  return { filled, cells, values };
}

export function mostlyOutsideList(count: { filled: number; cells: string[] }): boolean {
  return count.filled > 0 && count.cells.length * 2 > count.filled;
}

export function validationFor(c: TemplateColumn, listSource?: string): DataValidation | undefined {
  if (!c.allowedValues?.length) return undefined;
  if (listSource) return { rule: { kind: "listRange", source: listSource as `=${string}` }, allowBlank: true };
  return { rule: { kind: "list", values: c.allowedValues }, allowBlank: true };
}

/** A list goes to the lookup sheet when Excel cannot take it typed in. */
export function needsLookupSheet(values: string[]): boolean {
  return values.join(",").length > TYPED_LIST_LIMIT || values.some((v) => v.includes(",") || v.includes('"'));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function sameValidation(have: DataValidation | null | "mixed" | undefined, want: DataValidation): boolean {
  if (!have || have === "mixed") return false;
  if (have.rule.kind === "listRange" && want.rule.kind === "listRange") {
    return normaliseFormula(have.rule.source) === normaliseFormula(want.rule.source) && have.allowBlank === want.allowBlank;
  }
  return sameJson(have.rule, want.rule) && have.allowBlank === want.allowBlank;
}

function normaliseRule(r: ConditionalFormat): ConditionalFormat {
  if (r.kind === "expression") return { ...r, formula: `=${normaliseFormula(r.formula)}` as `=${string}`, ...(r.fill ? { fill: r.fill.toUpperCase() } : {}) };
  return { ...r, formula1: normaliseFormula(r.formula1), ...(r.formula2 !== undefined ? { formula2: normaliseFormula(r.formula2) } : {}), ...(r.fill ? { fill: r.fill.toUpperCase() } : {}) };
}

function sameRules(have: { address: string; rules: ConditionalFormat[] }[], address: string, want: ConditionalFormat[]): boolean {
  const inside = have.filter((h) => h.address === address || isInside(h.address, address));
  if (want.length === 0) return inside.length === 0;
  if (inside.length !== 1 || inside[0].address !== address) return false;
  return sameJson(inside[0].rules.map(normaliseRule), want.map(normaliseRule));
}

function isInside(inner: string, outer: string): boolean {
  const [a, b] = [inner, outer].map((x) => /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(x));
  if (!a || !b) return false;
  const col = (s: string) => s.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r = (m: RegExpExecArray) => ({ top: +m[2], left: col(m[1]), bottom: +(m[4] ?? m[2]), right: col(m[3] ?? m[1]) });
  const i = r(a);
  const o = r(b);
  return i.top >= o.top && i.bottom <= o.bottom && i.left >= o.left && i.right <= o.right;
}

/** The field detection mapped a column to, if any. */
function fieldAt(s: RegisterSnapshot, col: number): string | undefined {
  const letter = columnLetter(col);
  return Object.entries(s.register.columns).find(([, m]) => m.column === letter)?.[0];
}

function headerWordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

/**
 * What a repeated header means, when detection knows: the words of the
 * template's name for the field the repeat is mapped to that neither the
 * header itself nor the earlier column's field say. A second "Likelihood"
 * read as the residual one is "residual"; a second "Date" read as the date
 * closed, beside a first read as the date raised, is "closed"; a second
 * "Owner" read as the action's owner is "actionee".
 */
function repeatMeaning(s: RegisterSnapshot, col: number, earlierCol: number, text: string, template?: Template): string | undefined {
  const field = fieldAt(s, col);
  if (!field) return template ? meaningFromNeighbour(s, col, text, template) : undefined;
  if (field.startsWith("residual")) return "residual";
  const named = template?.columns.find((c) => c.id === field)?.header;
  if (!named) return undefined;
  const earlierField = fieldAt(s, earlierCol);
  const earlierNamed = earlierField ? template?.columns.find((c) => c.id === earlierField)?.header : undefined;
  const said = new Set([...headerWordsOf(text), ...headerWordsOf(earlierNamed ?? "")]);
  const extra = headerWordsOf(named).filter((w) => !said.has(w));
  return extra.length ? extra.join(" ") : undefined;
}

/** A composed header reads as a template field only when it says it word for word (a listed synonym). */
const WHOLE_PHRASE = 0.97;

/**
 * An unmapped repeat read with the header before it: "Owner" after
 * "Mitigation" says "Mitigation Owner", which the template knows (the
 * actionee), so the repeat is the mitigation's: "Owner (mitigation)".
 */
function meaningFromNeighbour(s: RegisterSnapshot, col: number, text: string, template: Template): string | undefined {
  const g = s.register;
  const before = col > 1 ? valueAt(s.cells, g.headerRow, col - 1) : null;
  const prev = typeof before === "string" ? before.replace(/\s+/g, " ").trim() : "";
  if (!prev || prev.length > 40 || prev.toLowerCase() === text.trim().toLowerCase()) return undefined;
  const [vocab] = buildVocabularies([template]);
  const composed = normaliseHeader(`${prev} ${text}`);
  const mapped = new Set(Object.keys(s.register.columns));
  const known = vocab?.fields.some((f) => !mapped.has(f.column.id) && headerFieldScore(composed, f) >= WHOLE_PHRASE);
  return known ? prev.toLowerCase() : undefined;
}

/**
 * Header names for a new table: text as typed; "ColumnN" for blanks, as
 * Excel names them. Excel tables need unique names, so a repeated header is
 * renamed (and the preview says so): by its meaning where detection knows it
 * ("Likelihood (residual)"), otherwise by its place among the repeats
 * ("Notes (2)"), never Excel's bare "Notes2".
 */
export function tableHeaderNames(s: RegisterSnapshot, g: RegisterGeometry, template?: Template): { names: string[]; fixes: { col: number; from: string; to: string; why: string }[] } {
  const used = new Map<string, number>();
  const names: string[] = [];
  const fixes: { col: number; from: string; to: string; why: string }[] = [];
  for (let c = g.left; c <= g.right; c++) {
    const v = valueAt(s.cells, g.headerRow, c);
    const f = formulaAt(s.cells, g.headerRow, c);
    const text = v === null || isCellError(v) ? "" : String(v);
    let name = text.trim() === "" ? `Column${c - g.left + 1}` : text;
    const base = name;
    const earlier = used.get(name.toLowerCase());
    const meaning = earlier !== undefined && text.trim() !== "" ? repeatMeaning(s, c, earlier, text, template) : undefined;
    if (meaning && !used.has(`${base} (${meaning})`.toLowerCase())) name = `${base} (${meaning})`;
    else if (earlier !== undefined) for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base} (${k})`;
    used.set(name.toLowerCase(), c);
    names.push(name);
    const at = formatCell({ row: g.headerRow, col: c });
    if (text.trim() === "") fixes.push({ col: c, from: "", to: name, why: `${at} is blank; a table column needs a name, so it gets “${name}”` });
    else if (name !== text) {
      const field = meaning && name === `${base} (${meaning})` ? fieldAt(s, c) : undefined;
      const read = field
        ? `, and it is read as ${template?.columns.find((t) => t.id === field)?.header ?? meaning}`
        : meaning && name === `${base} (${meaning})`
          ? `, and the header before it says whose it is`
          : ", and the toolkit cannot tell what sets it apart";
      fixes.push({ col: c, from: text, to: name, why: `“${text}” in ${at} repeats an earlier header; Excel table headers must be unique${read}, so it becomes “${name}”` });
    }
    else if (f !== null) fixes.push({ col: c, from: text, to: name, why: `${at} holds a formula; table headers are text, so it keeps its text “${name}”` });
    else if (typeof v !== "string") fixes.push({ col: c, from: text, to: name, why: `${at} holds the number ${text}; table headers are text, so it becomes the text “${name}”` });
  }
  return { names, fixes };
}

/** An existing table's headers as its header cells read now (what Excel keeps the column names in step with). */
export function tableHeaders(s: RegisterSnapshot, g: RegisterGeometry): string[] {
  const out: string[] = [];
  for (let c = g.left; c <= g.right; c++) {
    const text = cellText(valueAt(s.cells, g.headerRow, c));
    out.push(text.trim() === "" ? (s.table?.headers[c - g.left] ?? "") : text);
  }
  return out;
}

function mergesInside(s: RegisterSnapshot, area: RangeAddress): RangeAddress[] {
  return s.cells.merges.filter((m) => rangesIntersect(m, area));
}

/** Areas named in the unmerge note before it says "and N more" (each also has its own preview line). */
const NOTE_AREAS = 8;

/** The plan note for the unmerges: how many, which (header ones marked), and that values stay in the top-left cells. */
export function unmergeNote(areas: RangeAddress[], headerRow: number): string {
  const named = areas.slice(0, NOTE_AREAS).map((m) => `${formatRange(m)}${m.top <= headerRow && m.bottom >= headerRow ? " (header)" : ""}`);
  const more = areas.length - named.length;
  const list = more > 0 ? `${named.join(", ")} and ${more} more` : named.join(", ");
  const head = areas.length === 1 ? "1 merged area is unmerged" : `${areas.length} merged areas are unmerged`;
  return `${head} so the register can become a table: ${list}; ${areas.length === 1 ? "its value stays in its top-left cell and the other cells are left empty" : "each value stays in its top-left cell and the other cells are left empty"}`;
}

/** Where each template column is: mapped user columns first (a stored mapping wins), then headers that already read like the template's. */
export function placeColumns(s: RegisterSnapshot, template: Template, g: RegisterGeometry, headers: string[], record: RegisterRecord | undefined): PlacedColumn[] {
  const taken = new Set<number>();
  const placed: PlacedColumn[] = [];
  const headerAt = (c: number) => headers[c - g.left] ?? "";
  const find = (text: string) => {
    for (let c = g.left; c <= g.right; c++) if (!taken.has(c) && sameHeader(headerAt(c), text)) return c;
    return undefined;
  };
  const pending: TemplateColumn[] = [];
  for (const column of template.columns) {
    let c: number | undefined;
    let low = false;
    const stored = record?.mapping[column.id];
    if (stored !== undefined) c = find(stored);
    if (c === undefined) {
      const det = s.register.columns[column.id];
      const dc = det ? columnIndexOf(det.column) : undefined;
      if (det && dc !== undefined && dc >= g.left && dc <= g.right && !taken.has(dc)) {
        c = dc;
        low = det.lowConfidence;
      }
    }
    if (c === undefined) {
      pending.push(column);
      continue;
    }
    taken.add(c);
    placed.push({ column, col: c, header: headerAt(c), added: false, lowConfidence: low });
  }
  let next = g.right + 1;
  for (const column of pending) {
    const same = find(column.header);
    if (same !== undefined) {
      taken.add(same);
      placed.push({ column, col: same, header: headerAt(same), added: false, lowConfidence: false });
      continue;
    }
    placed.push({ column, col: next++, header: uniqueHeader(column.header, headers), added: true, lowConfidence: false });
  }
  return template.columns.map((c) => placed.find((p) => p.column.id === c.id) as PlacedColumn);
}

function uniqueHeader(header: string, existing: string[]): string {
  let name = header;
  for (let k = 2; existing.some((h) => sameHeader(h, name)); k++) name = `${header} (${k})`;
  return name;
}

function columnIndexOf(letters: string): number | undefined {
  if (!/^[A-Z]{1,3}$/.test(letters)) return undefined;
  return letters.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** A body column's values, top to bottom. */
export function bodyValues(s: RegisterSnapshot, g: RegisterGeometry, col: number): CellValue[] {
  const out: CellValue[] = [];
  for (let r = g.firstBodyRow; r <= g.lastBodyRow; r++) out.push(valueAt(s.cells, r, col));
  return out;
}

/** Where each template field sits; for level columns written in words the scale their words are on, for those holding fractions their thresholds. */
export function fieldPlaces(s: RegisterSnapshot, g: RegisterGeometry, placed: PlacedColumn[]): Record<string, FieldPlace> {
  const levelValues = (field: string) => {
    const p = placed.find((x) => x.column.id === field);
    return p && !p.added && p.column.type === "level" ? bodyValues(s, g, p.col) : [];
  };
  const fractions = fractionThresholds(levelValues);
  return Object.fromEntries(
    placed.map((p) => {
      const scale = !p.added && p.column.type === "level" ? scaleOfColumn(bodyValues(s, g, p.col)) : null;
      const thresholds = p.column.type === "level" ? fractions[p.column.id] : undefined;
      return [p.column.id, { header: p.header, col: p.col, ...(scale ? { scale } : {}), ...(thresholds ? { fractions: thresholds } : {}) }];
    }),
  );
}

/** Runs of consecutive rows, for one edit per run. */
export function runsOf(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of [...rows].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

/**
 * Body rows where a person typed something (not blank, not ID-only). Formula
 * cells and computed template columns do not count: the plan itself fills
 * those, and a row must not start to count because of what the plan wrote.
 */
export function rowsWithContent(s: RegisterSnapshot, g: RegisterGeometry, placed: PlacedColumn[]): Set<number> {
  const skip = new Set(placed.filter((p) => p.column.id === "id" || p.column.formula).map((p) => p.col));
  const out = new Set<number>();
  for (let r = g.firstBodyRow; r <= g.lastBodyRow; r++) {
    for (let c = g.left; c <= g.right; c++) {
      if (skip.has(c)) continue;
      if (!isBlank(valueAt(s.cells, r, c)) && formulaAt(s.cells, r, c) === null) {
        out.add(r);
        break;
      }
    }
  }
  return out;
}

export interface FormulaCellState {
  /** Cells holding a typed value (or nothing) where the column computes. */
  overwritten: number[];
  /** Cells whose formula or value is #REF!. */
  broken: number[];
  /** How many body cells hold any formula. */
  formulaCells: number;
}

/** The state of a computed column's cells, by row. */
export function formulaCellStates(s: RegisterSnapshot, g: RegisterGeometry, col: number, contentRows: Set<number>): FormulaCellState {
  const out: FormulaCellState = { overwritten: [], broken: [], formulaCells: 0 };
  for (let r = g.firstBodyRow; r <= g.lastBodyRow; r++) {
    const f = formulaAt(s.cells, r, col);
    const v = valueAt(s.cells, r, col);
    if (f !== null) out.formulaCells++;
    if ((f !== null && /#REF!/i.test(f)) || (isCellError(v) && v.error === "#REF!")) out.broken.push(r);
    else if (f === null && contentRows.has(r)) out.overwritten.push(r);
  }
  return out;
}

/**
 * Cells whose formula is put back: broken ones always; typed-over ones only
 * while the column still computes in other rows. A column of typed values
 * is the user's way of keeping it and is left alone.
 */
export function restoreTargets(state: FormulaCellState): number[] {
  return [...state.broken, ...(state.formulaCells > 0 ? state.overwritten : [])].sort((a, b) => a - b);
}

export interface ComputedColumnReview {
  state: FormulaCellState;
  /** Rows holding the template's formula without the level lookup its word levels need (it shows #VALUE!). */
  unscaled: number[];
  /** Rows whose formula is the user's own (neither the template's nor broken): kept, and the column is left alone. */
  ownFormulas: number[];
  /** Rows a person may choose to give the template's formula back. */
  restorable: number[];
  /** Rows holding the toolkit's band formula for another band set (the workbook's settings changed since): the toolkit's own, so rewritten. */
  staleBands: number[];
}

/**
 * A computed column as it stands: which cells hold the template's formula,
 * which the user's own (their INDEX/MATCH scoring, say), which were typed
 * over or broke. A column with the user's own formulas is theirs.
 */
export function computedColumnReview(s: RegisterSnapshot, g: RegisterGeometry, p: PlacedColumn, table: string, places: Record<string, FieldPlace>, contentRows: Set<number>): ComputedColumnReview {
  const state = formulaCellStates(s, g, p.col, contentRows);
  const ownFormulas: number[] = [];
  const unscaled: number[] = [];
  const staleBands: number[] = [];
  const template = p.column.formula;
  if (template) {
    const broken = new Set(state.broken);
    for (let r = g.firstBodyRow; r <= g.lastBodyRow; r++) {
      const f = formulaAt(s.cells, r, p.col);
      if (f === null || broken.has(r)) continue;
      const form = templateFormulaForm(f, template, table, places, r, p.toolkitShapes ?? []);
      if (form === "other") ownFormulas.push(r);
      else if (form === "unscaled") unscaled.push(r);
      else if (form === "staleBands") staleBands.push(r);
    }
  }
  const restorable = ownFormulas.length ? [] : [...restoreTargets(state), ...unscaled].sort((a, b) => a - b);
  return { state, ownFormulas, unscaled, restorable, staleBands: ownFormulas.length ? [] : staleBands };
}

/** A formula with its array constants left out: two band formulas over the same score differ only there. */
function withoutConstants(formula: string): string {
  return normaliseFormula(formula).replace(/\$/g, "").replace(/\{[^{}]*\}/g, "{}");
}

/**
 * Whether a formula is the template's: as the toolkit writes it now
 * ("current"), the same product over word levels without their lookup
 * ("unscaled"), or something else, the user's own ("other").
 */
function templateFormulaForm(formula: string, template: string, table: string, places: Record<string, FieldPlace>, row: number, toolkitShapes: readonly string[]): "current" | "unscaled" | "staleBands" | "other" {
  const have = normaliseFormula(formula).replace(/\$/g, "");
  const same = (f: string | undefined) => f !== undefined && normaliseFormula(f).replace(/\$/g, "") === have;
  const current = cellFormula(template, table, places, row);
  if (same(current)) return "current";
  const sameShape = (f: string | undefined) => f !== undefined && withoutConstants(f) === withoutConstants(formula);
  if (current && /\bLOOKUP\(/i.test(current) && [current, ...toolkitShapes.map((t) => cellFormula(t, table, places, row))].some(sameShape)) return "staleBands";
  const plain = [cellFormula(template, table, places, row, false), a1Formula(template, places, row), shorthandFormula(template, places)];
  if (!plain.some(same)) return "other";
  return Object.values(places).some((p) => p.scale) && referencedFields(template).some((f) => places[f]?.scale) ? "unscaled" : "current";
}

function a1Formula(template: string, places: Record<string, FieldPlace>, row: number): string | undefined {
  if (referencedFields(template).some((f) => !places[f])) return undefined;
  return template.replace(FIELD_REFERENCE, (_, id: string) => `${columnLetter(places[id].col)}${row}`);
}

function shorthandFormula(template: string, places: Record<string, FieldPlace>): string | undefined {
  if (referencedFields(template).some((f) => !places[f])) return undefined;
  return template.replace(FIELD_REFERENCE, (_, id: string) => `[@[${places[id].header}]]`).replace(/\[@\[([^\]'#[]*)\]\]/g, (m, h: string) => (/^[A-Za-z0-9_]+$/.test(h) ? `[@${h}]` : m));
}

/** Format runs: body cells whose format is not what the column type wants (date columns keep any date format a person chose). */
export function cellsNeedingFormat(s: RegisterSnapshot, g: RegisterGeometry, col: number, c: TemplateColumn, format: string): number[] {
  const rows: number[] = [];
  for (let r = g.firstBodyRow; r <= g.lastBodyRow; r++) {
    const have = s.cells.numberFormats?.[r - s.cells.top]?.[col - s.cells.left] ?? "General";
    if (have === format) continue;
    if (c.type === "date" && isDateFormat(have)) continue;
    if (have !== "General" && c.type !== "date") continue; // a person's own number format stays
    rows.push(r);
  }
  return rows;
}

/** Where each allowed-values list sits on the lookup sheet: one column per field, header in row 1. */
function listsSheetEdits(s: RegisterSnapshot, lists: { column: TemplateColumn }[], edits: Edit[]): Map<string, string> {
  const sources = new Map<string, string>();
  if (!lists.length) return sources;
  const sheetExists = s.sheetNames.some((n) => n.toLowerCase() === LISTS_SHEET.toLowerCase());
  if (!sheetExists) edits.push({ type: "addSheet", sheet: LISTS_SHEET, hidden: "hidden" });
  const cells = s.lists;
  const width = cells ? Math.max(0, ...cells.values.map((r) => r.length)) : 0;
  let nextCol = width + 1;
  for (const { column } of lists) {
    const values = column.allowedValues ?? [];
    let col: number | undefined;
    for (let c = 1; cells && c <= width; c++) if (sameHeader(cellText(valueAt(cells, 1, c)), column.header)) col = c;
    const wanted: string[] = [column.header, ...values];
    const have = col === undefined || !cells ? [] : wanted.map((_, i) => cellText(valueAt(cells, 1 + i, col as number)));
    const below = col !== undefined && cells ? cellText(valueAt(cells, wanted.length + 1, col)) : "";
    if (col === undefined) col = nextCol++;
    const letter = columnLetter(col);
    if (!sameJson(have, wanted) || below !== "") {
      edits.push({
        type: "setCells",
        sheet: LISTS_SHEET,
        address: `${letter}1:${letter}${wanted.length + (below !== "" ? 1 : 0)}`,
        cells: [...wanted.map((v) => [v]), ...(below !== "" ? [[null]] : [])],
        label: `allowed values of ${column.header}`,
      });
    }
    sources.set(column.id, `=${quoteSheetName(LISTS_SHEET)}!$${letter}$2:$${letter}$${wanted.length}`);
  }
  return sources;
}

/** The record stored for the register after the apply. */
export function registerRecord(template: Template, sheet: string, table: string, headerRow: number, placed: PlacedColumn[], confirmed: boolean): RegisterRecord {
  return {
    sheet,
    table,
    kind: template.kind,
    templateId: template.id,
    templateVersion: template.version,
    headerRow,
    mapping: Object.fromEntries(placed.map((p) => [p.column.id, p.header])),
    confirmed,
  };
}

function metadataEdit(s: RegisterSnapshot, record: RegisterRecord, previous: RegisterRecord | undefined): Edit | undefined {
  const others = s.metadata.registers.filter((r) => r !== previous);
  const merged = previous ? { ...previous, ...record } : record;
  if (previous && sameJson(previous, merged)) return undefined;
  return { type: "setMetadata", key: "registers", value: [...others, merged] };
}

export interface ApplyTemplateOptions {
  /**
   * The register's columns are as a person confirmed or corrected them (in the
   * task pane's mapping editor): they win over a stored mapping, and the
   * record is stored with `confirmed: true` so detection honours it next time.
   */
  confirmedMapping?: boolean;
  /**
   * Computed columns (canonical field ids) whose typed-over or broken cells
   * get the template's formula back. None unless a person chose them: a
   * value someone typed is theirs until they say otherwise.
   */
  restoreFormulas?: readonly string[];
}

export function planApplyTemplate(s: RegisterSnapshot, template: Template, options: ApplyTemplateOptions = {}): ApplyPlanning {
  const g = registerGeometry(s.register, s.table);
  const sheet = s.register.sheet;
  const notes: string[] = [];
  const edits: Edit[] = [];
  const tableRange: RangeAddress = { top: g.headerRow, bottom: g.lastBodyRow, left: g.left, right: g.right };
  const repeats = s.table ? [] : (s.register.repeatedHeaderRows ?? []);
  if (repeats.length) {
    const subtotals = s.register.subtotalRows ?? [];
    return {
      ok: false,
      problem: {
        code: "repeated_header",
        sheet,
        cells: repeats.map((r) => formatCell({ row: r, col: g.left })),
        message: `Sheet “${sheet}”: the register repeats its header at row${repeats.length === 1 ? "" : "s"} ${repeats.join(", ")}${subtotals.length ? `, with subtotal row${subtotals.length === 1 ? "" : "s"} ${subtotals.join(", ")} between its blocks` : ""}. An Excel table cannot hold those rows, and its formulas would give errors on them, so nothing was changed. Make the blocks one list (headers and subtotals out of it) and apply again.`,
      },
    };
  }

  let tableName: string;
  let headers: string[];
  if (s.table) {
    tableName = s.table.name;
    headers = tableHeaders(s, g);
  } else {
    const merged = mergesInside(s, tableRange).sort((a, b) => a.top - b.top || a.left - b.left);
    for (const m of merged) {
      const kept = valueAt(s.cells, m.top, m.left);
      const text = isBlank(kept) ? "" : cellText(kept).trim();
      edits.push({ type: "unmergeCells", sheet, address: formatRange(m), ...(text ? { label: text } : {}) });
    }
    if (merged.length) notes.push(unmergeNote(merged, g.headerRow));
    tableName = uniqueTableName(template.kind, s.tableNames);
    const { names, fixes } = tableHeaderNames(s, g, template);
    headers = names;
    for (const f of fixes) {
      const from = merged.find((m) => m.top <= g.headerRow && m.bottom >= g.headerRow && f.col >= m.left && f.col <= m.right && !(m.top === g.headerRow && m.left === f.col));
      const why = from && f.from === "" ? `${formatCell({ row: g.headerRow, col: f.col })} is empty once ${formatRange(from)} is unmerged; a table column needs a name, so it gets “${f.to}”` : f.why;
      edits.push({ type: "setCells", sheet, address: formatCell({ row: g.headerRow, col: f.col }), cells: [[f.to]], label: why });
      notes.push(why);
    }
    edits.push({ type: "createTable", sheet, address: formatRange(tableRange), name: tableName, style: "TableStyleMedium2" });
  }

  const record = storedRecordFor(s.metadata, s.register, tableName);
  const placedAsTemplate = placeColumns(s, template, g, headers, options.confirmedMapping ? undefined : record);
  const added = placedAsTemplate.filter((p) => p.added).sort((a, b) => a.col - b.col);
  const right = added.length ? added[added.length - 1].col : g.right;
  const full: RegisterGeometry = { ...g, right };

  if (added.length) {
    const growth: RangeAddress = { top: g.headerRow, bottom: g.lastBodyRow, left: g.right + 1, right };
    const blocking: string[] = [];
    for (let r = growth.top; r <= growth.bottom && blocking.length < 5; r++) {
      for (let c = growth.left; c <= growth.right; c++) {
        if (!isBlank(valueAt(s.cells, r, c)) || formulaAt(s.cells, r, c) !== null) blocking.push(formatCell({ row: r, col: c }));
      }
    }
    const merges = mergesInside(s, growth).map(formatRange);
    if (blocking.length || merges.length) {
      const what = blocking.length ? `${blocking.join(", ")} ${blocking.length === 1 ? "is" : "are"} not empty` : `it holds merged cells ${merges.join(", ")}`;
      return {
        ok: false,
        problem: {
          code: "no_room",
          sheet,
          cells: [...blocking, ...merges],
          message: `Sheet “${sheet}”: table “${tableName}” needs ${added.length} more column(s) (${added.map((a) => a.header).join(", ")}) in ${formatRange(growth)}, but ${what}. Move what is there, or insert empty columns after the register, and apply again; nothing was changed.`,
        },
      };
    }
  }

  const places = fieldPlaces(s, g, placedAsTemplate);
  const placed = withBandFormulas(template, placedAsTemplate, places, s.metadata.settings);
  const contentRows = rowsWithContent(s, g, placed);
  const restore = new Set(options.restoreFormulas ?? []);
  const resultAt = columnResults(placed, places, s.cells, (p, r) => (p.column.formula ? cellFormula(p.column.formula, tableName, places, r) : undefined), restore);
  /** A formula cell with core's result for it, where core has one. */
  const formulaCell = (p: PlacedColumn, f: string, row: number): CellInput => {
    const result = resultAt(p, row);
    return result === null ? { formula: f as `=${string}` } : { formula: f as `=${string}`, result };
  };

  if (added.length) {
    edits.push({
      type: "addTableColumns",
      sheet,
      table: tableName,
      columns: placed.filter((p) => p.added).sort((a, b) => a.col - b.col).map((p) => {
        const f = p.column.formula ? cellFormula(p.column.formula, tableName, places, g.firstBodyRow) : undefined;
        if (!f) return { header: p.header };
        const results = range(g.firstBodyRow, g.lastBodyRow).map((r) => resultAt(p, r));
        return { header: p.header, formula: f as `=${string}`, ...(results.some((x) => x !== null) ? { results } : {}) };
      }),
    });
  }

  // Computed columns the user already has: their own formulas stay; typed-over or broken cells get the formula back only where a person chose it.
  for (const p of placed) {
    if (p.added || !p.column.formula) continue;
    const letter = columnLetter(p.col);
    const review = computedColumnReview(s, g, p, tableName, places, contentRows);
    for (const [a, b] of runsOf(review.staleBands)) {
      const cells: CellInput[][] = [];
      for (let r = a; r <= b; r++) cells.push([formulaCell(p, cellFormula(p.column.formula, tableName, places, r) as string, r)]);
      edits.push({ type: "setCells", sheet, address: `${letter}${a}:${letter}${b}`, cells, label: `${p.header}: bands of the workbook's band set` });
    }
    if (review.ownFormulas.length) {
      notes.push(ownFormulasNote(p.header, letter, review.ownFormulas.map((r) => `${letter}${r}`), formulaAt(s.cells, review.ownFormulas[0], p.col) ?? ""));
      continue;
    }
    const targets = review.restorable;
    if (!targets.length) {
      if (review.state.overwritten.length > 0) notes.push(`${p.header} (column ${letter}) holds typed values, not the ${p.column.header} formula; they are left as they are`);
      continue;
    }
    if (p.lowConfidence) {
      notes.push(`${p.header} (column ${letter}) may not be the ${p.column.header} column (low confidence), so its cells are left as they are`);
      continue;
    }
    const cellsOf = targets.map((r) => `${letter}${r}`);
    if (!restore.has(p.column.id)) {
      notes.push(keptFormulaNote(p.header, p.column.id, cellsOf));
      continue;
    }
    if (review.unscaled.length) notes.push(`${p.header} (column ${letter}): the formula now looks each level up on its scale, so words such as “High” give a score and a level off the scale gives an empty cell`);
    const label = restoreLabel(p.column.header, cellsOf);
    for (const [a, b] of runsOf(targets)) {
      const cells: CellInput[][] = [];
      for (let r = a; r <= b; r++) {
        const f = cellFormula(p.column.formula, tableName, places, r);
        cells.push([f ? formulaCell(p, f, r) : null]);
      }
      edits.push({ type: "setCells", sheet, address: `${letter}${a}:${letter}${b}`, cells, label });
    }
  }

  for (const p of placed) {
    const format = numberFormatFor(p.column);
    if (!format) continue;
    const letter = columnLetter(p.col);
    const rows = p.added ? range(g.firstBodyRow, g.lastBodyRow) : cellsNeedingFormat(s, g, p.col, p.column, format);
    for (const [a, b] of runsOf(rows)) edits.push({ type: "setNumberFormat", sheet, address: `${letter}${a}:${letter}${b}`, format, label: p.header });
  }

  const listed = placed.filter((p) => p.column.allowedValues?.length);
  const lookupEdits: Edit[] = [];
  const sources = listsSheetEdits(s, listed.filter((p) => needsLookupSheet(p.column.allowedValues ?? [])), lookupEdits);
  edits.push(...lookupEdits);
  for (const p of listed) {
    const want = validationFor(p.column, sources.get(p.column.id));
    if (!want) continue;
    if (!p.added) {
      const count = valuesOutsideList(s, g, p.col, p.column.allowedValues ?? []);
      if (mostlyOutsideList(count)) {
        notes.push(
          `${p.header} (column ${columnLetter(p.col)}): no drop-down added, ${count.cells.length} of ${count.filled} values are not in the template's list (e.g. “${count.values.slice(0, 3).join("”, “")}”); check the column mapping, or the values, first`,
        );
        continue;
      }
    }
    const address = bodyAddress(g, p.col);
    const have = p.added ? null : s.rules?.get(columnLetter(p.col))?.validation;
    if (!p.added && sameValidation(have, want)) continue;
    edits.push({ type: "setDataValidation", sheet, address, validation: want, label: p.header });
  }

  for (const p of placed) {
    const rules = conditionalFormatsFor(template, p.column, places, g.firstBodyRow, s.metadata.settings);
    if (!rules.length) continue;
    const address = bodyAddress(g, p.col);
    const have = p.added ? [] : (s.rules?.get(columnLetter(p.col))?.conditionalFormats ?? null);
    if (have && !p.added && sameRules(have, address, rules)) continue;
    edits.push({ type: "replaceConditionalFormats", sheet, address, rules, label: p.header });
  }

  const headerAddress = formatRange({ top: g.headerRow, bottom: g.headerRow, left: g.left, right: full.right });
  const looks = s.headerLooks;
  const styled = (look: (typeof looks & object)[number] | undefined) => !!look && look.bold === true && (look.fill ?? null) === HEADER_STYLE.fill && look.wrapText === true;
  const existingStyled = looks !== null && looks.length >= g.right - g.left + 1 && looks.slice(0, g.right - g.left + 1).every(styled);
  if (!existingStyled) edits.push({ type: "setStyle", sheet, address: headerAddress, style: HEADER_STYLE });
  else if (added.length) edits.push({ type: "setStyle", sheet, address: formatRange({ top: g.headerRow, bottom: g.headerRow, left: g.right + 1, right: full.right }), style: HEADER_STYLE });

  const widths = added.filter((p) => p.column.width).map((p) => ({ column: columnLetter(p.col), width: p.column.width as number }));
  if (widths.length) edits.push({ type: "setColumnWidths", sheet, widths });

  for (const p of placed) if (p.lowConfidence) notes.push(`${p.column.header} is taken to be “${p.header}” (column ${columnLetter(p.col)}), with low confidence; check it`);

  const meta = metadataEdit(s, registerRecord(template, sheet, tableName, g.headerRow, placed, options.confirmedMapping === true || (record?.confirmed ?? false)), record);
  if (meta) edits.push(meta);

  return { ok: true, plan: makePlan(`Apply ${template.name} ${template.version} to “${sheet}”`, edits), notes, table: tableName, geometry: full, columns: placed };
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let r = a; r <= b; r++) out.push(r);
  return out;
}

/** A sheet name no sheet uses yet, from the template's name. */
export function newRegisterSheetName(template: Template, sheetNames: string[]): string {
  const base = template.name.replace(/[\\/?*[\]:]/g, " ").slice(0, 28).trim() || "Register";
  const used = new Set(sheetNames.map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base} ${n}`.slice(0, 31);
    if (!used.has(name.toLowerCase())) return name;
  }
}

export interface NewRegisterInput {
  template: Template;
  sheet: string;
  sheetNames: string[];
  tableNames: string[];
  metadata: RegisterSnapshot["metadata"];
  lists: RegisterSnapshot["lists"];
}

/** A register of the template on a new sheet: header row 1, one empty body row, formats, drop-downs, formulas and the record. */
export function planNewRegister(input: NewRegisterInput): Plan {
  const { template, sheet } = input;
  const tableName = uniqueTableName(template.kind, input.tableNames);
  const edits: Edit[] = [{ type: "addSheet", sheet, hidden: "visible" }];
  const n = template.columns.length;
  const g: RegisterGeometry = { sheet, headerRow: 1, firstBodyRow: 2, lastBodyRow: 2, left: 1, right: n };
  const asTemplate: PlacedColumn[] = template.columns.map((column, i) => ({ column, col: i + 1, header: column.header, added: true, lowConfidence: false }));
  const places: Record<string, FieldPlace> = Object.fromEntries(asTemplate.map((p) => [p.column.id, { header: p.header, col: p.col }]));
  const placed = withBandFormulas(template, asTemplate, places, input.metadata.settings);
  edits.push({ type: "setCells", sheet, address: formatRange({ top: 1, bottom: 1, left: 1, right: n }), cells: [placed.map((p) => p.header)], label: "header row" });
  edits.push({ type: "createTable", sheet, address: formatRange({ top: 1, bottom: 2, left: 1, right: n }), name: tableName, style: "TableStyleMedium2" });
  for (const p of placed) {
    if (!p.column.formula) continue;
    const f = cellFormula(p.column.formula, tableName, places, 2);
    if (f) edits.push({ type: "setCells", sheet, address: `${columnLetter(p.col)}2`, cells: [[{ formula: f as `=${string}` }]], label: `${p.header} formula` });
  }
  for (const p of placed) {
    const format = numberFormatFor(p.column);
    if (format) edits.push({ type: "setNumberFormat", sheet, address: bodyAddress(g, p.col), format, label: p.header });
  }
  const listed = placed.filter((p) => p.column.allowedValues?.length);
  const snapshotLike = { sheetNames: input.sheetNames, lists: input.lists } as RegisterSnapshot;
  const sources = listsSheetEdits(snapshotLike, listed.filter((p) => needsLookupSheet(p.column.allowedValues ?? [])), edits);
  for (const p of listed) {
    const v = validationFor(p.column, sources.get(p.column.id));
    if (v) edits.push({ type: "setDataValidation", sheet, address: bodyAddress(g, p.col), validation: v, label: p.header });
  }
  for (const p of placed) {
    const rules = conditionalFormatsFor(template, p.column, places, 2, input.metadata.settings);
    if (rules.length) edits.push({ type: "replaceConditionalFormats", sheet, address: bodyAddress(g, p.col), rules, label: p.header });
  }
  edits.push({ type: "setStyle", sheet, address: formatRange({ top: 1, bottom: 1, left: 1, right: n }), style: HEADER_STYLE });
  const widths = placed.filter((p) => p.column.width).map((p) => ({ column: columnLetter(p.col), width: p.column.width as number }));
  if (widths.length) edits.push({ type: "setColumnWidths", sheet, widths });
  const record = registerRecord(template, sheet, tableName, 1, placed, false);
  edits.push({ type: "setMetadata", key: "registers", value: [...input.metadata.registers, record] });
  return makePlan(`New ${template.name} ${template.version} on sheet “${sheet}”`, edits);
}
