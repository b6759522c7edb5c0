import { readCents } from "../../../../src/core/reconcile/amount";
import { readAmountText } from "../../../../src/core/validate/typed-text";

describe("amounts as ledgers write them", () => {
  it.each<[string, number]>([
    ["(1,250.50)", -1250.5],
    ["1.250,50-", -1250.5],
    ["1,250.00 -", -1250],
    ["(£1,200.00)", -1200],
    ["−12.50", -12.5],
    ["1 234,56 €", 1234.56],
    ["1'234.50", 1234.5],
    ["-£1,250", -1250],
    ["USD 40 000.10", 40000.1],
    ["-USD 492.82", -492.82],
  ])("%p reads as %p", (text, value) => {
    expect(readAmountText(text, true)).toMatchObject({ kind: "amount", value });
  });

  it.each(["(-5)", "--5", "5--", "((5))", "(5", "1,2,3", "n/a"])("%p is unreadable", (text) => {
    expect(readAmountText(text, true).kind).toBe("none");
  });

  it("keeps whole cents and never turns an unreadable amount into zero", () => {
    expect(readCents("£0.10")).toEqual({ kind: "cents", cents: 10 });
    expect(readCents(0.1 + 0.2)).toEqual({ kind: "cents", cents: 30 });
    expect(readCents("TBC")).toMatchObject({ kind: "unreadable" });
    expect(readCents({ error: "#N/A" })).toMatchObject({ kind: "unreadable" });
    expect(readCents("  ")).toEqual({ kind: "blank" });
  });
});
