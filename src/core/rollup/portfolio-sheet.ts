/**
 * The Portfolio sheet as a plan: one row per project, grouped programme →
 * portfolio with subtotal rows, a live total row, the files that could not be
 * read, and when it was refreshed. Re-running rewrites the same sheet in
 * place: the sheet, its colour rules and its record are replaced, never
 * added again, and what the PMO typed in columns beside the rollup (or in
 * rows below it) is kept, against its project's key, wherever that project's
 * row now falls.
 */
import { columnLetter, formatRange, quoteSheetName } from "../grid/address";
import { isBlank, type CellValue } from "../grid/cell";
import type { SheetCells } from "../detect/sheet-cells";
import type { RiskBand } from "../metadata/settings";
import type { CellInput, Edit } from "../plan/edits";
import { plan, type Plan } from "../plan/plan";
import { present, valueOf, type ProjectSummary } from "./fields";
import { ragVerdict, type RagRules, type RagVerdict } from "./rag";
import { DATE, letterMap, sheetColumns, totalFormula, totalResults, type ProjectRowInput, type SheetColumn } from "./sheet-columns";
import { freeSheetName } from "../grid/sheet-names";

export const ROLLUP_METADATA_KEY = "rollup";
export const DEFAULT_ROLLUP_SHEET = "Portfolio rollup";
const TITLE_ROW = 1;
const REFRESHED_ROW = 2;
export const HEADER_ROW = 4;
const FIRST_BODY_ROW = HEADER_ROW + 1;

/** What the workbook records about its rollup sheet, so the next run finds it again. */
export interface RollupRecord {
  sheet: string;
  headerRow: number;
  /** Our column ids, left to right; columns past them are the PMO's. */
  columns: string[];
  /** The last row the rollup wrote; rows below are the PMO's. */
  lastRow: number;
}

export function rollupRecordOf(value: unknown): RollupRecord | null {
  const v = value as Partial<RollupRecord> | null | undefined;
  if (!v || typeof v.sheet !== "string" || typeof v.headerRow !== "number" || !Array.isArray(v.columns) || typeof v.lastRow !== "number") return null;
  return { sheet: v.sheet, headerRow: v.headerRow, columns: v.columns.filter((c): c is string => typeof c === "string"), lastRow: v.lastRow };
}

export type ProjectLink = { kind: "sheet"; sheet: string } | { kind: "file"; path: string; label: string } | null;

export interface PortfolioInput {
  projects: { summary: ProjectSummary; link: ProjectLink }[];
  failed: { file: string; reason: string }[];
  /** When the rollup was made, as an Excel serial (local time). */
  refreshedAt: number;
  bands: readonly RiskBand[];
  rules: RagRules;
  sheetNames: readonly string[];
  /** The rollup sheet already there (its record and its cells from A1), or null on a first run. */
  existing: { record: RollupRecord; cells: SheetCells } | null;
}

export interface PortfolioRow {
  key: string;
  file: string;
  project: string;
  programme: string | null;
  portfolio: string | null;
  verdict: RagVerdict;
  row: number;
}

export interface PortfolioPlan {
  plan: Plan;
  sheet: string;
  rows: PortfolioRow[];
  totalRow: number;
  columns: SheetColumn[];
}

/** A string for inside a formula's quotes: quotes doubled, control characters gone, cut to Excel's 255 per literal. */
export function formulaString(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, 255).replace(/"/g, '""');
}

/** HYPERLINK to a sheet of this workbook or to a file; every outside text sits inside quotes, so it can never be read as a formula. */
export function linkFormula(link: ProjectLink): CellInput {
  if (!link) return null;
  if (link.kind === "sheet") {
    const target = `#${quoteSheetName(link.sheet)}!A1`;
    if (target.length > 255) return link.sheet;
    return hyperlink(target, link.sheet.trim());
  }
  if (link.path.length > 255) return link.label;
  return hyperlink(link.path, link.label);
}

/** HYPERLINK shows its friendly name: the label as the formula holds it is the cell's result. */
function hyperlink(target: string, label: string): CellInput {
  const shown = formulaString(label);
  return { formula: `=HYPERLINK("${formulaString(target)}","${shown}")`, result: shown.replace(/""/g, '"') };
}

