import { DEFAULT_RAG_RULES, found, missing, ragVerdict, ragRulesOfSettings, type ProjectSummary, type RollupFields } from "../../../src/core/rollup";

function project(over: Partial<RollupFields>): ProjectSummary {
  const none = missing<never>("not in this test");
  const fields = Object.fromEntries(
    ["project", "code", "programme", "portfolio", "manager", "phase", "statedRag", "budget", "actual", "forecast", "variance", "variancePercent", "earnedValue", "plannedValue", "actualCostEv", "cpi", "spi", "percentComplete", "openRisks", "risksByBand", "highestResidualRisk", "openIssues", "overdueItems", "nextMilestone", "lastUpdated"].map((k) => [k, none]),
  ) as unknown as RollupFields;
  return { key: "P1", file: "p.xlsx", sheets: [], notes: [], fields: { ...fields, ...over } };
}

const src = { file: "p.xlsx", sheet: "S" };

describe("RAG by rules", () => {
  it("is red on an index under the red line, amber under the amber line, green otherwise", () => {
    expect(ragVerdict(project({ cpi: found(0.85, src) }), DEFAULT_RAG_RULES, "Critical")).toMatchObject({ rag: "Red", reasons: ["CPI 0.85 < 0.9"] });
    expect(ragVerdict(project({ spi: found(0.93, src) }), DEFAULT_RAG_RULES, "Critical").rag).toBe("Amber");
    expect(ragVerdict(project({ cpi: found(1.02, src), overdueItems: found(0, src) }), DEFAULT_RAG_RULES, "Critical").rag).toBe("Green");
  });

  it("rates nothing when no figure the rules read is there, and shows the stated RAG then", () => {
    const v = ragVerdict(project({ statedRag: found("Amber" as const, src) }), DEFAULT_RAG_RULES, "Critical");
    expect(v).toMatchObject({ rag: null, shown: "Amber" });
    expect(v.disagreement).toBeUndefined();
  });

  it("flags a stated RAG two steps from the rules', and shows the stated one when the PMO says so", () => {
    const p = project({ statedRag: found("Green" as const, src), risksByBand: found({ Critical: 3 }, src) });
    const byRules = ragVerdict(p, DEFAULT_RAG_RULES, "Critical");
    expect(byRules).toMatchObject({ rag: "Red", shown: "Red" });
    expect(byRules.disagreement).toMatch(/stated Green, rules give Red \(3 open Critical risks\)/);
    const stated = ragVerdict(p, ragRulesOfSettings({ rollupRagSource: "stated" }), "Critical");
    expect(stated.shown).toBe("Green");
    expect(stated.disagreement).toBeDefined();
    // One step apart (Amber/Green against Green) is not a disagreement.
    expect(ragVerdict(project({ statedRag: found("Amber/Green" as const, src), cpi: found(1, src) }), DEFAULT_RAG_RULES, "Critical").disagreement).toBeUndefined();
  });

  it("takes its thresholds from the workbook's settings, falling back on bad values", () => {
    const rules = ragRulesOfSettings({ rollupIndexAmber: 0.98, rollupIndexRed: "low", varianceRedPercent: 20 });
    expect(rules).toMatchObject({ indexAmber: 0.98, indexRed: DEFAULT_RAG_RULES.indexRed, varianceRedPercent: 20 });
  });
});

describe("risk figures", () => {
  it("does not take a money exposure in a score column for probability × impact", async () => {
    const { riskFigures } = await import("../../../src/core/rollup/register-figures");
    const { RISK_BAND_SETS } = await import("../../../src/core/metadata/settings");
    const cell = (value: string | number) => ({ value, format: "General", formula: null });
    const data = {
      file: "r.xlsx",
      register: { sheet: "Risks", kind: "risk" as const, firstRow: 2, lastRow: 3, firstColumn: "A", lastColumn: "D", columns: { id: {}, score: {}, residualScore: {}, status: {} } as never },
      rows: [
        { row: 2, cells: { id: cell("R1"), score: cell(140000000), residualScore: cell(9000000), status: cell("Open") } },
        { row: 3, cells: { id: cell("R2"), score: cell(16), residualScore: cell(6), status: cell("Open") } },
      ],
    };
    const f = riskFigures([data], RISK_BAND_SETS.standard.bands);
    expect(f.openRisks).toMatchObject({ value: 2 });
    expect(f.risksByBand).toMatchObject({ value: { Low: 0, Medium: 0, High: 0, Critical: 1 } });
    expect(f.highestResidualRisk).toMatchObject({ value: { score: 6, label: "R2" } });
  });
});
