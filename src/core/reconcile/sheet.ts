/**
 * The Reconciliation sheet as a plan: a tie-out block on top whose sums are
 * live formulas over the listed lines, then one section per outcome, then the
 * findings. Re-running writes the same sheet again in place (cells left over
 * from a longer earlier run are cleared), so there is never a second sheet.
 * Every text that came from the ledger is written as text (a plain string in a
 * plan is always text), so "=cmd|..." in a description stays words.
 */
import { columnLetter, formatRange, parseRange } from "../grid/address";
import type { CellValue } from "../grid/cell";
import { formulaInput, type CellInput, type Edit } from "../plan/edits";
import { plan, type Plan } from "../plan/plan";
import { SECTION_IDS, type ReconcileLine, type ReconcileResult, type SectionId } from "./match";
import type { ReconcileFinding } from "./types";

export const RECONCILIATION_SHEET = "Reconciliation";
/** A1 of a sheet this job wrote: how a re-run knows the sheet is its own to refresh. */
export const RECONCILIATION_TITLE = "Reconciliation: tracker actuals against the finance ledger";

export const SECTION_TITLES: Record<SectionId, string> = {
  matched: "Matched",
  differences: "Amount differences",
  timing: "Timing differences (posted in a later period)",
  trackerOnly: "Tracker only (not in the ledger)",
  ledgerOnly: "Ledger only (not in the tracker)",
};

const COLUMNS = ["Project", "Cost code", "Period", "Ledger period", "Tracker", "Ledger", "Difference", "Ledger lines", "Documents", "Tracker cells"];
const WIDTH = COLUMNS.length;
const MONEY = "#,##0.00;-#,##0.00";
/** Rows per setCells edit: keeps each write a bounded payload for hosts that send it whole. */
const ROWS_PER_EDIT = 5000;
/** Findings listed on the sheet; the rest are counted. */
const FINDINGS_LISTED = 500;

export interface SheetContext {
  tracker: string;
  trackerWhere: string;
  ledger: string;
  notes: string[];
}

export interface ExistingSheet {
  name: string;
  usedRange: string | null;
  /** What its A1 holds: our title means the sheet is ours to refresh. */
  a1: CellValue;
}

export interface ReconciliationLayout {
  sheet: string;
  /** Sheet row of each section's first line (the line at index i is on row first + i). */
  firstRow: Record<SectionId, number>;
  tieOutRows: { sections: number; total: number; check: number; ties: number };
}

/** Our sheet to refresh, or a free name beside a user's own "Reconciliation" sheet. */
export function reconciliationSheetName(sheets: readonly ExistingSheet[]): { name: string; existing: ExistingSheet | null } {
  for (let n = 1; n < 100; n++) {
    const name = n === 1 ? RECONCILIATION_SHEET : `${RECONCILIATION_SHEET} ${n}`;
    const same = sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!same) return { name, existing: null };
    if (same.a1 === RECONCILIATION_TITLE) return { name: same.name, existing: same };
  }
  throw new Error("no free name for the reconciliation sheet");
}

function keyWords(r: ReconcileResult): string {
  const parts = [r.keyFields.project ? "project" : null, r.keyFields.costCode ? "cost code" : null, r.keyFields.byPeriod ? "period" : null].filter(Boolean);
  return parts.join(" + ") || "total";
}

function lineRow(l: ReconcileLine, row: number): CellInput[] {
  return [
    l.project || null,
    l.costCode || null,
    l.period,
    l.ledgerPeriod,
    l.tracker,
    l.ledger,
    { formula: `=N(F${row})-N(E${row})`, result: n(l.ledger) - n(l.tracker) },
    l.ledgerLines,
    l.documents.length ? l.documents.join(", ") + (l.ledgerLines > l.documents.length ? ", …" : "") : null,
    l.trackerCells.length ? l.trackerCells.slice(0, 12).join(", ") + (l.trackerCells.length > 12 ? ", …" : "") : null,
  ];
}

/** N() of an amount cell: the number, or 0 for a blank. */
const n = (v: number | null): number => v ?? 0;