interface BuiltRow {
  /** What the row is matched by on the next run: a project's key, else its label. */
  identity: string | null;
  cells: CellInput[];
  style?: "group" | "subtotal" | "total" | "heading";
}

/** What the PMO typed beside or below the old rollup, by row identity. */
interface KeptNotes {
  headers: CellInput[];
  byIdentity: Map<string, CellInput[]>;
  /** Notes on rows no project or label claims (a second note for one key, a note on a blank row): kept, written after the rollup. */
  leftOver: { identity: string | null; cells: CellInput[] }[];
  /** Whole rows typed below the rollup: they move down with it. */
  below: CellInput[][];
  width: number;
  /** Columns and rows the old rollup covered (for clearing). */
  oldRight: number;
  oldBottom: number;
}

function asInput(v: CellValue, formula: string | null): CellInput {
  if (formula) return { formula };
  if (v === null || typeof v === "object") return null;
  return v;
}

function identityOf(line: readonly CellValue[], keyCol: number): string | null {
  const key = line[keyCol];
  if (!isBlank(key ?? null) && typeof key !== "object") return `key:${String(key)}`;
  const label = line[0];
  return typeof label === "string" && label.trim() ? `label:${label.trim()}` : null;
}

function keptNotes(existing: PortfolioInput["existing"]): KeptNotes {
  const empty: KeptNotes = { headers: [], byIdentity: new Map(), leftOver: [], below: [], width: 0, oldRight: 0, oldBottom: 0 };
  if (!existing) return empty;
  const { record, cells } = existing;
  const ours = record.columns.length;
  const keyCol = Math.max(0, record.columns.indexOf("key"));
  const at = (row: number): { values: CellValue[]; formulas: (string | null)[] } => ({ values: cells.values[row - cells.top] ?? [], formulas: cells.formulas?.[row - cells.top] ?? [] });
  let width = 0;
  const lastRowOfCells = cells.top + cells.values.length - 1;
  for (let r = record.headerRow; r <= lastRowOfCells; r++) {
    const { values, formulas } = at(r);
    for (let c = ours; c < values.length; c++) if (!isBlank(values[c] ?? null) || formulas[c]) width = Math.max(width, c - ours + 1);
  }
  const notesOf = (r: number) => {
    const { values, formulas } = at(r);
    const out: CellInput[] = [];
    for (let c = 0; c < width; c++) out.push(asInput(values[ours + c] ?? null, formulas[ours + c] ?? null));
    return out;
  };
  const headers = notesOf(record.headerRow);
  const byIdentity = new Map<string, CellInput[]>();
  const leftOver: KeptNotes["leftOver"] = [];
  for (let r = record.headerRow + 1; r <= record.lastRow; r++) {
    const notes = notesOf(r);
    if (notes.every((n) => n === null)) continue;
    const id = identityOf(at(r).values, keyCol);
    if (id && !byIdentity.has(id)) byIdentity.set(id, notes);
    else leftOver.push({ identity: id, cells: notes });
  }
  // Rows typed below the rollup are the PMO's: they move down with it, whole.
  const below: CellInput[][] = [];
  for (let r = record.lastRow + 1; r <= lastRowOfCells; r++) {
    const { values, formulas } = at(r);
    const line: CellInput[] = [];
    const w = Math.max(values.length, formulas.length);
    for (let c = 0; c < w; c++) line.push(asInput(values[c] ?? null, formulas[c] ?? null));
    below.push(line);
  }
  while (below.length && below[below.length - 1].every((c) => c === null)) below.pop();
  return { headers, byIdentity, leftOver, below, width, oldRight: Math.max(ours, ...cells.values.map((l) => l.length)), oldBottom: lastRowOfCells };
}

function groupLabel(kind: "Portfolio" | "Programme", name: string | null): string {
  return name ?? `(no ${kind.toLowerCase()})`;
}

function byName<T extends { name: string | null }>(a: T, b: T): number {
  if (a.name === b.name) return 0;
  if (a.name === null) return 1;
  if (b.name === null) return -1;
  return a.name.localeCompare(b.name);
}

