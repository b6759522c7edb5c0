import { isLevelWord, levelLookupExpression, levelNumber, offScale, scaleOfColumn } from "../../../../src/core/risk/levels";

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
