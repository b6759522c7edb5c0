/**
 * Charts through the Excel host, on the fake: a chart edit draws a named
 * line chart whose series read the plan's ranges, placed over the anchor
 * cells, in the same number of syncs whatever the rows; a second run
 * replaces it and leaves the user's own chart; undo removes it; where
 * Excel has no chart API the rest of the plan applies and the preview and
 * the result say the chart was not drawn.
 */
import type { ChartSpec, Edit } from "../../../../src/core/plan/edits";
import type { Plan } from "../../../../src/core/plan/plan";
import { FakeExcel } from "../../../contract/fake-excel/fake-excel";
import { excelHostOver } from "../../../contract/fake-excel/host-over-fake";
import type { ChartState } from "../../../contract/fake-excel/state";

function periods(n: number): FakeExcel {
  const rows: (string | number)[][] = [["Period", "Cumulative PV", "Cumulative EV"]];
  for (let i = 1; i <= n; i++) rows.push([`P${i}`, i * 100, i * 90]);
  return FakeExcel.fromSeed({ sheets: [{ name: "PMO Finance", rows }] });
}

function chart(n: number, overrides: Partial<ChartSpec> = {}): ChartSpec {
  return {
    type: "setChart",
    sheet: "PMO Finance",
    name: "S-curve",
    chartType: "line",
    title: "Cumulative PV and EV",
    categories: `A2:A${n + 1}`,
    series: [
      { name: "PV", values: `B2:B${n + 1}` },
      { name: "EV", values: `C2:C${Math.max(2, n - 1)}` },
    ],
    anchor: "E2:M21",
    ...overrides,
  };
}

const plan = (...edits: Edit[]): Plan => ({ title: "chart", edits });
const chartsOf = (fake: FakeExcel): ChartState[] => fake.state.sheets.find((s) => s.name === "PMO Finance")?.charts ?? [];
const syncsOfLastApply = (fake: FakeExcel, runsBefore: number) => fake.runs.slice(runsBefore).reduce((n, r) => n + r.syncs.length, 0);

describe("a chart drawn in Excel", () => {
  test("is a named line chart over the anchor cells whose series read the plan's ranges; syncs do not grow with rows", async () => {
    const counts: number[] = [];
    for (const n of [12, 3000]) {
      const fake = periods(n);
      const before = fake.runs.length;
      const result = await excelHostOver(fake).apply(plan({ type: "setCells", sheet: "PMO Finance", address: "A1", cells: [["Period"]] }, chart(n)));
      counts.push(syncsOfLastApply(fake, before));
      expect(result.notDone).toBeUndefined();
      const [c] = chartsOf(fake);
      expect(chartsOf(fake)).toHaveLength(1);
      expect(c).toMatchObject({ name: "S-curve", chartType: "Line", title: "Cumulative PV and EV", position: { start: { top: 2, left: 5, bottom: 2, right: 5 }, end: { top: 21, left: 13, bottom: 21, right: 13 } } });
      expect(c?.series).toEqual([
        { name: "PV", values: { top: 2, left: 2, bottom: n + 1, right: 2 }, xValues: { top: 2, left: 1, bottom: n + 1, right: 1 } },
        // A shorter series reads as many categories as it has values.
        { name: "EV", values: { top: 2, left: 3, bottom: n - 1, right: 3 }, xValues: { top: 2, left: 1, bottom: n - 1, right: 1 } },
      ]);
    }
    expect(counts[1]).toBe(counts[0]);
  });

  test("a second run replaces the chart of that name and leaves the user's own chart", async () => {
    const fake = periods(6);
    const host = excelHostOver(fake);
    const sheet = fake.state.sheets.find((s) => s.name === "PMO Finance");
    if (!sheet) throw new Error("no sheet");
    sheet.charts = [{ id: 999, name: "My own chart", chartType: "ColumnClustered", title: "Mine", series: [], position: null }];
    await host.apply(plan(chart(6)));
    await host.apply(plan(chart(6, { title: "Again", anchor: "E3:M22" })));
    expect(chartsOf(fake).map((c) => [c.name, c.title])).toEqual([
      ["My own chart", "Mine"],
      ["S-curve", "Again"],
    ]);
  });

  test("undo removes the chart the apply drew, and Ctrl+Z is not relied on for it", async () => {
    const fake = periods(6);
    const host = excelHostOver(fake);
    expect(host.undoCoverage(plan(chart(6))).notInExcelUndo).toEqual([expect.stringContaining("Draws line chart “S-curve”")]);
    const result = await host.apply(plan({ type: "setCells", sheet: "PMO Finance", address: "D1", cells: [["note"]] }, chart(6)));
    expect(result.undo.inverse.edits).toContainEqual({ type: "removeChart", sheet: "PMO Finance", name: "S-curve" });
    await host.apply(result.undo.inverse);
    expect(chartsOf(fake)).toEqual([]);
  });

  test("without the chart API the rest applies, and the preview and the result say the chart was not drawn", async () => {
    const fake = periods(6);
    const host = excelHostOver(fake, { supportsCharts: false });
    const p = plan({ type: "setCells", sheet: "PMO Finance", address: "D1", cells: [["note"]] }, chart(6));
    const preview = host.notDoneBy(p);
    expect(preview).toEqual([expect.stringMatching(/^Draws line chart “S-curve”.*: not done, as this version of Excel has no chart API \(ExcelApi 1\.7\)/)]);
    const result = await host.apply(p);
    expect(result.notDone).toEqual(preview);
    expect(result.editsApplied).toBe(1);
    expect(chartsOf(fake)).toEqual([]);
    expect((await host.read("PMO Finance", "D1")).values).toEqual([["note"]]);
  });
});
