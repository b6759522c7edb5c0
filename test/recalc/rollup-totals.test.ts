/**
 * The Portfolio sheet's subtotal and total rows are live formulas: recalculated
 * by LibreOffice, the totals equal the sums over the project files as they
 * were written (not as the rollup read them), and each programme's subtotal
 * the sum of its own projects.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { runCaptured } from "../unit/cli/capture";
import { projectWorkbook, type ProjectTruth } from "../rollup-fixtures/project-workbook";
import { recalculate, sofficePath } from "./libreoffice";
import { compareCachedResults } from "./cached-results";

const maybe = sofficePath() ? describe : describe.skip;

maybe("Portfolio sheet totals, recalculated in LibreOffice", () => {
  let dir: string;
  const truths: ProjectTruth[] = [];
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "rollup-recalc-"));
    await fs.mkdir(path.join(dir, "projects"));
    for (let i = 0; i < 6; i++) {
      const p = await projectWorkbook(20 + i, { risks: 6, budgetLines: 4 });
      truths.push(p.truth);
      await fs.writeFile(path.join(dir, "projects", `${p.truth.code}.xlsx`), p.bytes);
    }
  });
  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

  it("gives totals equal to the sums over the project files", async () => {
    const run = await runCaptured(["rollup", "projects", "--out", "portfolio.xlsx", "--json", "--threads", "1", "--as-of", "2025-06-15"], { cwd: dir });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    const written = new Uint8Array(await fs.readFile(path.join(dir, "portfolio.xlsx")));
    const recalculated = await recalculate(written);
    const host = await XlsxHost.open(recalculated, "portfolio.xlsx");
    // Every subtotal, total and link carries core's figure as its cached value, and LibreOffice calculates the same.
    const cached = await compareCachedResults(null, written, recalculated);
    expect(cached.mismatches).toEqual([]);
    expect(cached.withoutResult).toBe(0);
    expect(cached.compared).toBeGreaterThan(6 + 2 * 10);
    const o = await host.outline({ previewRows: 0 });
    const used = o.sheets.find((s) => s.name === doc.sheet)?.usedRange as string;
    const g = await host.read(doc.sheet, `A1:${used.split(":")[1]}`);
    const header = g.values[3];
    const col = (name: string) => header.indexOf(name);
    const total = g.values.find((r) => r[0] === "Total") as unknown[];
    const sum = (f: (t: ProjectTruth) => number) => truths.reduce((n, t) => n + f(t), 0);
    expect(total[col("Budget")]).toBe(sum((t) => t.budget));
    expect(total[col("Actual")]).toBe(sum((t) => t.actual));
    expect(total[col("Forecast (EAC)")]).toBe(sum((t) => t.forecast));
    expect(total[col("Variance")]).toBe(sum((t) => t.budget - t.forecast));
    expect(total[col("Variance %")] as number).toBeCloseTo(sum((t) => t.budget - t.forecast) / sum((t) => t.budget), 10);
    expect(total[col("Open risks")]).toBe(sum((t) => t.openRisks));
    expect(total[col("Open issues")]).toBe(sum((t) => t.openIssues));
    for (const programme of new Set(truths.map((t) => t.programme))) {
      const sub = g.values.find((r) => r[0] === `Subtotal ${programme}`) as unknown[];
      const own = truths.filter((t) => t.programme === programme);
      expect(sub[col("Budget")]).toBe(own.reduce((n, t) => n + t.budget, 0));
    }
    // Nothing in the sheet shows an error after recalculation.
    expect(g.values.flat().filter((v) => typeof v === "object" && v !== null)).toEqual([]);
  });
});
