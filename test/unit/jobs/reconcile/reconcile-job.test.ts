import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { csvRowBlocks } from "../../../../src/hosts/xlsx/csv";
import { planReconcile, toReconcileJson, type LedgerRows } from "../../../../src/jobs/reconcile";
import { chunksOf, reconcileBooks, type TrackerShape } from "./reconcile-books";

async function* blocksOf(csv: string) {
  for await (const values of csvRowBlocks(chunksOf(csv, 777))) yield { values };
}

function ledgerRows(csv: string): LedgerRows {
  return { file: "ledger.csv", sheet: "ledger", blocks: blocksOf(csv) };
}

describe.each<TrackerShape>(["periodRows", "monthlyColumns"])("reconcile job on a generated %s tracker", (shape) => {
  it("sorts every amount into the section the generator put it in, and both sides tie out", async () => {
    const books = await reconcileBooks({ seed: 11, shape, projects: 5, costCodes: 4, ledgerOnly: 9, unreadable: 3 });
    const host = await XlsxHost.open(books.tracker, "tracker.xlsx");
    const job = await planReconcile(host, ledgerRows(books.ledgerCsv));
    const r = job.result;
    const e = books.expected;
    expect(job.tracker.layout).toBe(shape);
    expect({
      matched: r.sections.matched.length,
      differences: r.sections.differences.length,
      timing: r.sections.timing.length,
      trackerOnly: r.sections.trackerOnly.length,
      ledgerOnly: r.sections.ledgerOnly.length,
    }).toEqual({ matched: e.matched, differences: e.differences, timing: e.timing, trackerOnly: e.trackerOnly, ledgerOnly: e.ledgerOnly });
    expect(Math.round(r.totals.tracker * 100)).toBe(e.trackerCents);
    expect(Math.round(r.totals.ledger * 100)).toBe(e.ledgerCents);
    expect(r.tieOut.tracker.ties && r.tieOut.ledger.ties).toBe(true);
    expect(r.unreadableLedgerAmounts).toBe(e.unreadableAmounts);
    expect(r.ledgerLines).toBe(books.ledgerLines);
    expect(r.findings.filter((f) => f.field === "amount")).toHaveLength(e.unreadableAmounts);
    expect(job.notes.join(" ")).toMatch(/1 total row/);
    for (const t of r.sections.timing) expect(t.ledgerPeriod && t.period && t.ledgerPeriod > "").toBeTruthy();
    const json = toReconcileJson(job);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["matched", "differences", "trackerOnly", "ledgerOnly", "timing", "totals"]));
  });
});

describe("the Reconciliation sheet", () => {
  it("writes ledger text beginning with = + - @ as text, and a second run refreshes the same sheet", async () => {
    const books = await reconcileBooks({ seed: 3, projects: 2, costCodes: 2, ledgerOnly: 10 });
    const host = await XlsxHost.open(books.tracker, "tracker.xlsx");
    const first = await planReconcile(host, ledgerRows(books.ledgerCsv));
    expect(first.plan.edits[0]).toMatchObject({ type: "addSheet", sheet: "Reconciliation" });
    await host.apply(first.plan);
    const saved = await XlsxHost.open(await host.save(), "tracker.xlsx");
    const outline = await saved.outline();
    const grid = await saved.read("Reconciliation", outline.sheets.find((s) => s.name === "Reconciliation")?.usedRange ?? "A1");
    // No formula anywhere but the ones the plan wrote (tie-out sums and the Difference column).
    const formulas = grid.formulas.flat().filter((f): f is string => f !== null);
    expect(formulas.every((f) => /^=(SUM|ROUND|IF|N)\(/.test(f))).toBe(true);
    const texts = grid.values.flat().filter((v): v is string => typeof v === "string");
    for (const lead of ["=", "+", "-", "@"]) expect(texts.filter((t) => t.startsWith(`${lead}PRJ-9`)).length).toBeGreaterThan(0);

    // A second run over a smaller ledger: same sheet, nothing left below.
    const shorter = books.ledgerCsv.split("\r\n").slice(0, 8).join("\r\n");
    const again = await planReconcile(saved, ledgerRows(shorter));
    expect(again.plan.edits.some((e) => e.type === "addSheet")).toBe(false);
    await saved.apply(again.plan);
    const after = await XlsxHost.open(await saved.save(), "tracker.xlsx");
    const o2 = await after.outline();
    expect(o2.sheets.filter((s) => s.name.startsWith("Reconciliation"))).toHaveLength(1);
    const g2 = await after.read("Reconciliation", `A1:J${grid.values.length}`);
    const lastFilled = g2.values.reduce((last, row, i) => (row.some((v) => v !== null && v !== "") ? i + 1 : last), 0);
    expect(lastFilled).toBeLessThan(grid.values.length);
  });

  it("leaves a user's own sheet named Reconciliation alone", async () => {
    const books = await reconcileBooks({ seed: 5, projects: 1, costCodes: 2 });
    const host = await XlsxHost.open(books.tracker, "tracker.xlsx");
    await host.apply({ title: "user sheet", edits: [{ type: "addSheet", sheet: "Reconciliation", hidden: "visible" }, { type: "setCells", sheet: "Reconciliation", address: "A1", cells: [["My own notes"]] }] });
    const job = await planReconcile(host, ledgerRows(books.ledgerCsv));
    expect(job.layout.sheet).toBe("Reconciliation 2");
  });
});