/** Keys made unique across files: two files giving the same code are told apart by their file. */
function uniqueKeys(projects: readonly ProjectSummary[]): string[] {
  const counts = new Map<string, number>();
  for (const p of projects) counts.set(p.key, (counts.get(p.key) ?? 0) + 1);
  return projects.map((p) => ((counts.get(p.key) ?? 0) > 1 ? `${p.key} (${p.file.split(/[\\/]/).pop()})` : p.key));
}

export function planPortfolioSheet(input: PortfolioInput): PortfolioPlan {
  const columns = sheetColumns(input.bands);
  const letter = letterMap(columns);
  const width = columns.length;
  const record = input.existing?.record ?? null;
  const sheet = record?.sheet ?? freeSheetName(DEFAULT_ROLLUP_SHEET, input.sheetNames);
  const notes = keptNotes(input.existing);
  const topBand = input.bands.length ? [...input.bands].sort((a, b) => b.max - a.max)[0].name : undefined;
  const keys = uniqueKeys(input.projects.map((p) => p.summary));
  const projects = input.projects.map((p, i): ProjectRowInput & { key: string; programme: string | null; portfolio: string | null } => {
    const summary = { ...p.summary, key: keys[i] };
    return {
      summary,
      key: keys[i],
      verdict: ragVerdict(summary, input.rules, topBand),
      link: linkFormula(p.link),
      programme: valueOf(summary.fields.programme) ?? null,
      portfolio: valueOf(summary.fields.portfolio) ?? null,
    };
  });
  const usePortfolio = projects.some((p) => p.portfolio !== null);
  const useProgramme = projects.some((p) => p.programme !== null);

  const rows: BuiltRow[] = [];
  const out: PortfolioRow[] = [];
  const rowNumber = () => FIRST_BODY_ROW + rows.length;
  const blankLine = (): CellInput[] => new Array(width).fill(null);
  const subtotal = (label: string, top: number, bottom: number): BuiltRow => {
    const row = rowNumber();
    // The project rows it spans (group and subtotal rows carry a style), for the figures its formulas calculate.
    const spanned = rows.slice(top - FIRST_BODY_ROW, bottom - FIRST_BODY_ROW + 1).filter((r) => !r.style);
    const at = new Map(columns.map((c, i) => [c.id, i]));
    const results = totalResults(columns, (id) => spanned.map((r) => r.cells[at.get(id) ?? -1]).filter((v): v is number => typeof v === "number"));
    const cells = columns.map((c) => (c.id === "project" ? label : bottom >= top ? totalFormula(c, letter, top, bottom, row, results) : null));
    return { identity: `label:${label}`, cells, style: "subtotal" };
  };
  const projectRows = (list: typeof projects) => {
    for (const p of [...list].sort((a, b) => (valueOf(a.summary.fields.project) ?? a.key).localeCompare(valueOf(b.summary.fields.project) ?? b.key))) {
      out.push({ key: p.key, file: p.summary.file, project: valueOf(p.summary.fields.project) ?? p.key, programme: p.programme, portfolio: p.portfolio, verdict: p.verdict, row: rowNumber() });
      rows.push({ identity: `key:${p.key}`, cells: columns.map((c) => c.value(p)) });
    }
  };
  const programmeBlock = (list: typeof projects) => {
    if (!useProgramme) return projectRows(list);
    const names = [...new Set(list.map((p) => p.programme))].map((name) => ({ name })).sort(byName);
    for (const { name } of names) {
      const label = groupLabel("Programme", name);
      rows.push({ identity: `label:Programme: ${label}`, cells: Object.assign(blankLine(), { 0: `Programme: ${label}` }), style: "group" });
      const top = rowNumber();
      projectRows(list.filter((p) => p.programme === name));
      rows.push(subtotal(`Subtotal ${label}`, top, rowNumber() - 1));
    }
  };
  if (usePortfolio) {
    const names = [...new Set(projects.map((p) => p.portfolio))].map((name) => ({ name })).sort(byName);
    for (const { name } of names) {
      const label = groupLabel("Portfolio", name);
      rows.push({ identity: `label:Portfolio: ${label}`, cells: Object.assign(blankLine(), { 0: `Portfolio: ${label}` }), style: "group" });
      const top = rowNumber();
      programmeBlock(projects.filter((p) => p.portfolio === name));
      rows.push(subtotal(`Subtotal portfolio ${label}`, top, rowNumber() - 1));
    }
  } else programmeBlock(projects);
  const bodyBottom = rowNumber() - 1;
  const totalRow = rowNumber();
  rows.push({ ...subtotal("Total", FIRST_BODY_ROW, bodyBottom), style: "total" });
  if (input.failed.length) {
    rows.push({ identity: null, cells: blankLine() });
    rows.push({ identity: "label:Not rolled up", cells: Object.assign(blankLine(), { 0: "Not rolled up", 1: "Reason" }), style: "heading" });
    for (const f of input.failed) rows.push({ identity: `label:${f.file}`, cells: Object.assign(blankLine(), { 0: f.file, 1: f.reason }) });
  }

  // Notes back against their rows; notes whose project is gone, and rows typed below, after the rollup.
  const noteWidth = notes.width;
  const grid: CellInput[][] = [];
  const used = new Set<string>();
  const header = [...columns.map((c) => c.header as CellInput), ...padded(notes.headers, noteWidth)];
  for (const r of rows) {
    const kept = r.identity ? notes.byIdentity.get(r.identity) : undefined;
    if (kept && r.identity) used.add(r.identity);
    grid.push([...r.cells, ...padded(kept ?? [], noteWidth)]);
  }
  const orphans = [...notes.byIdentity].filter(([id]) => !used.has(id)).map(([id, cells]) => ({ identity: id, cells }));
  const trailing: CellInput[][] = [];
  for (const o of [...orphans.map((x) => ({ ...x, gone: true })), ...notes.leftOver.map((x) => ({ ...x, gone: false }))]) {
    const line = blankLine();
    line[0] = o.identity?.startsWith("key:") ? (o.gone ? "(no longer in the rollup)" : "(note kept from an earlier run)") : (o.identity?.replace(/^label:/, "") ?? "(note kept from an earlier run)");
    if (o.identity?.startsWith("key:")) line[1] = o.identity.slice(4);
    trailing.push([...line, ...padded(o.cells, noteWidth)]);
  }
  const belowRows = notes.below;
  const fullWidth = Math.max(width + noteWidth, notes.oldRight, ...belowRows.map((b) => b.length));
  const region: CellInput[][] = [
    padded([`Portfolio rollup`], fullWidth),
    padded(["Refreshed", input.refreshedAt], fullWidth),
    padded([], fullWidth),
    padded(header, fullWidth),
    ...grid.map((g) => padded(g, fullWidth)),
  ];
  if (trailing.length) region.push(padded([], fullWidth), ...trailing.map((t) => padded(t, fullWidth)));
  const rollupBottom = TITLE_ROW + region.length - 1;
  if (belowRows.length) region.push(padded([], fullWidth), ...belowRows.map((b) => padded(b, fullWidth)));
  while (TITLE_ROW + region.length - 1 < notes.oldBottom) region.push(padded([], fullWidth));

  const edits: Edit[] = [];
  if (!record) edits.push({ type: "addSheet", sheet, hidden: "visible" });
  edits.push({ type: "setCells", sheet, address: formatRange({ top: TITLE_ROW, left: 1, bottom: TITLE_ROW + region.length - 1, right: fullWidth }), cells: region, label: `portfolio rollup: ${plural(out.length, "project")}, subtotals and live totals${input.failed.length ? `, ${plural(input.failed.length, "file")} not rolled up` : ""}` });
  edits.push({ type: "setNumberFormat", sheet, address: `B${REFRESHED_ROW}`, format: `${DATE} hh:mm` });
  const bodyTop = FIRST_BODY_ROW;
  const styleBottom = Math.max(totalRow, record?.lastRow ?? 0);
  edits.push({ type: "setStyle", sheet, address: formatRange({ top: bodyTop, left: 1, bottom: styleBottom, right: width }), style: { bold: false, fill: null } });
  columns.forEach((c, i) => {
    if (c.format) edits.push({ type: "setNumberFormat", sheet, address: formatRange({ top: bodyTop, left: i + 1, bottom: totalRow, right: i + 1 }), format: c.format });
  });
  edits.push({ type: "setStyle", sheet, address: `A${TITLE_ROW}`, style: { bold: true } });
  edits.push({ type: "setStyle", sheet, address: formatRange({ top: HEADER_ROW, left: 1, bottom: HEADER_ROW, right: width }), style: { bold: true, fill: "#1F3864", fontColor: "#FFFFFF", wrapText: true, verticalAlignment: "Center" } });
  rows.forEach((r, i) => {
    if (!r.style) return;
    const fill = r.style === "total" ? "#BDD7EE" : r.style === "subtotal" ? "#DDEBF7" : r.style === "group" ? "#F2F2F2" : undefined;
    edits.push({ type: "setStyle", sheet, address: formatRange({ top: bodyTop + i, left: 1, bottom: bodyTop + i, right: width }), style: { bold: true, ...(fill ? { fill } : {}) } });
  });
  const ragRange = (id: string) => formatRange({ top: bodyTop, left: columns.findIndex((c) => c.id === id) + 1, bottom: Math.max(styleBottom, bodyTop), right: columns.findIndex((c) => c.id === id) + 1 });
  for (const id of ["rag", "statedRag"]) {
    const l = letter(id);
    edits.push({
      type: "replaceConditionalFormats",
      sheet,
      address: ragRange(id),
      rules: [
        { kind: "expression", formula: `=LEFT($${l}${bodyTop},3)="Red"`, fill: "#FFC7CE", fontColor: "#9C0006" },
        { kind: "expression", formula: `=ISNUMBER(SEARCH("Red",$${l}${bodyTop}))`, fill: "#F8CBAD" },
        { kind: "expression", formula: `=LEFT($${l}${bodyTop},5)="Amber"`, fill: "#FFEB9C", fontColor: "#9C5700" },
        { kind: "expression", formula: `=$${l}${bodyTop}="Green"`, fill: "#C6EFCE", fontColor: "#006100" },
      ],
      label: `${id === "rag" ? "RAG" : "stated RAG"} colours`,
    });
  }
  if (!record) edits.push({ type: "setColumnWidths", sheet, widths: columns.map((c, i) => ({ column: columnLetter(i + 1), width: c.width })) });
  const newRecord: RollupRecord = { sheet, headerRow: HEADER_ROW, columns: columns.map((c) => c.id), lastRow: rollupBottom };
  edits.push({ type: "setMetadata", key: ROLLUP_METADATA_KEY, value: { ...newRecord } });
  const title = record ? `Refresh the portfolio rollup on “${sheet}”` : `Add the portfolio rollup sheet “${sheet}”`;
  return { plan: plan(title, edits), sheet, rows: out, totalRow, columns };
}

