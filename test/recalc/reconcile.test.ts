/**
 * The Reconciliation sheet recalculated in LibreOffice agrees with core to the
 * cent: every section's tie-out sum, both checks (zero) and "Ties out", and
 * every line's Difference formula. On generated trackers and ledgers (hostile
 * amount texts, formula-like text, timing differences), and on every budget
 * tracker the registers job finds in ../shared/corpus, paired with a ledger
 * generated from its own actuals.
 */
import { SECTION_IDS } from "../../src/core/reconcile";
import { csvRowBlocks } from "../../src/hosts/xlsx/csv";
import { PackageWorkbook } from "../../src/hosts/xlsx/package-read";
import { PackageHost } from "../../src/hosts/xlsx/package-host";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { findTracker, planReconcile, type LedgerRows, type ReconcileJob } from "../../src/jobs/reconcile";
import { detectRegisters, PREVIEW_ROWS } from "../../src/jobs/registers/detect";
import { chunksOf, ledgerForActuals, reconcileBooks, type TrackerShape } from "../unit/jobs/reconcile/reconcile-books";
import { recalculate, sofficePath } from "./libreoffice";
import { compareCachedResults } from "./cached-results";
import { corpusBytes, corpusFiles } from "../corpus-files";


async function* blocksOf(csv: string) {
  for await (const values of csvRowBlocks(chunksOf(csv))) yield { values };
}
const rows = (csv: string): LedgerRows => ({ file: "ledger.csv", sheet: "ledger", blocks: blocksOf(csv) });

function cents(v: unknown): number {
  if (typeof v !== "number") throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return Math.round(v * 100);
}

async function reconciledAndRecalculated(tracker: Uint8Array, name: string, csv: string): Promise<{ job: ReconcileJob; values: (row: number, col: string) => unknown }> {
  // The package host, as pmo reconcile opens the tracker.
  const host = await PackageHost.open(tracker, name);
  const job = await planReconcile(host, rows(csv));
  await host.apply(job.plan);
  // Read from the package: ExcelJS's model reports a cached formula result of 0 as empty.
  const saved = await host.save();
  const recalculatedBytes = await recalculate(saved, name);
  const recalculated = await PackageWorkbook.open(recalculatedBytes, name);
  // Every formula written with a cached value (differences, section sums, the tie-out) holds what LibreOffice calculates.
  const cached = await compareCachedResults(tracker, saved, recalculatedBytes, name);
  expect(cached.mismatches).toEqual([]);
  expect(cached.withoutResult).toBe(0);
  expect(cached.compared).toBeGreaterThanOrEqual(5 * 2 + 6);
  const outline = await recalculated.outline({ previewRows: 0 });
  const used = outline.sheets.find((s) => s.name === job.layout.sheet)?.usedRange;
  if (!used) throw new Error("no Reconciliation sheet after recalculation");
  const grid = await recalculated.read(job.layout.sheet, used);
  return { job, values: (row, col) => grid.values[row - 1]?.[col.charCodeAt(0) - 65] ?? null };
}

function expectAgreement({ job, values }: Awaited<ReturnType<typeof reconciledAndRecalculated>>): void {
  const r = job.result;
  const t = job.layout.tieOutRows;
  SECTION_IDS.forEach((id, i) => {
    const row = t.sections - 5 + i;
    expect([id, cents(values(row, "E")), cents(values(row, "F"))]).toEqual([id, Math.round(r.sums[id].tracker * 100), Math.round(r.sums[id].ledger * 100)]);
    r.sections[id].forEach((line, k) => {
      expect([id, k, cents(values(job.layout.firstRow[id] + k, "G"))]).toEqual([id, k, Math.round(line.difference * 100)]);
    });
  });
  expect([cents(values(t.sections, "E")), cents(values(t.sections, "F"))]).toEqual([Math.round(r.tieOut.tracker.sections * 100), Math.round(r.tieOut.ledger.sections * 100)]);
  expect([values(t.check, "E"), values(t.check, "F"), values(t.ties, "E"), values(t.ties, "F")]).toEqual([0, 0, "Yes", "Yes"]);
}

const maybe = sofficePath() ? describe : describe.skip;

maybe("Reconciliation sheet recalculated in LibreOffice", () => {
  test.each<[number, TrackerShape]>([
    [1, "periodRows"],
    [8, "monthlyColumns"],
  ])("seed %i, %s tracker: tie-out and differences agree with core to the cent", async (seed, shape) => {
    const books = await reconcileBooks({ seed, shape, projects: 4, costCodes: 3, ledgerOnly: 8, unreadable: 2 });
    const done = await reconciledAndRecalculated(books.tracker, "tracker.xlsx", books.ledgerCsv);
    expect(done.job.result.sections.timing.length).toBeGreaterThan(0);
    expect(done.job.result.sections.differences.length).toBeGreaterThan(0);
    expectAgreement(done);
  });

  const files = corpusFiles(/\.xlsx$/i);
  test("every budget tracker in the corpus, against a ledger made from its actuals", async () => {
    const reconciled: string[] = [];
    for (const file of files) {
      const bytes = corpusBytes(file);
      const host = await XlsxHost.open(bytes, file);
      const outline = await host.outline({ previewRows: PREVIEW_ROWS });
      if (!(await detectRegisters(host, {}, outline)).some((r) => r.kind === "budget")) continue;
      const tracker = await findTracker(host, outline, file).catch(() => null);
      if (!tracker) continue;
      const csv = ledgerForActuals(tracker.actuals, 3);
      const done = await reconciledAndRecalculated(bytes, file, csv);
      expectAgreement(done);
      const r = done.job.result;
      reconciled.push(
        `${file}: ${done.job.tracker.where}, ${done.job.tracker.lines} actuals; tracker ${r.totals.tracker.toFixed(2)}, ledger ${r.totals.ledger.toFixed(2)}; ` +
          SECTION_IDS.map((id) => `${id} ${r.sections[id].length}`).join(", "),
      );
    }
    process.stderr.write(`Corpus trackers reconciled:\n${reconciled.join("\n")}\n`);
    expect(reconciled.length).toBeGreaterThan(0);
  });
});
