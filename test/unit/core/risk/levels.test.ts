import { fractionLevelExpression, fractionOfText, isFractionColumn, isLevelWord, levelLookupExpression, levelNumber, levelOnReading, levelReading, offScale, scaleOfColumn } from "../../../../src/core/risk/levels";

describe("the scale a column of levels is written on", () => {
  test.each([
    [["High", "Med", "Low", "H"], "Low … High"],
    [["High", "Very High", "Low"], "Very Low … Very High"],
    [["Likely", "Rare", "Almost certain"], "Rare … Almost certain"],
    [["Major", "Minor", "Catastrophic"], "Insignificant … Catastrophic"],
    [["Высокая", "Низкая"], "Low … High"],
  ])("%j → %s", (values, name) => {
    expect(scaleOfColumn(values)?.name).toBe(name);
  });

  test("numbers need no scale; words of no scale get none", () => {
    expect(scaleOfColumn([1, 2, 3, "4"])).toBeNull();
    expect(scaleOfColumn(["Supplier", "Budget", "Staff"])).toBeNull();
  });

  test("percentage bands are ordered by where they start", () => {
    const s = scaleOfColumn(["50% to 75%", "0% to 25%", "> 75%", "25% to 50%"]);
    expect(s?.steps.map((x) => x.words[0])).toEqual(["0% to 25%", "25% to 50%", "50% to 75%", "> 75%"]);
  });

  test("every spelling of a step has its value; the scale follows the register: High is the top of a Low/Medium/High scale, 4 of 5 beside Very High", () => {
    const s = scaleOfColumn(["High", "Low"]);
    if (!s) throw new Error("no scale");
    expect(["high", " H ", "Hi"].map((w) => levelNumber(w, s))).toEqual([3, 3, 3]);
    expect(levelNumber("Med", s)).toBe(2);
    expect(levelNumber("Low", s)).toBe(1);
    expect(levelNumber(5, s)).toBe(5);
    expect(levelNumber("TBC", s)).toBeNull();
    expect(offScale(["High", "TBC", null, "3", "Very High"], s)).toEqual([1, 3, 4]);
    const five = scaleOfColumn(["High", "Very Low"]);
    if (!five) throw new Error("no scale");
    expect(["high", "Med", "very low", "VH"].map((w) => levelNumber(w, five))).toEqual([4, 3, 1, 5]);
  });

  test("the lookup a formula uses: the number itself, else its step on the scale", () => {
    const s = scaleOfColumn(["Very Low", "High"]);
    if (!s) throw new Error("no scale");
    const f = levelLookupExpression("T[[#This Row],[Likelihood]]", s);
    expect(f.startsWith("IF(ISNUMBER(T[[#This Row],[Likelihood]]),T[[#This Row],[Likelihood]],INDEX({1,1,")).toBe(true);
    expect(f).toContain('MATCH(TRIM(T[[#This Row],[Likelihood]]),{"very low","vl",');
    expect(isLevelWord("Almost Certain")).toBe(true);
    const lmh = scaleOfColumn(["Low", "High"]);
    if (!lmh) throw new Error("no scale");
    expect(levelLookupExpression("A2", lmh)).toMatch(/^IF\(ISNUMBER\(A2\),A2,INDEX\(\{1,1,1,.*MATCH\(TRIM\(A2\),\{"low","l","lo",/);
  });
});

describe("scales that follow the workbook", () => {
  test("a column mixing five-step families reads each word on its own step", () => {
    const s = scaleOfColumn(["Moderate", "Very likely", "extreme", "High"]);
    if (!s) throw new Error("no scale");
    expect(["moderate", "very likely", "extreme", "high", "rare"].map((w) => levelNumber(w, s))).toEqual([3, 5, 5, 4, 1]);
  });

  test("equal percentage bands are placed on the whole scale of their width, even where only some are used", () => {
    const s = scaleOfColumn(["50% to 75%", "75% to 100%", "50% to 75%"]);
    expect(s?.steps.map((x) => x.value)).toEqual([1, 2, 3, 4]);
    if (!s) throw new Error("no scale");
    expect(levelNumber("75% to 100%", s)).toBe(4);
    expect(levelNumber("50% to 75%", s)).toBe(3);
  });
});

describe("fractions: PMBOK's numeric scales and percentages", () => {
  const pmbok = levelReading([0.1, 0.7], "probability", 5);

  test("a column of fractions is read on five steps; a stray 0 or 1.5 does not make it whole levels, one 0.5 among 1–5 does not make a 1–5 column fractions", () => {
    expect(isFractionColumn([0.1, 0.3, 0.9, 0, 1.5])).toBe(true);
    expect(isFractionColumn([1, 2, 3, 4, 0.5])).toBe(false);
    expect(isFractionColumn([1, 1, 0])).toBe(false);
    expect(levelReading([0.05, 0.4, 1.5, 0], "impact", 5)).toEqual({ kind: "fractions", steps: 5, thresholds: [0.075, 0.15, 0.3, 0.6] });
  });

  test("percentages typed as text are fractions, not a scale of their own values; ranges and '> 70%' still make bands", () => {
    expect(["70%", " 7.5% ", "0.3", "100%", "-5%", "70 %", "abc", "1/2", "1,5"].map(fractionOfText)).toEqual([0.7, 0.075, 0.3, 1, -0.05, null, null, null, null]);
    expect(scaleOfColumn(["20%", "10%", "1%", "15%"])).toBeNull();
    expect(levelReading(["20%", "10%", "1%", "15%"], "probability", 5).kind).toBe("fractions");
    expect(scaleOfColumn(["> 70%", "50% to 70%"])?.steps).toHaveLength(2);
  });

  test("a cell's level is where its value falls among the thresholds; 0, over 1, blank and other text have none", () => {
    expect([0.1, 0.2, 0.39, "70%", 0.9, 1, "100%", 0, 1.5, null, "TBC", true].map((v) => levelOnReading(v, pmbok))).toEqual([1, 2, 2, 4, 5, 5, 5, null, null, null, null, null]);
  });

  test("the formula finds the level the same way: the value ×1 (text read as a number), MATCHed on the thresholds, #N/A off 0–1 and for TRUE or FALSE", () => {
    expect(fractionLevelExpression("A2", [0.2, 0.4, 0.6, 0.8])).toBe("IF(AND(NOT(ISLOGICAL(A2)),A2*1>0,A2*1<=1),MATCH(A2*1,{0,0.2,0.4,0.6,0.8}),NA())");
  });
});
