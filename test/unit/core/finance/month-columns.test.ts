import type { CellValue } from "../../../../src/core/grid/cell";
import { parseRange, type RangeAddress } from "../../../../src/core/grid/address";
import { measureOfWords, readMonthColumns, type MonthFrame } from "../../../../src/core/finance/month-columns";
import { monthHeader } from "../../../../src/core/finance/periods";

/** Rows from sheet row 1, column A; merges as A1 ranges. */
function frame(rows: CellValue[][], opts: Partial<Omit<MonthFrame, "cells">> & { merges?: string[]; formats?: Record<string, string> } = {}): MonthFrame {
  const headerRow = opts.headerRow ?? 3;
  const width = Math.max(...rows.map((r) => r.length));
  const numberFormats = rows.map((_, i) => Array.from({ length: width }, (_, j) => opts.formats?.[`${i + 1}:${j + 1}`] ?? "General"));
  return {
    cells: { top: 1, left: 1, values: rows, numberFormats, merges: (opts.merges ?? []).map((m) => parseRange(m) as RangeAddress) },
    headerRow,
    headerTop: opts.headerTop ?? 2,
    left: 1,
    right: width,
    firstRow: headerRow + 1,
    lastRow: rows.length,
    kind: opts.kind ?? "budget",
    columns: opts.columns ?? { project: 1 },
  };
}

const measures = (f: MonthFrame) => readMonthColumns(f, monthHeader).map((m) => `${m.header}:${m.period.key}:${m.measure}:${m.from}`);

describe("the words that say what a month column holds", () => {
  test.each([
    ["Actual", "actual"],
    ["Actual Cost (AC)", "actual"],
    ["Jan Actual", "actual"],
    ["Budget Feb-25", "budget"],
    ["Planned Value (PV)", "budget"],
    ["Forecast Q3", "forecast"],
    ["Earned value", "earned"],
    ["Commitments", "committed"],
    ["Budget vs Actual", null],
    ["Jan-25", null],
  ])("%s: %s", (words, measure) => expect(measureOfWords(words)).toBe(measure));
});

describe("month columns and their measures", () => {
  test("merged group headers over two sets of the same months; a title above the header rows is not read", () => {
    const f = frame(
      [
        ["Programme budget tracker"],
        [null, "Budget", null, "Actual", null],
        ["Project", "Jan-25", "Feb-25", "Jan-25", "Feb-25"],
        ["A", 10, 20, 5, null],
      ],
      { merges: ["B2:C2", "D2:E2"] },
    );
    expect(measures(f)).toEqual(["Jan-25:2025-01:budget:group", "Feb-25:2025-02:budget:group", "Jan-25:2025-01:actual:group", "Feb-25:2025-02:actual:group"]);
  });

  test("a group written once over the first of its months, no merge: it stands for the months to its right up to the next group", () => {
    const f = frame([[], [null, "Plan", null, "Actuals", null], ["Project", "Jan", "Feb", "Jan", "Feb"], ["A", 1, 2, 3, 4]]);
    expect(measures(f).map((m) => m.split(":")[2])).toEqual(["budget", "budget", "actual", "actual"]);
  });

  test("text over a key column (a title or a note in the header rows) is no group over the months; a merged area stops where it ends", () => {
    const f = frame(
      [[], ["Budget tracker", null, null, "Forecast", null, null], ["Project", "Jan-25", "Feb-25", "Mar-25", "Apr-25", "May-25"], ["A", 1, 2, 3, 4, 5]],
      { merges: ["D2:E2"] },
    );
    // B, C: nothing above them but a title at A; F: right of a merged group that ends at E. No Actual column, so the tracker says actuals.
    expect(measures(f).map((m) => m.split(":").slice(2).join(":"))).toEqual(["actual:tracker", "actual:tracker", "forecast:group", "forecast:group", "actual:tracker"]);
  });

  test("the nearest words decide: the month's own header, then the group row nearest to it; words naming two measures decide nothing", () => {
    const f = frame(
      [["Budget vs Actual", null, null, null, null], [null, "Actual", null, null, null], ["Project", "Jan-25", "Feb-25", "Forecast Mar-25", "Apr-25"], ["A", 1, 2, 3, 4]],
      { headerTop: 1, merges: ["A1:E1", "B2:D2"], kind: "evm" },
    );
    expect(measures(f).map((m) => m.split(":").slice(2).join(":"))).toEqual(["actual:group", "actual:group", "forecast:header", "budget:tracker"]);
  });

  test("an earned value table's months with no words are its planned value; with words, what they say", () => {
    const plain = frame([[], [], ["Activity", "Jan", "Feb", "Mar"], ["A", 1, 2, 3]], { kind: "evm" });
    expect(measures(plain).map((m) => m.split(":")[2])).toEqual(["budget", "budget", "budget"]);
    const worded = frame([[], [null, "Planned", null, "Actual", null], ["Activity", "Jan", "Feb", "Jan", "Feb"], ["A", 1, 2, 3, 4]], { kind: "evm", merges: ["B2:C2", "D2:E2"] });
    expect(measures(worded).map((m) => m.split(":")[2])).toEqual(["budget", "budget", "actual", "actual"]);
  });

  test.each([
    ["its Actual column is their total: actuals", [[40, 100, 10, 30], [5, 50, 5, null]], "actual"],
    ["they add up to its Budget column, not to Actual: the budget phased by month", [[40, 100, 60, 40], [5, 50, 20, 30]], "budget"],
    ["they add up to neither: unknown", [[40, 100, 1, 2], [5, 50, 20, 30]], null],
  ] as const)("a budget tracker's months with no words beside its own Actual column: %s", (_name, data, measure) => {
    const f = frame([[], [], ["Project", "Actual", "Budget", "Jan-25", "Feb-25"], ...data.map((r, i) => [`P${i}`, r[0], r[1], r[2], r[3]])], { columns: { project: 1, actual: 2, budget: 3 } });
    expect(readMonthColumns(f, monthHeader).map((m) => m.measure)).toEqual([measure, measure]);
  });

  test("a mapped amount column whose header names a month and a measure is a month; one month-named column alone is no months across", () => {
    const f = frame([[], [], ["Project", "Budget Jan-25", "Actual Jan-25", "Budget Feb-25", "Actual Feb-25"], ["A", 1, 2, 3, 4]], { columns: { project: 1, budget: 2, actual: 3 } });
    expect(measures(f)).toEqual(["Budget Jan-25:2025-01:budget:header", "Actual Jan-25:2025-01:actual:header", "Budget Feb-25:2025-02:budget:header", "Actual Feb-25:2025-02:actual:header"]);
    expect(measures(frame([[], [], ["Project", "Budget", "Due Jan-25"], ["A", 1, 2]]))).toEqual([]);
  });

  test("month headers that are dates", () => {
    const jan = 45658; // 2025-01-01
    const f = frame([[], [null, "Actual", null], ["Project", jan, jan + 31], ["A", 1, 2]], { merges: ["B2:C2"], formats: { "3:2": "mmm-yy", "3:3": "mmm-yy" } });
    expect(readMonthColumns(f, monthHeader).map((m) => [m.period.key, m.measure])).toEqual([["2025-01", "actual"], ["2025-02", "actual"]]);
  });
});