function padded(cells: readonly CellInput[], width: number): CellInput[] {
  const out = cells.slice(0, Math.max(width, cells.length));
  while (out.length < width) out.push(null);
  return out;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}

/** The JSON figures of a project row (CLI contract: file, project, budget, actual, forecast, openRisks, rag). */
export function projectFigures(summary: ProjectSummary, verdict: RagVerdict): Record<string, unknown> {
  const f = summary.fields;
  const v = <T>(x: { value: T } | { missing: string }) => (present(x as never) ? (x as { value: T }).value : null);
  return {
    file: summary.file,
    project: v(f.project),
    key: summary.key,
    programme: v(f.programme),
    portfolio: v(f.portfolio),
    manager: v(f.manager),
    phase: v(f.phase),
    budget: v(f.budget),
    actual: v(f.actual),
    forecast: v(f.forecast),
    variance: v(f.variance),
    variancePercent: v(f.variancePercent),
    cpi: v(f.cpi),
    spi: v(f.spi),
    percentComplete: v(f.percentComplete),
    openRisks: v(f.openRisks),
    risksByBand: v(f.risksByBand),
    highestResidualRisk: v(f.highestResidualRisk),
    openIssues: v(f.openIssues),
    overdueItems: v(f.overdueItems),
    nextMilestone: v(f.nextMilestone),
    lastUpdated: v(f.lastUpdated),
    rag: verdict.shown,
    ragByRules: verdict.rag,
    statedRag: v(f.statedRag),
    ...(verdict.disagreement ? { ragDisagreement: verdict.disagreement } : {}),
    fields: f,
  };
}
