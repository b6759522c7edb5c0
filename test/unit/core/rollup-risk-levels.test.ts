import type { CellValue } from "../../../src/core/grid/cell";
import { RISK_BAND_SETS } from "../../../src/core/metadata/settings";
import { riskFigures, type RegisterData } from "../../../src/core/rollup/register-figures";

const BANDS = RISK_BAND_SETS.standard.bands;
const FIELDS = ["id", "probability", "impact", "score", "residualProbability", "residualImpact", "residualScore", "status"];

/** A risk register of the given fields (columns A, B, … in this order), one row per record from row 2. */
function register(file: string, fields: string[], records: CellValue[][]): RegisterData {
  const letter = (k: number) => String.fromCharCode(65 + k);
  const columns = Object.fromEntries(fields.map((f, k) => [f, { header: f, column: letter(k), confidence: 1, lowConfidence: false, source: "header" as const }]));
  return {
    file,
    register: { sheet: "Risks", kind: "risk", firstRow: 1, lastRow: records.length + 1, firstColumn: "A", lastColumn: letter(fields.length - 1), columns },
    rows: records.map((r, k) => ({ row: k + 2, cells: Object.fromEntries(fields.map((f, j) => [f, { value: r[j] ?? null, format: "General", formula: null }])) })),
  };
}

describe("rollup risk figures on fraction registers", () => {
  it("bands PMBOK fractions on the product of their levels, as the heat map and Band column do", () => {
    // 0.7 × 0.4: levels 4 × 4 = 16, Critical; 0.9 × 0.1: 5 × 2 = 10, High; 0.5 × 0.2: 3 × 3 = 9, Medium; 0.1 × 0.05: 1, Low.
    const d = register("p.xlsx", FIELDS, [
      ["R1", 0.7, 0.4, 0.28, 0.3, 0.2, 0.06, "Open"],
      ["R2", 0.9, 0.1, 0.09, 0.5, 0.1, 0.05, "Open"],
      ["R3", 0.5, 0.2, 0.1, 0.1, 0.05, 0.005, "Open"],
      ["R4", 0.1, 0.05, 0.005, 0.1, 0.05, 0.005, "Open"],
      ["R5", 0.9, 0.8, 0.72, 0.9, 0.8, 0.72, "Closed"],
    ]);
    const f = riskFigures([d], BANDS);
    expect(f.openRisks).toMatchObject({ value: 4 });
    expect(f.risksByBand).toMatchObject({ value: { Low: 1, Medium: 1, High: 1, Critical: 1 } });
    // Residual levels: R1 2 × 3 = 6, R2 3 × 2 = 6 (R1 first), R3 and R4 1.
    expect(f.highestResidualRisk).toMatchObject({ value: { score: 6, label: "R1" } });
    expect(f.risksByBand).toMatchObject({ sources: [{ file: "p.xlsx", sheet: "Risks", cell: "A1:H6", how: expect.stringMatching(/read as levels and banded on their product/) }] });
  });

  it("reads percentages typed as text as fractions", () => {
    const d = register("t.csv", ["id", "probability", "impact", "status"], [
      ["R1", "70%", "40%", "Open"],
      ["R2", "10%", "5%", "Open"],
    ]);
    expect(riskFigures([d], BANDS).risksByBand).toMatchObject({ value: { Low: 1, Medium: 0, High: 0, Critical: 1 } });
  });

  it("compares residual risks across registers on levels, not on their raw scores", () => {
    const whole = register("w.xlsx", FIELDS, [["W1", 3, 4, 12, 2, 3, 6, "Open"]]);
    const pmbok = register("p.xlsx", FIELDS, [["P1", 0.9, 0.8, 0.72, 0.7, 0.4, 0.28, "Open"]]);
    const f = riskFigures([whole, pmbok], BANDS);
    // P1's residual 0.7 × 0.4 is levels 4 × 4 = 16, above W1's 6.
    expect(f.highestResidualRisk).toMatchObject({ value: { score: 16, label: "P1" } });
    expect(f.risksByBand).toMatchObject({ value: { Low: 0, Medium: 0, High: 1, Critical: 1 } });
  });

  it("keeps a whole-number register's stated scores and their bands", () => {
    const d = register("w.xlsx", FIELDS, [
      ["W1", 3, 4, 12, 2, 3, 6, "Open"],
      // A stated score that is not the product of the levels is the register's own: the rollup reads it as written.
      ["W2", 1, 1, 20, 1, 1, 8, "Open"],
    ]);
    const f = riskFigures([d], BANDS);
    expect(f.risksByBand).toMatchObject({ value: { Low: 0, Medium: 0, High: 1, Critical: 1 } });
    expect(f.highestResidualRisk).toMatchObject({ value: { score: 8, label: "W2" } });
    expect(JSON.stringify(f)).not.toMatch(/levels 1–5/);
  });

  it("gives no residual for a fraction register with only a stated residual score", () => {
    const d = register("p.xlsx", ["id", "probability", "impact", "residualScore"], [["R1", 0.7, 0.4, 0.12]]);
    expect(riskFigures([d], BANDS).highestResidualRisk).toMatchObject({ missing: expect.stringMatching(/no residual probability and impact/) });
  });

  it("bands a High/Medium/Low register on its own 3×3 matrix, as the heat map and its Band column do, keeping its stated residual scores", () => {
    // On 3×3 the band set falls on 1, 3, 6, 9: High × High (9) is Critical, Medium × High (6) High, Low × Medium (2) Low; a stated 9 of 25 would have been Medium.
    const d = register("w.xlsx", FIELDS, [
      ["W1", "High", "High", 9, null, null, 4, "Open"],
      ["W2", "Medium", "High", 6, null, null, 2, "Open"],
      ["W3", "Low", "Medium", 2, null, null, 1, "Open"],
    ]);
    const f = riskFigures([d], BANDS);
    expect(f.risksByBand).toMatchObject({ value: { Low: 1, Medium: 0, High: 1, Critical: 1 } });
    expect(f.highestResidualRisk).toMatchObject({ value: { score: 4, label: "W1" } });
  });
});
