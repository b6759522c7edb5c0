/**
 * The variance job's summary sheet, recalculated in LibreOffice, agrees with
 * core to the cent in every computed cell: on the sample, on generated
 * trackers (blocks with subtotals, months across, budget and actual months
 * under group headers or named in each header, rows per work package and
 * period) and on the budget and earned value workbooks of the corpus.
 */
import { samplePortfolioBytes } from "../../src/sample/portfolioWorkbook";
import { blockTracker, evmMonthGroups, evmPeriodRows, monthGroupsTracker, monthlyTracker } from "../unit/jobs/finance/generated-trackers";
import { PackageHost } from "../../src/hosts/xlsx/package-host";
import { planVariance } from "../../src/jobs/finance/variance";
import { corpusBytes, corpusFiles } from "../corpus-files";
import { compareFinance } from "./finance-compare";
import { sofficePath } from "./libreoffice";

const maybe = sofficePath() ? describe : describe.skip;

maybe("variance and earned value recalculated in LibreOffice", () => {
  test("the sample portfolio", async () => {
    const c = await compareFinance(await samplePortfolioBytes(), "sample.xlsx");
    expect(c.mismatches).toEqual([]);
    expect(c.compared).toBeGreaterThan(150);
    // The cached values the formulas carry are core's figures, and LibreOffice calculates the same.
    expect(c.cached.mismatches).toEqual([]);
    expect(c.cached.compared).toBeGreaterThan(150);
    expect(c.report.trackers.map((t) => t.tracker.sheet).sort()).toEqual(["CPR Budget", "FSC EVM", "NDU Budget"]);
  });

  test.each([
    ["blocks, labelled subtotals", () => blockTracker(4)],
    ["blocks, typed subtotals", () => blockTracker(11, ["Labour", "Materials"], "typed")],
    ["months across", () => monthlyTracker(7)],
    ["budget and actual months under merged group headers", () => monthGroupsTracker(7, "budgetAndActual")],
    ["budget and actual months named in each header", () => monthGroupsTracker(19, "wordsInHeaders")],
    ["months that are the budget phased, beside an actual to date", () => monthGroupsTracker(23, "planByMonth")],
    ["rows per work package and period", () => evmPeriodRows(13)],
    ["earned value by month, planned and actual groups", () => evmMonthGroups(31)],
  ])("generated: %s", async (_name, make) => {
    const g = await make();
    const c = await compareFinance(g.bytes, "generated.xlsx");
    expect(c.mismatches).toEqual([]);
    expect(c.compared).toBeGreaterThan(20);
    expect(c.cached.mismatches).toEqual([]);
    expect(c.cached.compared).toBeGreaterThan(20);
    // A second run over the recalculated output changes nothing.
    const again = await compareFinance(c.output, "generated.xlsx");
    expect(again.report.plan.edits).toEqual([]);
  });

  test.each(["budgetAndActual", "wordsInHeaders", "planByMonth"] as const)("budget and actual by month (%s): the engine's period rows are the generator's month sums, not core's", async (layout) => {
    const g = await monthGroupsTracker(29, layout);
    const c = await compareFinance(g.bytes, "generated.xlsx");
    expect(c.mismatches).toEqual([]);
    const cents = (v: unknown) => (typeof v === "number" ? Math.round(v * 100) : v === null || v === "" ? null : v);
    const header = c.summary.findIndex((r) => r[0] === "Period" && r[1] === "Budget" && r[2] === "Actual");
    expect(header).toBeGreaterThan(0);
    const rows = c.summary.slice(header + 1, header + 1 + g.periods.length).map((r) => [r[0], cents(r[1]), cents(r[2])]);
    expect(rows).toEqual(g.periods.map((p, k) => [p, cents(g.monthBudget[k]), cents(g.monthActual[k])]));
  });

  test("every budget tracker and earned value table the job finds in the corpus", async () => {
    const computed: string[] = [];
    for (const file of corpusFiles()) {
      const bytes = corpusBytes(file);
      // Files with no tracker are left out before the slower LibreOffice round.
      if (!(await planVariance(await PackageHost.open(bytes, file))).trackers.length) continue;
      const c = await compareFinance(bytes, "corpus.xlsx");
      expect({ file, mismatches: c.mismatches, cached: c.cached.mismatches }).toEqual({ file, mismatches: [], cached: [] });
      computed.push(file);
    }
    expect(computed.length).toBeGreaterThan(0);
  });
});
