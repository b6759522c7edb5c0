/**
 * The jobs that write a file (heat map, variance, reconcile, rollup's output
 * workbook) run with the package as the truth: they plan the same as over
 * the whole workbook model, save what it saves for that plan, keep every
 * part they do not write byte for byte (a pivot table and a custom XML item
 * included), and a second run refreshes in place.
 */
import JSZip from "jszip";
import type { Plan } from "../../../../src/core/plan/plan";
import type { WorkbookHost } from "../../../../src/hosts/host";
import { csvRowBlocks } from "../../../../src/hosts/xlsx/csv";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { planVariance } from "../../../../src/jobs/finance/variance";
import { planHeatMaps } from "../../../../src/jobs/heatmap/heatmap";
import { planReconcile, type LedgerRows } from "../../../../src/jobs/reconcile";
import { summariseHost } from "../../../../src/jobs/rollup/read-projects";
import { planRollup, type RollupInput } from "../../../../src/jobs/rollup/plan-rollup";
import { samplePortfolioBytes } from "../../../../src/sample/portfolioWorkbook";
import { projectWorkbook } from "../../../rollup-fixtures/project-workbook";
import { chunksOf, reconcileBooks } from "../../jobs/reconcile/reconcile-books";
import { FOREIGN_PARTS, withForeignParts } from "./foreign-parts";
import { bothSavesAsParts, runOverBothHosts, unwrittenPartsChanged, type FileJob } from "./job-outputs";
import { packageProblems } from "./package-checks";

const heatMapJob: FileJob = async (host) => {
  const drawing = await planHeatMaps(host, {});
  return drawing.ok ? drawing.plan : null;
};
const varianceJob: FileJob = async (host) => {
  const report = await planVariance(host);
  return report.trackers.length ? report.plan : null;
};

async function* blocksOf(csv: string) {
  for await (const values of csvRowBlocks(chunksOf(csv, 1000))) yield { values };
}
function ledgerRows(csv: string): LedgerRows {
  return { file: "ledger.csv", sheet: "ledger", blocks: blocksOf(csv) };
}
/** A fresh ledger reader per run: its rows are a generator, read once. */
const reconcileJob =
  (csv: string): FileJob =>
  async (host) =>
    (await planReconcile(host, ledgerRows(csv))).plan;

async function rollupInput(): Promise<RollupInput> {
  const projects: RollupInput["projects"] = [];
  for (let i = 0; i < 3; i++) {
    const { bytes } = await projectWorkbook(i, { risks: 4, budgetLines: 3 });
    for (const summary of await summariseHost(await XlsxHost.open(bytes, `p${i}.xlsx`), `p${i}.xlsx`, { today: new Date(2025, 5, 15) })) {
      projects.push({ summary, link: { kind: "file", path: `p${i}.xlsx`, label: `p${i}.xlsx` } });
    }
  }
  return { projects, failed: [], now: new Date(2025, 5, 15, 9, 0) };
}

async function expectKeptAndSame(input: Uint8Array, fileName: string, job: FileJob): Promise<Plan> {
  const outputs = await runOverBothHosts(input, fileName, job);
  if (!outputs) throw new Error(`${fileName}: the job found nothing to do`);
  expect(outputs.packagePlan).toEqual(outputs.wholePlan);
  const [pkg, whole] = await bothSavesAsParts(outputs);
  expect(pkg).toEqual(whole);
  expect(await unwrittenPartsChanged(input, outputs.packageSaved, outputs.packagePlan)).toEqual([]);
  expect(await packageProblems(outputs.packageSaved)).toEqual([]);
  return outputs.packagePlan;
}

async function savedAfter(input: Uint8Array, fileName: string, job: FileJob): Promise<Uint8Array> {
  const host = await PackageHost.open(input, fileName);
  const p = await job(host);
  if (p) await host.apply(p);
  return host.save();
}

async function sheetNames(bytes: Uint8Array): Promise<string[]> {
  const host: WorkbookHost = await PackageHost.open(bytes, "out.xlsx");
  return (await host.outline({ previewRows: 0 })).sheets.map((s) => s.name);
}

describe("file-writing jobs over the package host", () => {
  let sample: Uint8Array;
  beforeAll(async () => {
    sample = await withForeignParts(await samplePortfolioBytes());
  });

  it("draws the sample's heat maps as the whole model does, keeping its pivot table and custom XML; a second draw replaces the sheet", async () => {
    const plan = await expectKeptAndSame(sample, "sample.xlsx", heatMapJob);
    expect(plan.edits.some((e) => e.type === "addSheet")).toBe(true);
    const once = await savedAfter(sample, "sample.xlsx", heatMapJob);
    const zip = await JSZip.loadAsync(once);
    for (const part of FOREIGN_PARTS) expect(zip.file(part)).not.toBeNull();
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/<pivotCache cacheId="7"/);
    // The second draw works over the first one's saved package.
    await expectKeptAndSame(once, "sample.xlsx", heatMapJob);
    const twice = await savedAfter(once, "sample.xlsx", heatMapJob);
    expect(await sheetNames(twice)).toEqual(await sheetNames(once));
  });

  it("writes the sample's variance sheet as the whole model does", async () => {
    await expectKeptAndSame(sample, "sample.xlsx", varianceJob);
  });

  it("writes the Reconciliation sheet into a tracker as the whole model does", async () => {
    const books = await reconcileBooks({ seed: 17, projects: 3, costCodes: 3, ledgerOnly: 4 });
    const tracker = await withForeignParts(books.tracker);
    await expectKeptAndSame(tracker, "tracker.xlsx", reconcileJob(books.ledgerCsv));
    const once = await savedAfter(tracker, "tracker.xlsx", reconcileJob(books.ledgerCsv));
    await expectKeptAndSame(once, "tracker.xlsx", reconcileJob(books.ledgerCsv));
  });

  it("refreshes an existing rollup workbook as the whole model does, keeping what the PMO added to it", async () => {
    const input = await rollupInput();
    const fresh = XlsxHost.create("portfolio.xlsx");
    await fresh.apply((await planRollup(fresh, input)).plan);
    const existing = await withForeignParts(await fresh.save());
    const refresh: FileJob = async (host) => (await planRollup(host, input)).plan;
    const plan = await expectKeptAndSame(existing, "portfolio.xlsx", refresh);
    expect(plan.edits.some((e) => e.type === "addSheet")).toBe(false);
  });
});
