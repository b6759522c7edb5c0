import { readAmountText, readDateText, readPercentText } from "../../../../src/core/validate/typed-text";
import { matchAllowed } from "../../../../src/core/validate/suggest";

describe("dates typed as text", () => {
  test.each([
    ["2026-03-12", "2026-03-12"],
    ["2026/3/5", "2026-03-05"],
    ["12 March 2026", "2026-03-12"],
    ["12-Mar-2026", "2026-03-12"],
    ["Sept 3, 2025", "2025-09-03"],
    ["25/12/2025", "2025-12-25"],
    ["12/25/2025", "2025-12-25"],
    ["07/07/2025", "2025-07-07"],
  ])("%s reads one way: %s", (text, iso) => {
    expect(readDateText(text)).toMatchObject({ kind: "date", iso });
  });

  test("03/04/2026 could be either day, so it is not read", () => {
    expect(readDateText("03/04/2026")).toEqual({ kind: "ambiguous", readings: ["2026-04-03", "2026-03-04"] });
  });

  test("a two-digit year is never taken as a fact", () => {
    expect(readDateText("25/12/25").kind).toBe("ambiguous");
  });

  test.each(["31/02/2026", "next month", "2026-13-01", "Q3 2026", "Mar 2026"])("%s is not a date", (text) => {
    expect(readDateText(text)).toEqual({ kind: "none" });
  });
});

describe("amounts typed as text", () => {
  test.each([
    ["300,000 CHF", 300000, "CHF"],
    ["£1,250.50", 1250.5, "GBP"],
    ["EUR 40 000", 40000, "EUR"],
    ["1.234.567,89 €", 1234567.89, "EUR"],
    ["-5,000", -5000, null],
  ])("%s is %d", (text, value, currency) => {
    expect(readAmountText(text, true)).toEqual({ kind: "amount", value, currency });
  });

  test("a lone comma before three digits is ambiguous for a plain number, thousands for money", () => {
    expect(readAmountText("1,234", false)).toEqual({ kind: "ambiguous", readings: [1234, 1.234], currency: null });
    expect(readAmountText("1,234", true)).toEqual({ kind: "amount", value: 1234, currency: null });
  });

  test.each(["about 300k", "1,23,4", "£ 5 $", "TBC"])("%s is not an amount", (text) => {
    expect(readAmountText(text, true)).toEqual({ kind: "none" });
  });

  test("percentages", () => {
    expect(readPercentText("75%")).toBe(0.75);
    expect(readPercentText("12.5 %")).toBe(0.125);
    expect(readPercentText("75% to 100%")).toBeNull();
  });
});

describe("allowed values", () => {
  test("case and spaces are the same value written differently", () => {
    expect(matchAllowed("HIgh", ["High", "Medium", "Low"])).toEqual({ kind: "spelling", canonical: "High" });
    expect(matchAllowed("  in  progress ", ["Open", "In progress", "Closed"])).toEqual({ kind: "spelling", canonical: "In progress" });
  });

  test("a near miss gets a suggestion, a far one does not", () => {
    expect(matchAllowed("In progeress", ["Open", "In progress", "Closed"])).toEqual({ kind: "none", suggestion: "In progress" });
    expect(matchAllowed("Hgih", ["High", "Medium", "Low"])).toEqual({ kind: "none", suggestion: "High" });
    expect(matchAllowed("Parked", ["Open", "In progress", "Closed"])).toEqual({ kind: "none" });
  });
});
