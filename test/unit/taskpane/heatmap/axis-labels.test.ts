import { axisLayout } from "../../../../src/taskpane/panels/heatmap/axisLabels";

const FIVE_IMPACTS = ["Insignificant", "Minor", "Moderate", "Major", "Catastrophic"];
const FIVE_PROBABILITIES = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"];

describe("axisLayout", () => {
  test("a 5 × 5 scale whose impact words outgrow their columns stands them upright", () => {
    expect(axisLayout(FIVE_PROBABILITIES, FIVE_IMPACTS).uprightColumns).toBe(true);
  });

  test("short impact words, or few columns, stay level", () => {
    expect(axisLayout(FIVE_PROBABILITIES, ["1", "2", "3", "4", "5"]).uprightColumns).toBe(false);
    expect(axisLayout(["Low", "Medium", "High"], ["Low", "Medium", "High"]).uprightColumns).toBe(false);
    expect(axisLayout(["Low", "Medium", "High"], ["Limited", "Significant", "Catastrophic"]).uprightColumns).toBe(false);
  });

  test("the probability column is as wide as its longest word needs, within bounds", () => {
    const short = axisLayout(["Low", "High"], ["Low", "High"]).rowHeaderWidth;
    const long = axisLayout(["Rare", "Almost certain", "Improbable"], ["Low", "High"]).rowHeaderWidth;
    const huge = axisLayout(["Extraordinarilyimprobable"], ["Low", "High"]).rowHeaderWidth;
    expect(short).toBeGreaterThanOrEqual(40);
    expect(long).toBeGreaterThan(short);
    expect(huge).toBeLessThanOrEqual(96);
  });
});
