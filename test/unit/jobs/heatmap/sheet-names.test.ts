import { checkPlan } from "../../../../src/core/plan/plan";
import { sheetNameFor } from "../../../../src/jobs/heatmap/heatmap";

describe("a heat map sheet's name", () => {
  it("is cut to 31 characters without leaving an apostrophe or a space at its end, and is one a plan may add", () => {
    const name = sheetNameFor("Heat Map", "Infrastructure Vendor's risks");
    expect(name).toBe("Heat Map Infrastructure Vendor");
    expect(checkPlan({ title: "t", edits: [{ type: "addSheet", sheet: name }] }).ok).toBe(true);
    expect(sheetNameFor("Heat Map", "Suppliers'")).toBe("Heat Map Suppliers");
    expect(sheetNameFor("Heat Map", "Risks / Q3")).toBe("Heat Map Risks Q3");
  });
});
