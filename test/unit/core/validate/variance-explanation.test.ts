import { templateForKind } from "../../../../src/core/templates/catalogue";
import { validateRegister, type RegisterRows } from "../../../../src/core/validate";
import { RISK_BAND_SETS } from "../../../../src/core/metadata/settings";

const cell = (value: string | number | null) => ({ value, format: "General", formula: null });

function budgetRows(budget: number, eac: number): RegisterRows {
  return {
    sheet: "Budget",
    kind: "budget",
    template: templateForKind("budget"),
    onTemplate: true,
    columns: { project: "A", budget: "B", actual: "C", eac: "D", varianceExplanation: "E" },
    headers: { project: "Project", budget: "Budget", actual: "Actual", eac: "Forecast at Completion", varianceExplanation: "Variance Explanation" },
    rows: [{ row: 2, cells: { project: cell("P1"), budget: cell(budget), actual: cell(eac / 2), eac: cell(eac), varianceExplanation: cell(null) } }],
  };
}

const base = { today: 46000, bands: RISK_BAND_SETS.standard.bands, currency: "GBP", varianceAmberPercent: 5 };
const unexplained = (r: RegisterRows, s: typeof base & { varianceAmberAmount?: number }) => validateRegister(r, s).filter((f) => f.rule === "variance-explanation");

describe("an explanation is due past amber, whichever of amount and percentage is greater", () => {
  test("20% over on 10,000 is past 5% but not past an amber amount of 7,500", () => {
    expect(unexplained(budgetRows(10_000, 12_000), base)).toHaveLength(1);
    expect(unexplained(budgetRows(10_000, 12_000), { ...base, varianceAmberAmount: 7_500 })).toHaveLength(0);
  });

  test("8% over on 500,000 is past both 5% and 7,500", () => {
    expect(unexplained(budgetRows(500_000, 540_000), { ...base, varianceAmberAmount: 7_500 })).toHaveLength(1);
  });
});
