import { confidenceWords, driftSummary, findingSentence } from "../../../../src/taskpane/panels/registers/registerWords";
import type { DetectedRegister } from "../../../../src/core/detect/detect";
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

describe("how sure the panel says it is", () => {
  const base: DetectedRegister = {
    sheet: "Risks",
    kind: "risk",
    templateId: "risk",
    headerRow: 3,
    firstRow: 4,
    lastRow: 10,
    firstColumn: "A",
    lastColumn: "H",
    confidence: 0.9,
    columns: { id: { header: "Ref", column: "A", confidence: 1, lowConfidence: false, source: "header" } },
    unmapped: [],
    skippedRows: { blank: [], idOnly: [] },
    notes: [],
    drift: [],
  };

  it("is sure of a confident register with a clear extent", () => {
    expect(confidenceWords(base)).toMatchObject({ sure: true, badge: "Sure" });
  });

  it("is never sure when where the register ends is in doubt, and says why", () => {
    const w = confidenceWords({ ...base, doubts: ["rows from 14 on might belong to the register too"] });
    expect(w).toMatchObject({ sure: false, badge: "Check the mapping" });
    expect(w.words).toContain("where it ends is in doubt: rows from 14 on might belong to the register too");
  });

  it("offers a register of uncertain kind for the person to confirm", () => {
    const w = confidenceWords({ ...base, confidence: 0.45, uncertainKind: true });
    expect(w.sure).toBe(false);
    expect(w.words).toMatch(/^Shaped like a register, but of uncertain kind \(45%\)/);
  });

  it("counts word levels off their scale and formulas that do not read them", () => {
    expect(driftSummary([finding("formula_unscaled", "score", ["F4", "F5"]), finding("level_off_scale", "probability", ["D9"])], risk)).toBe(
      "Score formula not reading word levels in 2 cells, 1 level off their scale",
    );
  });
});