const sum = (xs: readonly (number | null)[]): number => xs.reduce<number>((a, x) => a + n(x), 0);

/**
 * ROUND(x, 2) as Excel rounds (half away from zero), or undefined where x
 * lies so near a half cent that binary arithmetic could round it either way.
 */
function roundCents(x: number): number | undefined {
  const cents = Math.abs(x) * 100;
  if (Math.abs(cents - Math.floor(cents) - 0.5) < 1e-6) return undefined;
  const r = (Math.sign(x) * Math.round(cents)) / 100;
  return r === 0 ? 0 : r;
}

function pad(cells: CellInput[]): CellInput[] {
  return [...cells, ...Array<CellInput>(Math.max(0, WIDTH - cells.length)).fill(null)];
}

function findingRow(f: ReconcileFinding): CellInput[] {
  return pad([f.source === "ledger" ? `Ledger ${f.file ?? ""}`.trim() : "Tracker", f.sheet, f.cell, f.field, f.message]);
}

export function planReconciliationSheet(result: ReconcileResult, context: SheetContext, target: { name: string; existing: ExistingSheet | null }): { plan: Plan; layout: ReconciliationLayout } {
  const sheet = target.name;
  const rows: CellInput[][] = [];
  const styles: Edit[] = [];
  const bold = (row: number, width = WIDTH, fill?: string) =>
    styles.push({ type: "setStyle", sheet, address: formatRange({ top: row, bottom: row, left: 1, right: width }), style: { bold: true, ...(fill ? { fill } : {}) } });
  const push = (cells: CellInput[]) => {
    rows.push(pad(cells));
    return rows.length;
  };

  bold(push([RECONCILIATION_TITLE]), 1);
  push([`Tracker: ${context.tracker}, actuals in ${context.trackerWhere}. Ledger: ${context.ledger}, ${result.ledgerLines.toLocaleString("en-GB")} lines counted${result.unreadableLedgerAmounts ? `, ${result.unreadableLedgerAmounts.toLocaleString("en-GB")} with an unreadable amount left out (see Findings)` : ""}.`]);
  push([`Matched by ${keyWords(result)}. Differences are ledger minus tracker.${context.notes.length ? " " + context.notes.join("; ") + "." : ""}`]);
  push([]);
  bold(push(["Tie-out", null, null, null, "Tracker", "Ledger"]), WIDTH, "#D9E1F2");
  const tieTop = rows.length + 1;
  // Placeholders: the SUM formulas need the sections' rows, known once they are laid out.
  const tieRows = SECTION_IDS.map((id) => push([SECTION_TITLES[id]]));
  // The figures the tie-out's formulas calculate, from the same amounts the sections list.
  const sectionSums = SECTION_IDS.map((id) => ({ tracker: sum(result.sections[id].map((l) => l.tracker)), ledger: sum(result.sections[id].map((l) => l.ledger)) }));
  const sectionsTotal = { tracker: sum(sectionSums.map((x) => x.tracker)), ledger: sum(sectionSums.map((x) => x.ledger)) };
  const checks = { tracker: roundCents(sectionsTotal.tracker - result.totals.tracker), ledger: roundCents(sectionsTotal.ledger - result.totals.ledger) };
  const ties = (c: number | undefined) => (c === undefined ? undefined : c === 0 ? "Yes" : "No");
  const sectionsRow = push(["Sum of the sections", null, null, null, formulaInput(`=SUM(E${tieTop}:E${tieTop + 4})`, sectionsTotal.tracker), formulaInput(`=SUM(F${tieTop}:F${tieTop + 4})`, sectionsTotal.ledger)]);
  const totalRow = push(["Total read from the input", null, null, null, result.totals.tracker, result.totals.ledger]);
  const checkRow = push(["Check: sum of the sections − total", null, null, null, formulaInput(`=ROUND(E${sectionsRow}-E${totalRow},2)`, checks.tracker), formulaInput(`=ROUND(F${sectionsRow}-F${totalRow},2)`, checks.ledger)]);
  const tiesRow = push(["Ties out", null, null, null, formulaInput(`=IF(E${checkRow}=0,"Yes","No")`, ties(checks.tracker)), formulaInput(`=IF(F${checkRow}=0,"Yes","No")`, ties(checks.ledger))]);
  bold(tiesRow);
  const firstRow = {} as Record<SectionId, number>;
  for (const [i, id] of SECTION_IDS.entries()) {
    const lines = result.sections[id];
    push([]);
    bold(push([`${SECTION_TITLES[id]}: ${lines.length.toLocaleString("en-GB")}`]), 1);
    bold(push(COLUMNS), WIDTH, "#D9E1F2");
    const first = rows.length + 1;
    firstRow[id] = first;
    for (const l of lines) push(lineRow(l, rows.length + 1));
    if (!lines.length) push(["(none)"]);
    const last = rows.length;
    const row = tieRows[i];
    rows[row - 1] = pad([SECTION_TITLES[id], null, null, null, formulaInput(`=SUM(E${first}:E${last})`, sectionSums[i].tracker), formulaInput(`=SUM(F${first}:F${last})`, sectionSums[i].ledger)]);
  }
  push([]);
  bold(push([`Findings: ${result.findingCount.toLocaleString("en-GB")}`]), 1);
  bold(push(["Source", "Sheet", "Cell", "Field", "Message"]), WIDTH, "#D9E1F2");
  for (const f of result.findings.slice(0, FINDINGS_LISTED)) push(findingRow(f));
  if (result.findingCount > FINDINGS_LISTED) push([`… and ${(result.findingCount - FINDINGS_LISTED).toLocaleString("en-GB")} more`]);
  if (!result.findingCount) push(["(none)"]);

  const edits: Edit[] = [];
  if (!target.existing) edits.push({ type: "addSheet", sheet, hidden: "visible" });
  for (let start = 0; start < rows.length; start += ROWS_PER_EDIT) {
    const block = rows.slice(start, start + ROWS_PER_EDIT);
    edits.push({ type: "setCells", sheet, address: formatRange({ top: start + 1, bottom: start + block.length, left: 1, right: WIDTH }), cells: block, label: "reconciliation" });
  }
  edits.push(...clearLeftovers(sheet, target.existing, rows.length));
  edits.push({ type: "setNumberFormat", sheet, address: `E${tieTop}:G${rows.length}`, format: MONEY, label: "amounts" });
  edits.push(...styles);
  edits.push({
    type: "setColumnWidths",
    sheet,
    widths: [28, 14, 12, 12, 15, 15, 15, 8, 30, 24].map((width, i) => ({ column: columnLetter(i + 1), width })),
  });
  return {
    plan: plan(`Reconcile ${context.tracker} against ${context.ledger}`, edits),
    layout: { sheet, firstRow, tieOutRows: { sections: sectionsRow, total: totalRow, check: checkRow, ties: tiesRow } },
  };
}

/** Empties what an earlier, longer or wider run left beyond the new block. */
function clearLeftovers(sheet: string, existing: ExistingSheet | null, height: number): Edit[] {
  const used = existing?.usedRange ? parseRange(existing.usedRange) : undefined;
  if (!used) return [];
  const edits: Edit[] = [];
  const right = Math.max(used.right, WIDTH);
  for (let top = height + 1; top <= used.bottom; top += ROWS_PER_EDIT) {
    const bottom = Math.min(used.bottom, top + ROWS_PER_EDIT - 1);
    edits.push({ type: "setCells", sheet, address: formatRange({ top, bottom, left: 1, right }), cells: Array.from({ length: bottom - top + 1 }, () => Array<CellInput>(right).fill(null)), label: "left from the last run" });
  }
  if (used.right > WIDTH) {
    const bottom = Math.min(height, used.bottom);
    edits.push({ type: "setCells", sheet, address: formatRange({ top: 1, bottom, left: WIDTH + 1, right: used.right }), cells: Array.from({ length: bottom }, () => Array<CellInput>(used.right - WIDTH).fill(null)), label: "left from the last run" });
  }
  return edits;
}
