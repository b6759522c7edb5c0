/**
 * The variance job's summary sheet, recalculated in LibreOffice, agrees with
 * core to the cent in every computed cell: on the sample, on generated
 * trackers (blocks with subtotals, months across, rows per work package and
 * period) and on the budget and earned value workbooks of the corpus.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { samplePortfolioBytes } from "../../src/sample/portfolioWorkbook";
import { blockTracker, evmPeriodRows, monthlyTracker } from "../unit/jobs/finance/generated-trackers";
import { compareFinance } from "./finance-compare";
import { sofficePath } from "./libreoffice";

const maybe = sofficePath() ? describe : describe.skip;
const CORPUS = path.resolve(__dirname, "../../../shared/corpus");

maybe("variance and earned value recalculated in LibreOffice", () => {
  test("the sample portfolio", async () => {
    const c = await compareFinance(await samplePortfolioBytes(), "sample.xlsx");
    expect(c.mismatches).toEqual([]);
    expect(c.compared).toBeGreaterThan(150);
    expect(c.report.trackers.map((t) => t.tracker.sheet).sort()).toEqual(["FSC EVM", "NDU Budget"]);
  });

  test.each([
    ["blocks, labelled subtotals", () => blockTracker(4)],
    ["blocks, typed subtotals", () => blockTracker(11, ["Labour", "Materials"], "typed")],
    ["months across", () => monthlyTracker(7)],
    ["rows per work package and period", () => evmPeriodRows(13)],
  ])("generated: %s", async (_name, make) => {
    const g = await make();
    const c = await compareFinance(g.bytes, "generated.xlsx");
    expect(c.mismatches).toEqual([]);
    expect(c.compared).toBeGreaterThan(20);
    // A second run over the recalculated output changes nothing.
    const again = await compareFinance(c.output, "generated.xlsx");
    expect(again.report.plan.edits).toEqual([]);
  });

  const corpus = ["HazemHamada__Software-Project-Managment-project__Earned Value.xlsx", "Rajin40__PROGRAM-FINANCE-DASHB-OARD-IMPLEMENTATION__Budget Tracker.xlsx", "divyakeloth21-sketch__PMO-templates-toolkit__Project_KPI_Dashboard.xlsx"];
  test.each(corpus.filter((f) => existsSync(path.join(CORPUS, f))))("corpus: %s", async (file) => {
    const c = await compareFinance(new Uint8Array(readFileSync(path.join(CORPUS, file))), "corpus.xlsx");
    expect(c.report.trackers.length).toBeGreaterThan(0);
    expect(c.mismatches).toEqual([]);
  });
});
