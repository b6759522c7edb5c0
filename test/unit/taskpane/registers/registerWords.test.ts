import { driftSummary, findingSentence } from "../../../../src/taskpane/panels/registers/registerWords";
import { builtInTemplate } from "../../../../src/core/templates/catalogue";
import type { DriftFinding } from "../../../../src/core/registers/drift";

const risk = builtInTemplate("risk");

function finding(code: DriftFinding["code"], field: string, cells?: string[]): DriftFinding {
  return { code, field, message: `the ${field} finding`, repairable: code !== "value_not_allowed", ...(cells ? { cells } : {}) };
}

describe("the one-line answer to “is this register standard?”", () => {
  it("counts missing columns and names lost drop-downs with the cells they cover", () => {
    expect(driftSummary([finding("missing_column", "trend"), finding("missing_column", "proximity"), finding("lost_dropdown", "status", ["M6", "M7", "M9"])], risk)).toBe(
      "2 columns missing, Status drop-down lost on 3 cells",
    );
  });

  it("names formulas by their column and counts values outside the lists and other formats", () => {
    expect(
      driftSummary(
        [
          finding("formula_overwritten", "score", ["J7", "J8"]),
          finding("formula_broken", "residualScore", ["U6"]),
          finding("value_not_allowed", "status", ["M6"]),
          finding("number_format", "dateRaised", ["C10", "C11"]),
          finding("renamed_column", "owner", ["G5"]),
        ],
        risk,
      ),
    ).toBe("1 column renamed, Residual Score formula broken in 1 cell, Score formula typed over in 2 cells, 1 value outside the lists, 2 cells in another number format");
  });

  it("groups three or more lost drop-downs, and says nothing for a standard register", () => {
    expect(driftSummary(["status", "type", "trend"].map((f) => finding("lost_dropdown", f)), risk)).toBe("3 drop-downs lost");
    expect(driftSummary([], risk)).toBe("");
  });

  it("gives each finding as a sentence", () => {
    expect(findingSentence({ code: "missing_column", field: "trend", message: "the Trend column is missing; applying the template adds it", repairable: true })).toBe(
      "The Trend column is missing; applying the template adds it.",
    );
  });
});
