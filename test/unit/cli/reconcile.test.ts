import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCaptured } from "./capture";
import { reconcileBooks } from "../jobs/reconcile/reconcile-books";
import { XlsxHost } from "../../../src/hosts/xlsx/xlsx-host";

let dir: string;
let expected: Awaited<ReturnType<typeof reconcileBooks>>["expected"];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "pmo-reconcile-"));
  const books = await reconcileBooks({ seed: 21, projects: 3, costCodes: 2 });
  expected = books.expected;
  await writeFile(path.join(dir, "tracker.xlsx"), books.tracker);
  await writeFile(path.join(dir, "ledger.csv"), books.ledgerCsv);
  await writeFile(path.join(dir, "empty.csv"), "nothing,here\n1,2\n");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("pmo reconcile", () => {
  it("writes the Reconciliation sheet to --out and prints the contract's JSON", async () => {
    const run = await runCaptured(["reconcile", "tracker.xlsx", "ledger.csv", "--out", "out.xlsx", "--json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    for (const key of ["matched", "differences", "trackerOnly", "ledgerOnly", "timing"]) expect(Array.isArray(json[key])).toBe(true);
    expect([json.matched.length, json.differences.length, json.timing.length, json.trackerOnly.length, json.ledgerOnly.length]).toEqual([expected.matched, expected.differences, expected.timing, expected.trackerOnly, expected.ledgerOnly]);
    expect(json.totals).toEqual({ tracker: expected.trackerCents / 100, ledger: expected.ledgerCents / 100 });
    const out = await XlsxHost.open(new Uint8Array(await readFile(path.join(dir, "out.xlsx"))), "out.xlsx");
    expect((await out.outline()).sheets.map((s) => s.name)).toEqual(["Budget", "Reconciliation"]);
  });

  it("refreshes the same sheet in place and keeps a backup", async () => {
    await writeFile(path.join(dir, "inplace.xlsx"), await readFile(path.join(dir, "tracker.xlsx")));
    for (let i = 0; i < 2; i++) expect((await runCaptured(["reconcile", "inplace.xlsx", "ledger.csv", "--in-place"], { cwd: dir })).code).toBe(0);
    const book = await XlsxHost.open(new Uint8Array(await readFile(path.join(dir, "inplace.xlsx"))), "inplace.xlsx");
    expect((await book.outline()).sheets.map((s) => s.name)).toEqual(["Budget", "Reconciliation"]);
    await expect(readFile(path.join(dir, "inplace.bak.xlsx"))).resolves.toBeDefined();
  });

  it("says where the result goes, and names a ledger it cannot read, with exit code 2", async () => {
    const noTarget = await runCaptured(["reconcile", "tracker.xlsx", "ledger.csv"], { cwd: dir });
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/--out FILE/);
    const missing = await runCaptured(["reconcile", "tracker.xlsx", "nope.csv", "--out", "x.xlsx"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv/);
    const noLedger = await runCaptured(["reconcile", "tracker.xlsx", "empty.csv", "--out", "x.xlsx"], { cwd: dir });
    expect(noLedger.code).toBe(2);
    expect(noLedger.stderr).toMatch(/empty\.csv.*amount/);
    await expect(readFile(path.join(dir, "x.xlsx"))).rejects.toThrow();
  });
});
