/**
 * Trackers with months across, read by both jobs that read them: the variance
 * job (budget and actual by period) and the reconcile job (actuals by month).
 * Each month column's measure comes from what its group header or its own
 * header says; the tracker's kind and its own to-date columns decide only
 * where no word does.
 */
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { planVariance } from "../../../../src/jobs/finance/variance";
import { findTracker } from "../../../../src/jobs/reconcile";
import { PREVIEW_ROWS } from "../../../../src/jobs/registers/detect";
import { evmMonthGroups, MONTH_LAYOUTS, monthGroupsTracker, monthlyTracker } from "./generated-trackers";

const cents = (n: number | null) => (n === null ? null : Math.round(n * 100));

describe.each(MONTH_LAYOUTS)("a tracker with months across, %s", (layout) => {
  test.each([2, 17])("reconcile reads the actual months, or the to-date actual when no month is an actual (seed %i)", async (seed) => {
    const g = await monthGroupsTracker(seed, layout);
    const host = await XlsxHost.open(g.bytes, "t.xlsx");
    const found = await findTracker(host, await host.outline({ previewRows: PREVIEW_ROWS }), "t.xlsx");
    const lines = found.actuals.lines;
    expect({ layout: found.actuals.layout, count: lines.length, cents: lines.reduce((n, l) => n + l.cents, 0) }).toEqual(g.actualCells);
    if (found.actuals.layout === "monthlyColumns") expect([...new Set(lines.map((l) => l.period?.key))].sort().every((k) => g.periods.includes(k as string))).toBe(true);
  });

  test.each([2, 17])("the variance job gives each period its budget and its actual, each line its totals (seed %i)", async (seed) => {
    const g = await monthGroupsTracker(seed, layout);
    const report = await planVariance(await XlsxHost.open(g.bytes, "t.xlsx"));
    const v = report.trackers.find((t) => t.tracker.sheet === g.sheet)?.budget;
    expect(v).toBeDefined();
    expect(cents(v?.total.values.budget ?? null)).toBe(cents(g.budget));
    expect(cents(v?.total.values.actual ?? null)).toBe(cents(g.actual));
    expect(v?.periods.map((p) => [p.period, cents(p.budget), cents(p.actual)])).toEqual(g.periods.map((p, k) => [p, cents(g.monthBudget[k]), cents(g.monthActual[k])]));
    const last = v?.periods[v.periods.length - 1];
    const sum = (xs: (number | null)[]) => (xs.every((x) => x === null) ? null : xs.reduce((n: number, x) => n + (x ?? 0), 0));
    expect([cents(last?.cumulativeBudget ?? null), cents(last?.cumulativeActual ?? null)]).toEqual([cents(sum(g.monthBudget)), cents(sum(g.monthActual))]);
  });
});

test("an earned value table with Planned and Actual groups of the same months: planned value and actual cost by month, each from its own months; PV to the last month with actuals", async () => {
  const g = await evmMonthGroups(5);
  const report = await planVariance(await XlsxHost.open(g.bytes, "e.xlsx"));
  const ev = report.trackers.find((t) => t.tracker.sheet === g.sheet)?.ev;
  expect(ev).toBeDefined();
  expect(ev?.series.map((p) => [p.period, cents(p.sources?.pv.value ?? null), cents(p.sources?.ac.value ?? null)])).toEqual(g.pvByMonth.map((pv, k) => [`2025-${String(k + 1).padStart(2, "0")}`, cents(pv), cents(g.acByMonth[k])]));
  expect([cents(ev?.projects[0].inputs.pv ?? null), cents(ev?.projects[0].inputs.ac ?? null)]).toEqual([cents(g.pvToDate), cents(g.ac)]);
});

test("months with no words whose total is the tracker's own Actual column: both jobs read them as the actuals by month", async () => {
  const g = await monthlyTracker(12);
  const host = await XlsxHost.open(g.bytes, "m.xlsx");
  const found = await findTracker(host, await host.outline({ previewRows: PREVIEW_ROWS }), "m.xlsx");
  expect(found.actuals.layout).toBe("monthlyColumns");
  expect(found.actuals.lines.reduce((n, l) => n + l.cents, 0)).toBe(cents(g.actual));
  expect(found.actuals.notes.join(" ")).toMatch(/add up to the tracker's Actual column/);
  const v = (await planVariance(await XlsxHost.open(g.bytes, "m.xlsx"))).trackers[0]?.budget;
  expect(v?.periods.map((p) => cents(p.actual))).toEqual(g.months.map((m) => cents(m)));
});
