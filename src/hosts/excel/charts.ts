/**
 * Chart edits in Excel. What they use, by API set (Microsoft's reference for
 * each member, mirrored in @types/office-js):
 *   Worksheet.charts, ChartCollection.add(type, sourceData, seriesBy),
 *   ChartCollection.getItem, Chart.name, Chart.title.text,
 *   Chart.setPosition(startCell, endCell), Chart.delete,
 *   ChartSeriesCollection.getItemAt, ChartSeries.name ......... ExcelApi 1.1
 *   ChartCollection.getItemOrNullObject ........................ ExcelApi 1.4
 *   ChartSeriesCollection.add, ChartSeries.setValues,
 *   ChartSeries.setXAxisValues ................................. ExcelApi 1.7
 * So a chart is drawn where ExcelApi 1.7 is supported; elsewhere the rest of
 * the plan applies and the result says which charts were not drawn.
 *
 * Every command is queued with the plan's other writes (no sync of its
 * own): a chart costs no extra round trip whatever the number of rows.
 */
import { formatCell, parseRange, type RangeAddress } from "../../core/grid/address";
import { isChartEdit, seriesCategories, type ChartEdit, type Edit, type EditOf } from "../../core/plan/edits";
import { restoreChart } from "../../core/plan/inverse";

export { CHART_API_SET, chartsNotDrawn } from "./charts-support";

/** Reads whether each chart edit's sheet already has a chart of that name (queued with the apply's other reads). */
export function queueChartReads(ctx: Excel.RequestContext, edits: readonly Edit[], sheetExisted: (sheet: string) => boolean): Map<number, Excel.Chart> {
  const out = new Map<number, Excel.Chart>();
  edits.forEach((e, i) => {
    if (isChartEdit(e) && sheetExisted(e.sheet)) out.set(i, ctx.workbook.worksheets.getItem(e.sheet).charts.getItemOrNullObject(e.name).load("name"));
  });
  return out;
}

/**
 * Whether a chart of each edit's name is there just before the edit runs,
 * from what was read and what the edits before it do; with the undo of
 * each chart edit. Excel cannot say which cells a chart reads back in the
 * API sets the host relies on (getDimensionDataSourceString is ExcelApi
 * 1.15), so a chart a run replaced or removed is not redrawn by Undo: Undo
 * takes the new one away; running the job again draws it.
 */
export function chartPlanState(edits: readonly Edit[], read: Map<number, Excel.Chart>): { existsBefore: Map<number, boolean>; inverse: Map<number, Edit[]> } {
  const now = new Map<string, boolean>();
  const existsBefore = new Map<number, boolean>();
  const inverse = new Map<number, Edit[]>();
  edits.forEach((e, i) => {
    if (e.type === "addSheet" || e.type === "deleteSheet") for (const k of [...now.keys()]) if (k.startsWith(`${e.sheet.toLowerCase()}\u0000`)) now.set(k, false);
    if (!isChartEdit(e)) return;
    const key = `${e.sheet.toLowerCase()}\u0000${e.name.toLowerCase()}`;
    const proxy = read.get(i);
    const there = now.get(key) ?? (proxy ? !proxy.isNullObject : false);
    existsBefore.set(i, there);
    inverse.set(i, e.type === "setChart" ? [restoreChart(e.sheet, e.name, null)] : []);
    now.set(key, e.type === "setChart");
  });
  return { existsBefore, inverse };
}

/** Bytes a chart edit adds to a request, for the payload budget. */
export function chartBytes(e: ChartEdit): number {
  return 400 + (e.type === "setChart" ? 200 * e.series.length + e.title.length * 3 : 0);
}

/** Queues the commands of one chart edit; `exists` says whether a chart of that name is there now. */
export function queueChartEdit(ctx: Excel.RequestContext, e: ChartEdit, exists: boolean): void {
  const ws = ctx.workbook.worksheets.getItem(e.sheet);
  // Replace, never duplicate: the chart of that name goes first.
  if (exists) ws.charts.getItem(e.name).delete();
  if (e.type === "removeChart") return;
  drawChart(ws, e);
}

function drawChart(ws: Excel.Worksheet, e: EditOf<"setChart">): void {
  const [first, ...rest] = e.series;
  if (!first) return;
  const chart = ws.charts.add("Line" as Excel.ChartType, ws.getRange(first.values), "Columns" as Excel.ChartSeriesBy);
  chart.name = e.name;
  if (e.title) chart.title.text = e.title;
  const anchor = parseRange(e.anchor) as RangeAddress;
  chart.setPosition(formatCell({ row: anchor.top, col: anchor.left }), formatCell({ row: anchor.bottom, col: anchor.right }));
  // The first series is set explicitly too: add() may take a text first cell for a series name.
  const series = [{ proxy: chart.series.getItemAt(0), spec: first }, ...rest.map((s) => ({ proxy: chart.series.add(s.name), spec: s }))];
  for (const { proxy, spec } of series) {
    proxy.name = spec.name;
    proxy.setValues(ws.getRange(spec.values));
    proxy.setXAxisValues(ws.getRange(seriesCategories(e.categories, spec.values)));
  }
}
