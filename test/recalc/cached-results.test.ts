/**
 * Every job's output on the sample portfolio, through the CLI: each formula
 * the job wrote with a cached value holds what LibreOffice calculates there
 * after a full recalculation. A job that wrote a wrong result fails here.
 * The counts per job are printed for the record.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { samplePortfolioBytes, SAMPLE_SHEETS } from "../../src/sample/portfolioWorkbook";
import { runCaptured } from "../unit/cli/capture";
import { builtInTemplate } from "../../src/core/templates/catalogue";
import { PackageHost } from "../../src/hosts/xlsx/package-host";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { compareCachedResults } from "./cached-results";
import { recalculate, sofficePath } from "./libreoffice";

const maybe = sofficePath() ? describe : describe.skip;

maybe("cached formula results on the sample portfolio, recalculated in LibreOffice", () => {
  let dir: string;
  const report: string[] = [];
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "cached-results-"));
    await fs.writeFile(path.join(dir, "sample.xlsx"), await samplePortfolioBytes());
  });
  afterAll(async () => {
    console.log(report.join("\n"));
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<void> {
    const r = await runCaptured(args, { cwd: dir });
    expect({ args, code: r.code, stderr: r.code === 0 ? "" : r.stderr }).toEqual({ args, code: 0, stderr: "" });
  }

  async function check(job: string, output: string, minimum: number): Promise<void> {
    const input = new Uint8Array(await fs.readFile(path.join(dir, "sample.xlsx")));
    const written = new Uint8Array(await fs.readFile(path.join(dir, output)));
    const c = await compareCachedResults(input, written, await recalculate(written, output));
    report.push(`${job}: ${c.compared} formula cells with a cached value compared, ${c.mismatches.length} mismatches, ${c.withoutResult} written without one; by sheet ${JSON.stringify(c.bySheet)}`);
    expect(c.mismatches).toEqual([]);
    expect(c.compared).toBeGreaterThanOrEqual(minimum);
  }

  test("apply the risk template to each risk register", async () => {
    // Through the job on the package host, as pmo apply runs it: the CLI's --sheet cannot name "CPR Risks  " (its trailing spaces).
    const host = await PackageHost.open(new Uint8Array(await fs.readFile(path.join(dir, "sample.xlsx"))), "sample.xlsx");
    const risk = builtInTemplate("risk");
    if (!risk) throw new Error("no risk template");
    for (const sheet of [SAMPLE_SHEETS.nduRisks, SAMPLE_SHEETS.cprRisks, SAMPLE_SHEETS.fscRisks]) {
      const application = await planTemplateApplication(host, risk, { sheet });
      if (application.kind !== "existing") throw new Error(`${sheet}: ${application.kind}`);
      await host.apply(application.plan);
    }
    await fs.writeFile(path.join(dir, "applied.xlsx"), await host.save());
    await check("apply risk", "applied.xlsx", 3 * 6);
  });

  test("heat maps", async () => {
    await run(["heatmap", "sample.xlsx", "--out", "heatmap.xlsx"]);
    // Three maps of 5×5, 3×3 and 5×5 counts at least.
    await check("heatmap", "heatmap.xlsx", 25 + 9 + 25);
  });

  test("budget variance and earned value", async () => {
    await run(["variance", "sample.xlsx", "--out", "variance.xlsx"]);
    await check("variance", "variance.xlsx", 150);
  });

  test("portfolio rollup", async () => {
    await run(["rollup", "sample.xlsx", "--out", "rollup.xlsx", "--as-of", "2025-06-15"]);
    await check("rollup", "rollup.xlsx", 10);
  });
});
