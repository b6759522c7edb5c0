/**
 * The reconcile job: the workbook's budget tracker against a finance ledger
 * export. Read the tracker's actuals, stream the ledger, match, and plan the
 * Reconciliation sheet (preview, apply, undo as any plan).
 */
import { formatRange } from "../../core/grid/address";
import {
  planReconciliationSheet,
  reconcile,
  reconciliationSheetName,
  RECONCILIATION_SHEET,
  SECTION_IDS,
  type ExistingSheet,
  type ReconcileResult,
  type ReconciliationLayout,
  type TrackerLayout,
} from "../../core/reconcile";
import type { Plan } from "../../core/plan/plan";
import type { WorkbookHost } from "../../hosts/host";
import { PREVIEW_ROWS } from "../registers/detect";
import { readLedger, type LedgerRows } from "./ledger";
import { findTracker } from "./tracker";

export interface ReconcileJob {
  result: ReconcileResult;
  plan: Plan;
  layout: ReconciliationLayout;
  tracker: { sheet: string; where: string; layout: TrackerLayout; lines: number };
  ledger: { file: string; sheet: string; columns: Record<string, string>; headerRow: number };
  notes: string[];
}

export interface ReconcileOptions {
  /** The workbook's name, for messages ("" inside Excel: the outline's name is used). */
  trackerName?: string;
  /** The tracker's sheet, when the workbook holds more than one. */
  sheet?: string;
  progress?: (text: string) => void;
}

async function sheetsNamedLikeOurs(host: WorkbookHost, names: string[]): Promise<ExistingSheet[]> {
  const out: ExistingSheet[] = [];
  for (const s of names) {
    if (!s.toLowerCase().startsWith(RECONCILIATION_SHEET.toLowerCase())) continue;
    const a1 = (await host.read(s, "A1")).values[0]?.[0] ?? null;
    out.push({ name: s, usedRange: null, a1 });
  }
  return out;
}

export async function planReconcile(host: WorkbookHost, ledgerRows: LedgerRows, options: ReconcileOptions = {}): Promise<ReconcileJob> {
  const outline = await host.outline({ previewRows: PREVIEW_ROWS });
  const trackerName = options.trackerName || outline.name || "this workbook";
  options.progress?.(`Reading the budget tracker in ${trackerName}...`);
  const { actuals } = await findTracker(host, outline, trackerName, options.sheet);
  options.progress?.(`Reading ${ledgerRows.file}...`);
  let reported = 0;
  const ledger = await readLedger(ledgerRows, actuals.has, (n) => {
    if (n - reported >= 100_000) {
      reported = n;
      options.progress?.(`${n.toLocaleString("en-GB")} ledger rows read...`);
    }
  });
  const result = reconcile(actuals.lines, ledger.summary, ledger.keyFields, actuals.findings);
  const candidates = await sheetsNamedLikeOurs(host, outline.sheets.map((s) => s.name));
  for (const c of candidates) c.usedRange = outline.sheets.find((s) => s.name === c.name)?.usedRange ?? null;
  const target = reconciliationSheetName(candidates);
  const notes = [...actuals.notes, ...ledger.notes];
  const { plan, layout } = planReconciliationSheet(result, { tracker: trackerName, trackerWhere: actuals.where, ledger: ledgerRows.file, notes }, target);
  return {
    result,
    plan,
    layout,
    tracker: { sheet: actuals.sheet, where: actuals.where, layout: actuals.layout, lines: actuals.lines.length },
    ledger: { file: ledgerRows.file, sheet: ledgerRows.sheet, columns: ledger.columns, headerRow: ledger.headerRow },
    notes,
  };
}

/** The `pmo reconcile --json` document (DESIGN §7): the five sections and both totals, then the tie-out and more. */
export function toReconcileJson(job: ReconcileJob) {
  const r = job.result;
  return {
    matched: r.sections.matched,
    differences: r.sections.differences,
    trackerOnly: r.sections.trackerOnly,
    ledgerOnly: r.sections.ledgerOnly,
    timing: r.sections.timing,
    totals: r.totals,
    sums: r.sums,
    tieOut: r.tieOut,
    counts: Object.fromEntries(SECTION_IDS.map((id) => [id, r.sections[id].length])),
    keyFields: r.keyFields,
    tracker: job.tracker,
    ledger: { ...job.ledger, lines: r.ledgerLines, unreadableAmounts: r.unreadableLedgerAmounts },
    sheet: job.layout.sheet,
    notes: job.notes,
    findings: r.findings,
    findingCount: r.findingCount,
  };
}

/** The sheet cell where a result line is shown, for a pane that selects it. */
export function lineAddress(layout: ReconciliationLayout, section: (typeof SECTION_IDS)[number], index: number): { sheet: string; address: string } {
  const row = layout.firstRow[section] + index;
  return { sheet: layout.sheet, address: formatRange({ top: row, bottom: row, left: 1, right: 10 }) };
}
