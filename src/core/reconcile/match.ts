/**
 * Matching a tracker's actuals to ledger totals by key (project, cost code)
 * and period. Each key and period lands in exactly one section:
 * - matched: both sides, the same amount to the cent;
 * - differences: both sides, different amounts;
 * - timing: the tracker has it in one period and the ledger posted the same
 *   amount in a later period of the same key (an accrual posted late);
 * - tracker-only and ledger-only: the rest.
 * So each side's total is the sum of its amounts over the five sections, and
 * the tie-out checks exactly that.
 */
import { fromCents } from "./amount";
import type { LedgerSummary } from "./ledger";
import { accountKey, groupKey } from "./key";
import { samePeriodFamily } from "./period";
import type { TrackerLine } from "./tracker";
import type { AmountGroup, KeyFields, PeriodRef, ReconcileFinding } from "./types";

export type SectionId = "matched" | "differences" | "timing" | "trackerOnly" | "ledgerOnly";
export const SECTION_IDS: readonly SectionId[] = ["matched", "differences", "timing", "trackerOnly", "ledgerOnly"];

export interface ReconcileLine {
  project: string;
  costCode: string;
  /** The tracker's period (the ledger's where only the ledger has the line). */
  period: string | null;
  /** Timing differences: the later period the ledger posted it in. */
  ledgerPeriod: string | null;
  tracker: number | null;
  ledger: number | null;
  /** Ledger minus tracker. */
  difference: number;
  /** Ledger lines that make up the ledger amount. */
  ledgerLines: number;
  documents: string[];
  /** The tracker cells the amount came from. */
  trackerCells: string[];
}

export interface SideTieOut {
  /** The side's amounts summed over the five sections. */
  sections: number;
  /** The side's total as read from its input. */
  total: number;
  ties: boolean;
}

export interface ReconcileResult {
  keyFields: KeyFields;
  sections: Record<SectionId, ReconcileLine[]>;
  /** Each section's tracker and ledger sums. */
  sums: Record<SectionId, { tracker: number; ledger: number }>;
  totals: { tracker: number; ledger: number };
  tieOut: { tracker: SideTieOut; ledger: SideTieOut };
  ledgerLines: number;
  unreadableLedgerAmounts: number;
  findings: ReconcileFinding[];
  findingCount: number;
}

interface Pair {
  project: string;
  costCode: string;
  period: PeriodRef | null;
  tracker: AmountGroup | null;
  ledger: AmountGroup | null;
}

export function groupTracker(lines: readonly TrackerLine[], fields: KeyFields): AmountGroup[] {
  const groups = new Map<string, AmountGroup>();
  for (const l of lines) {
    const period = fields.byPeriod ? l.period : null;
    const key = groupKey(fields, l.project, l.costCode, period);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { project: l.project, costCode: l.costCode, period, cents: 0, count: 0, refs: [] }));
    g.cents += l.cents;
    g.count++;
    g.refs.push(l.cell);
  }
  return [...groups.values()];
}

/** Code order, not locale order: a hundred thousand keys sort in a blink and the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byKeyThenPeriod(a: Pair, b: Pair): number {
  return compareText(a.project, b.project) || compareText(a.costCode, b.costCode) || compareText(a.period?.key ?? "", b.period?.key ?? "");
}

function lineOf(p: Pair, laterLedger?: AmountGroup): ReconcileLine {
  const ledger = laterLedger ?? p.ledger;
  const t = p.tracker ? p.tracker.cents : 0;
  const l = ledger ? ledger.cents : 0;
  return {
    project: p.project,
    costCode: p.costCode,
    period: p.period?.label ?? null,
    ledgerPeriod: laterLedger?.period?.label ?? null,
    tracker: p.tracker ? fromCents(t) : null,
    ledger: ledger ? fromCents(l) : null,
    difference: fromCents(l - t),
    ledgerLines: ledger?.count ?? 0,
    documents: ledger?.refs ?? [],
    trackerCells: p.tracker?.refs ?? [],
  };
}

/**
 * A tracker amount with no ledger line in its period, and the ledger posting
 * the same amount in a later period of the same key: a timing difference.
 * The earliest such posting is taken, each posting once.
 */
