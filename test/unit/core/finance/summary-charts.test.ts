/**
 * The chart edit as data (strict, counted against its categories) and the
 * summary sheet's charts: one per block with period rows, beside its figures
 * without covering a cell, each series up to its last figure, recorded so an
 * unchanged run draws nothing and a changed one redraws only what changed.
 */
import { checkPlan } from "../../../../src/core/plan/plan";
import { describeEdit } from "../../../../src/core/plan/describe";
import type { ChartSpec } from "../../../../src/core/plan/edits";
import { chartChanges, drawnCharts, recordedCharts, summaryCharts } from "../../../../src/core/finance/summary-charts";
import type { SummaryLayout } from "../../../../src/core/finance/summary-sheet";

const spec: ChartSpec = {
  type: "setChart",
  sheet: "PMO Finance",
  name: "S-curve: EVM",
  chartType: "line",
  title: "EVM: cumulative PV, EV and AC",
  categories: "A10:A13",
  categoryLabels: ["2025-01", "2025-02", "2025-03", "2025-04"],
  series: [
    { name: "Cumulative PV", values: "E10:E13", points: [1, 2, 3, 4] },
    { name: "Cumulative EV", values: "F10:F11", points: [1, 2] },
  ],
  anchor: "I9:Q28",
};

describe("the chart edit", () => {
  it("is checked strictly: every problem with its path", () => {
    const bad = { ...spec, series: [{ name: "PV", values: "E10:F13", points: [1] }, { name: "EV", values: "F10:F15" }], categoryLabels: ["a"], colour: "red" };
    const r = checkPlan({ title: "t", edits: [bad] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchInlineSnapshot(`
[
  "edits.0.series.0.values: a chart series reads one row or one column of cells",
  "edits.0: Unrecognized key: "colour"",
  "edits.0.categoryLabels: 1 labels for 4 category cells",
  "edits.0.series.0.values: series “PV” reads 8 cells but there are only 4 categories",
  "edits.0.series.0.points: series “PV” has 1 points for 8 cells",
  "edits.0.series.1.values: series “EV” reads 6 cells but there are only 4 categories",
]
`);
    const counts = checkPlan({ title: "t", edits: [{ ...spec, categoryLabels: ["a"], series: [{ name: "EV", values: "F10:F15" }, { name: "AC", values: "G10:G11", points: [1] }] }] });
    expect(counts.ok ? [] : counts.error).toMatchInlineSnapshot(`
[
  "edits.0.categoryLabels: 1 labels for 4 category cells",
  "edits.0.series.0.values: series “EV” reads 6 cells but there are only 4 categories",
  "edits.0.series.1.points: series “AC” has 1 points for 2 cells",
]
`);
    expect(checkPlan({ title: "t", edits: [spec, { type: "removeChart", sheet: "PMO Finance", name: "S-curve: EVM" }] }).ok).toBe(true);
  });

  it("says what it draws and that it replaces a chart of that name", () => {
    expect(describeEdit(spec)).toBe("Draws line chart “S-curve: EVM” over I9:Q28 (“Cumulative PV”, “Cumulative EV” by A10:A13), replacing the sheet's chart of that name if there is one");
    expect(describeEdit({ type: "removeChart", sheet: "S", name: "S-curve: EVM" })).toBe("Removes chart “S-curve: EVM”");
  });
});

function layout(rows: number, width: number, wideFrom: number | null): SummaryLayout {
  const grid = Array.from({ length: rows }, (_, i) => Array.from({ length: i + 1 >= (wideFrom ?? Infinity) ? width : 7 }, (_, j) => ({ input: `r${i + 1}c${j + 1}` })));
  return {
    rows: grid,
    width,
    formats: [],
    headerRows: [],
    ragRanges: [],
    charts: [
      {
        name: "S-curve: EVM",
        subject: "EVM",
        top: 5,
        bottom: 8,
        headerRow: 4,
        categoryLabels: ["p1", "p2", "p3", "p4"],
        series: [
          { name: "Cumulative PV", column: 5, points: [1, 2, 3, 4] },
          { name: "Cumulative EV", column: 6, points: [1, 2, null, null] },
          { name: "Cumulative AC", column: 7, points: [null, null, null, null] },
        ],
      },
    ],
  };
}

describe("the summary sheet's charts", () => {
  it("sit beside their period rows when nothing lies there; series stop at their last figure; a series with none is left out", () => {
    const [c] = summaryCharts(layout(10, 20, null), "PMO Finance");
    expect(c.anchor).toBe("I4:Q23");
    expect(c.title).toBe("EVM: PV and EV, cumulative");
    expect(c.categories).toBe("A5:A8");
    expect(c.series.map((s) => [s.name, s.values, s.points])).toEqual([
      ["Cumulative PV", "E5:E8", [1, 2, 3, 4]],
      ["Cumulative EV", "F5:F6", [1, 2]],
    ]);
  });

  it("go right of the widest row when a block below would be covered", () => {
    expect(summaryCharts(layout(30, 20, 12), "PMO Finance")[0]?.anchor).toBe("V4:AD23");
  });

  it("are redrawn only when changed, all of them when the sheet is rewritten, and removed when no longer planned", () => {
    const specs = summaryCharts(layout(10, 20, null), "PMO Finance");
    const drawn = drawnCharts(specs);
    expect(recordedCharts({ sheet: "PMO Finance", charts: drawn })).toEqual(drawn);
    expect(recordedCharts({ sheet: "PMO Finance", charts: "damaged" })).toEqual([]);
    expect(chartChanges(specs, drawn, "PMO Finance", false)).toEqual([]);
    expect(chartChanges(specs, drawn, "PMO Finance", true)).toEqual(specs);
    expect(chartChanges(specs, [{ name: "S-curve: EVM", hash: "0" }], "PMO Finance", false)).toEqual(specs);
    expect(chartChanges([], drawn, "PMO Finance", false)).toEqual([{ type: "removeChart", sheet: "PMO Finance", name: "S-curve: EVM" }]);
  });
});
