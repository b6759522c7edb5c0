import { LedgerTally } from "../../../../src/core/reconcile/ledger";
import { reconcile } from "../../../../src/core/reconcile/match";
import type { TrackerLine } from "../../../../src/core/reconcile/tracker";
import type { KeyFields } from "../../../../src/core/reconcile/types";

const FIELDS: KeyFields = { project: true, costCode: true, byPeriod: true };
const cols = { project: 0, costCode: 1, period: 2, amount: 3, documentId: 4 };

function tally(rows: (string | number | null)[][], fields = FIELDS) {
  const t = new LedgerTally({ file: "gl.csv", sheet: "gl", firstColumn: 1 }, cols, fields);
  rows.forEach((r, i) => t.add(r, i + 2));
  return t.summary();
}

const line = (project: string, costCode: string, key: string, cents: number, cell: string): TrackerLine => ({ project, costCode, period: { key, label: key }, cents, cell });

describe("reconcile", () => {
  it("puts each key and period in one section and ties out both sides", () => {
    const tracker = [line("P1", "C1", "2026-01", 10000, "F4"), line("P1", "C1", "2026-02", 5000, "F5"), line("P1", "C2", "2026-01", 7000, "F6"), line("P2", "C1", "2026-01", 3000, "F7")];
    const ledger = tally([
      ["P1", "C1", "Jan-26", "60.00", "D1"],
      ["p1 ", "c1", "2026-01", "£40.00", "D2"], // case and spaces do not split a key
      ["P1", "C1", "03/2026", "50.00", "D3"], // Feb accrual posted in March: timing
      ["P1", "C2", "2026-01", "(1.00)", "D4"],
      ["P1", "C2", "2026-01", "72.00", "D5"], // 71 against 70: a difference
      ["P9", "C1", "2026-01", "9.99", "D6"], // ledger-only
      ["Total", null, null, "232.99", null], // a total row is not a line
    ]);
    const r = reconcile(tracker, ledger, FIELDS);
    expect(r.sections.matched.map((l) => [l.project, l.costCode, l.period, l.ledgerLines])).toEqual([["P1", "C1", "2026-01", 2]]);
    expect(r.sections.timing).toEqual([expect.objectContaining({ period: "2026-02", ledgerPeriod: "Mar 2026", tracker: 50, ledger: 50 })]);
    expect(r.sections.differences).toEqual([expect.objectContaining({ costCode: "C2", tracker: 70, ledger: 71, difference: 1 })]);
    expect(r.sections.trackerOnly.map((l) => l.project)).toEqual(["P2"]);
    expect(r.sections.ledgerOnly.map((l) => l.project)).toEqual(["P9"]);
    expect(r.totals).toEqual({ tracker: 250, ledger: 230.99 });
    expect(r.tieOut.tracker).toEqual({ sections: 250, total: 250, ties: true });
    expect(r.tieOut.ledger).toEqual({ sections: 230.99, total: 230.99, ties: true });
  });

  it("reports unreadable amounts and ambiguous periods as findings, never as zeros or guesses", () => {
    const ledger = tally([
      ["P1", "C1", "2026-01", "TBC", "D1"],
      ["P1", "C1", "03/04/2026", "10.00", "D2"],
      ["P1", "C1", "2026-01", "", "D3"],
    ]);
    expect(ledger.unreadableAmounts).toBe(2);
    expect(ledger.totalCents).toBe(1000);
    expect(ledger.findings.map((f) => [f.cell, f.field])).toEqual([["D2", "amount"], ["C3", "period"], ["D4", "amount"]]);
    const r = reconcile([line("P1", "C1", "2026-03", 1000, "F4")], ledger, FIELDS);
    // The line with an ambiguous period is never matched to March or April.
    expect(r.sections.matched).toHaveLength(0);
    expect(r.sections.ledgerOnly).toEqual([expect.objectContaining({ period: null, ledger: 10 })]);
    expect(r.tieOut.ledger.ties).toBe(true);
  });

  it("compares totals per key when the tracker has no periods", () => {
    const fields = { project: true, costCode: false, byPeriod: false };
    const ledger = tally([["P1", "X", "2026-01", 10, "a"], ["P1", "Y", "2026-02", 15, "b"]], fields);
    const r = reconcile([{ project: "P1", costCode: "", period: null, cents: 2500, cell: "C3" }], ledger, fields);
    expect(r.sections.matched).toEqual([expect.objectContaining({ project: "P1", tracker: 25, ledger: 25, ledgerLines: 2 })]);
  });
});