function pairTiming(trackerOnly: Pair[], ledgerOnly: Pair[], fields: KeyFields): { timing: [Pair, AmountGroup][]; trackerLeft: Pair[]; ledgerLeft: Pair[] } {
  const timing: [Pair, AmountGroup][] = [];
  if (!fields.byPeriod) return { timing, trackerLeft: trackerOnly, ledgerLeft: ledgerOnly };
  const byAccount = new Map<string, Pair[]>();
  for (const p of ledgerOnly) {
    if (!p.period) continue;
    const k = accountKey(fields, p.project, p.costCode);
    const list = byAccount.get(k) ?? [];
    list.push(p);
    byAccount.set(k, list);
  }
  for (const list of byAccount.values()) list.sort((a, b) => compareText(a.period?.key ?? "", b.period?.key ?? ""));
  const used = new Set<Pair>();
  const trackerLeft: Pair[] = [];
  for (const t of [...trackerOnly].sort(byKeyThenPeriod)) {
    const candidates = t.period ? byAccount.get(accountKey(fields, t.project, t.costCode)) : undefined;
    const later = candidates?.find(
      (l) => !used.has(l) && l.period && t.period && samePeriodFamily(l.period.key, t.period.key) && l.period.key > t.period.key && l.ledger?.cents === t.tracker?.cents,
    );
    if (later?.ledger) {
      used.add(later);
      timing.push([t, later.ledger]);
    } else trackerLeft.push(t);
  }
  return { timing, trackerLeft, ledgerLeft: ledgerOnly.filter((p) => !used.has(p)) };
}

function sumOf(lines: ReconcileLine[]): { tracker: number; ledger: number } {
  let t = 0;
  let l = 0;
  for (const x of lines) {
    t += Math.round((x.tracker ?? 0) * 100);
    l += Math.round((x.ledger ?? 0) * 100);
  }
  return { tracker: fromCents(t), ledger: fromCents(l) };
}

export function reconcile(trackerLines: readonly TrackerLine[], ledger: LedgerSummary, fields: KeyFields, trackerFindings: readonly ReconcileFinding[] = []): ReconcileResult {
  const pairs = new Map<string, Pair>();
  const pairFor = (g: AmountGroup): Pair => {
    const key = groupKey(fields, g.project, g.costCode, g.period);
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { project: g.project, costCode: g.costCode, period: g.period, tracker: null, ledger: null }));
    return p;
  };
  for (const g of groupTracker(trackerLines, fields)) pairFor(g).tracker = g;
  for (const g of ledger.groups) pairFor(g).ledger = g;

  const matched: Pair[] = [];
  const differences: Pair[] = [];
  const trackerOnly: Pair[] = [];
  const ledgerOnly: Pair[] = [];
  for (const p of pairs.values()) {
    // An unread period never matches: such amounts stay on their own side.
    const periodLost = fields.byPeriod && !p.period;
    if (p.tracker && p.ledger && !periodLost) (p.tracker.cents === p.ledger.cents ? matched : differences).push(p);
    else if (p.tracker) {
      if (p.ledger) ledgerOnly.push({ ...p, tracker: null });
      // A row that claims nothing has nothing to reconcile.
      if (p.tracker.cents !== 0 || p.ledger) trackerOnly.push({ ...p, ledger: null });
    } else if (p.ledger) ledgerOnly.push(p);
  }
  const { timing, trackerLeft, ledgerLeft } = pairTiming(trackerOnly, ledgerOnly, fields);
  const sections: Record<SectionId, ReconcileLine[]> = {
    matched: matched.sort(byKeyThenPeriod).map((p) => lineOf(p)),
    differences: differences.sort(byKeyThenPeriod).map((p) => lineOf(p)),
    timing: timing.map(([t, l]) => lineOf(t, l)),
    trackerOnly: trackerLeft.sort(byKeyThenPeriod).map((p) => lineOf(p)),
    ledgerOnly: ledgerLeft.sort(byKeyThenPeriod).map((p) => lineOf(p)),
  };
  const sums = Object.fromEntries(SECTION_IDS.map((id) => [id, sumOf(sections[id])])) as Record<SectionId, { tracker: number; ledger: number }>;
  const trackerCents = trackerLines.reduce((s, l) => s + l.cents, 0);
  const side = (which: "tracker" | "ledger", totalCents: number): SideTieOut => {
    const sectionCents = SECTION_IDS.reduce((s, id) => s + Math.round(sums[id][which] * 100), 0);
    return { sections: fromCents(sectionCents), total: fromCents(totalCents), ties: sectionCents === totalCents };
  };
  return {
    keyFields: fields,
    sections,
    sums,
    totals: { tracker: fromCents(trackerCents), ledger: fromCents(ledger.totalCents) },
    tieOut: { tracker: side("tracker", trackerCents), ledger: side("ledger", ledger.totalCents) },
    ledgerLines: ledger.lines,
    unreadableLedgerAmounts: ledger.unreadableAmounts,
    findings: [...trackerFindings, ...ledger.findings],
    findingCount: trackerFindings.length + ledger.findingCount,
  };
}
