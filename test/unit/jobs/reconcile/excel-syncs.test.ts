/**
 * In Excel, round trips per reconcile must not grow with the tracker's rows
 * (except by whole read chunks): the job on the fake Excel, at two sizes.
 */
import { FakeExcel } from "../../../contract/fake-excel/fake-excel";
import { excelHostOver } from "../../../contract/fake-excel/host-over-fake";
import type { SeedCell, WorkbookSeed } from "../../../contract/workbook-seed";
import { planReconcile, type LedgerBlock } from "../../../../src/jobs/reconcile";

function trackerSeed(rows: number): WorkbookSeed {
  const lines: SeedCell[][] = [["Programme budget tracker"], [], ["Project", "Cost Code", "Period", "Budget", "Actual"]];
  for (let i = 0; i < rows; i++) lines.push([`PRJ-${i % 50}`, `CC${i % 7}`, `2026-${String((i % 12) + 1).padStart(2, "0")}`, 1000, 900 + (i % 100)]);
  return { sheets: [{ name: "Budget", rows: lines }] };
}

async function* ledger(): AsyncGenerator<LedgerBlock> {
  yield { values: [["Project", "Cost Centre", "Period", "Amount", "Document"], ["PRJ-1", "CC1", "Jan-26", "£1,000.00", "INV-1"]] };
}

async function syncsFor(rows: number): Promise<number> {
  const fake = FakeExcel.fromSeed(trackerSeed(rows));
  fake.keepUndoSnapshots = false;
  const host = excelHostOver(fake);
  const job = await planReconcile(host, { file: "gl.csv", sheet: "gl", blocks: ledger() });
  expect(job.result.tieOut.tracker.ties).toBe(true);
  return fake.runs.reduce((n, r) => n + r.syncs.length, 0);
}

describe("reconcile on the Excel fake", () => {
  it("takes as many round trips for 3,000 tracker rows as for 300", async () => {
    const small = await syncsFor(300);
    const large = await syncsFor(3000);
    expect(large).toBe(small);
  });
});
