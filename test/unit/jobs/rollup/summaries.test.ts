import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { PackageWorkbook } from "../../../../src/hosts/xlsx/package-read";
import { present, valueOf, type ProjectSummary } from "../../../../src/core/rollup";
import { summariseHost } from "../../../../src/jobs/rollup/read-projects";
import { samplePortfolioBytes, SAMPLE_SHEETS } from "../../../../src/sample/portfolioWorkbook";
import { CUSTOMER_PORTAL, FINANCE_SYSTEM, NORTHGATE } from "../../../../src/sample/portfolioData";
import { planVariance } from "../../../../src/jobs/finance/variance";
import { projectWorkbook, TYPICAL_PROJECT } from "../../../rollup-fixtures/project-workbook";
import { TYPICAL_WORKING_SHEETS } from "../../../rollup-fixtures/working-sheets";

const today = new Date(2025, 5, 15);

describe("project summaries", () => {
  let sample: ProjectSummary[];
  beforeAll(async () => {
    sample = await summariseHost(await PackageWorkbook.open(await samplePortfolioBytes(), "sample.xlsx"), "sample.xlsx", { today });
  });

  it("finds the sample's three projects from its project list and tells their sheets apart", () => {
    expect(sample.map((s) => s.key)).toEqual(["NDU", "CPR", "FSC"]);
    const ndu = sample[0];
    expect(ndu.sheets).toEqual([SAMPLE_SHEETS.nduRisks, SAMPLE_SHEETS.nduIssues, SAMPLE_SHEETS.nduMilestones, SAMPLE_SHEETS.nduBudget]);
    expect(valueOf(ndu.fields.project)).toBe(NORTHGATE.name);
    expect(valueOf(ndu.fields.statedRag)).toBe(NORTHGATE.rag);
    expect(valueOf(ndu.fields.manager)).toBe(NORTHGATE.manager);
  });

  it("names where each value came from", () => {
    const f = sample[0].fields;
    expect(present(f.statedRag) && f.statedRag.sources[0]).toMatchObject({ file: "sample.xlsx", sheet: SAMPLE_SHEETS.cover, cell: "F5" });
    expect(present(f.budget) && f.budget.sources.map((s) => s.sheet)).toEqual([SAMPLE_SHEETS.nduBudget]);
    expect(present(f.lastUpdated) && f.lastUpdated.sources[0]).toMatchObject({ sheet: SAMPLE_SHEETS.nduRisks, cell: "C3" });
  });

  it("sums money typed as text and counts open items from the registers", () => {
    const f = sample[0].fields;
    const bac = NORTHGATE.workPackages.reduce((n, w) => n + (w.bac as number), 0);
    expect(valueOf(f.budget)).toBe(bac);
    // Two actuals are text ("331,250 GBP", "12,500 GBP"); they count.
    expect(valueOf(f.actual)).toBe(192400 + 287500 + 331250 + 228000 + 52000 + 12500);
    expect(valueOf(f.openIssues)).toBe(NORTHGATE.issues.filter((i) => i.status !== "Closed").length);
    expect(valueOf(f.openRisks)).toBe(NORTHGATE.risks.filter((r) => r.status !== "Closed").length);
    expect(valueOf(f.nextMilestone)?.name).toBe("Frame erected");
  });

  it("leaves a figure out with its reason, never as zero", () => {
    const absent = sample.flatMap((s) => Object.values(s.fields).filter((f) => !present(f)));
    expect(absent.length).toBeGreaterThan(0);
    for (const f of absent) {
      expect((f as { missing: string }).missing).toMatch(/\w/);
      expect(valueOf(f)).toBeUndefined();
    }
    expect(valueOf(sample[0].fields.highestResidualRisk)).toBeUndefined();
  });

  it("reads a budget sheet laid out as a tidy table with a total row and an unused explanation column", () => {
    const cpr = sample.find((s) => s.key === CUSTOMER_PORTAL.code) as ProjectSummary;
    const sum = (k: "bac" | "ev") => CUSTOMER_PORTAL.workPackages.reduce((n, w) => n + (w[k] as number), 0);
    expect(valueOf(cpr.fields.earnedValue)).toBe(sum("ev"));
    expect(present(cpr.fields.earnedValue) && cpr.fields.earnedValue.sources[0].sheet).toBe(SAMPLE_SHEETS.cprBudget);
    expect(valueOf(cpr.fields.cpi)).toBeGreaterThan(0);
  });

  it("takes the budget from an EV table's BAC when no budget tracker gives one, naming the cell, and agrees with the variance sheet", async () => {
    const fsc = sample.find((s) => s.key === FINANCE_SYSTEM.code) as ProjectSummary;
    const f = fsc.fields;
    expect(valueOf(f.budget)).toBe(FINANCE_SYSTEM.bac);
    expect(present(f.budget) && f.budget.sources).toEqual([{ file: "sample.xlsx", sheet: SAMPLE_SHEETS.fscEvm, cell: "C2", how: "BAC written beside the earned value table" }]);
    // The table is cumulative by month: the figures to date are the last reported period's, not a sum of the periods.
    const reported = FINANCE_SYSTEM.periods.filter((p) => p.ev !== null);
    const last = reported[reported.length - 1];
    expect(valueOf(f.earnedValue)).toBe(last.ev);
    expect(valueOf(f.actual)).toBe(last.ac);
    expect(valueOf(f.percentComplete)).toBeCloseTo((last.ev as number) / FINANCE_SYSTEM.bac, 10);
    const variance = await planVariance(await PackageWorkbook.open(await samplePortfolioBytes(), "sample.xlsx"));
    const sheet = variance.projects.find((p) => p.sheet === SAMPLE_SHEETS.fscEvm);
    expect(sheet).toBeDefined();
    expect([valueOf(f.budget), valueOf(f.cpi), valueOf(f.spi), valueOf(f.forecast)]).toEqual([sheet?.bac, sheet?.cpi, sheet?.spi, sheet?.eac]);
  });

  it("reads a one-project file's labelled facts and its trackers' totals", async () => {
    const { bytes, truth } = await projectWorkbook(7);
    const [s] = await summariseHost(await XlsxHost.open(bytes, "p7.xlsx"), "p7.xlsx", { today });
    expect(s.key).toBe(truth.code);
    expect(valueOf(s.fields.programme)).toBe(truth.programme);
    expect(valueOf(s.fields.portfolio)).toBe(truth.portfolio);
    expect(valueOf(s.fields.budget)).toBe(truth.budget);
    expect(valueOf(s.fields.actual)).toBe(truth.actual);
    expect(valueOf(s.fields.forecast)).toBe(truth.forecast);
    expect(valueOf(s.fields.openRisks)).toBe(truth.openRisks);
    expect(valueOf(s.fields.openIssues)).toBe(truth.openIssues);
  });

  it("reads a typical project workbook's registers past its schedule, resource plan and logs, and not the schedule whole", async () => {
    const { bytes, truth } = await projectWorkbook(8, { ...TYPICAL_PROJECT, workingSheets: TYPICAL_WORKING_SHEETS });
    const book = await PackageWorkbook.open(bytes, "p8.xlsx");
    const [s] = await summariseHost(book, "p8.xlsx", { today });
    expect(s.key).toBe(truth.code);
    expect([valueOf(s.fields.budget), valueOf(s.fields.actual), valueOf(s.fields.forecast)]).toEqual([truth.budget, truth.actual, truth.forecast]);
    expect([valueOf(s.fields.openRisks), valueOf(s.fields.openIssues)]).toEqual([truth.openRisks, truth.openIssues]);
    // The schedule runs past the rows detection looks at and holds no register the summary sums.
    expect(book.formulaGroupsOf("Schedule")).toBeUndefined();
    const [whole] = await summariseHost(await XlsxHost.open(bytes, "p8.xlsx"), "p8.xlsx", { today });
    expect(s.fields).toEqual(whole.fields);
  });
});
