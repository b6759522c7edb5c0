import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { planVariance } from "../../../../src/jobs/finance/variance";
import { samplePortfolioBytes } from "../../../../src/sample/portfolioWorkbook";
import { blockTracker, evmPeriodRows, monthlyTracker } from "./generated-trackers";

describe("the variance job", () => {
  test.each([
    [3, "labelled"],
    [8, "labelled"],
    [21, "typed"],
    [34, "typed"],
  ] as const)("blocks with subtotal rows (seed %i, %s): every line once, no subtotal counted", async (seed, style) => {
    const g = await blockTracker(seed, undefined, style);
    const report = await planVariance(await XlsxHost.open(g.bytes, "b.xlsx"));
    const t = report.trackers.find((x) => x.tracker.sheet === g.sheet);
    expect(t?.tracker.lines).toHaveLength(g.lines);
    expect(t?.tracker.subtotalRows).toEqual(g.subtotalRows);
    expect(t?.budget?.total.values.budget).toBeCloseTo(g.budget, 2);
    expect(t?.budget?.total.values.actual).toBeCloseTo(g.actual, 2);
    expect(t?.budget?.groups.filter((x) => x.by === "category").map((x) => x.name)).toEqual(["Labour", "Materials", "Contractors"]);
  });

  test("months across: amounts by month and cumulative to date", async () => {
    const g = await monthlyTracker(5);
    const report = await planVariance(await XlsxHost.open(g.bytes, "m.xlsx"));
    const v = report.trackers[0]?.budget;
    expect(v?.periods.map((p) => p.period)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]);
    v?.periods.forEach((p, i) => expect(p.actual).toBeCloseTo(g.months[i], 2));
    expect(v?.periods[5].cumulativeActual).toBeCloseTo(g.actual, 2);
    expect(v?.groups.filter((x) => x.by === "project").map((x) => x.name).sort()).toEqual(["Alpha", "Beta"]);
  });

  test("rows per work package and period: summed to the status period, BAC once per package; zero AC gives no CPI", async () => {
    const g = await evmPeriodRows(9);
    const report = await planVariance(await XlsxHost.open(g.bytes, "e.xlsx"));
    const ev = report.trackers[0]?.ev;
    expect(ev?.statusPeriod).toBe("2025-03");
    const project = ev?.projects[0];
    expect(project?.inputs.bac).toBeCloseTo(g.bac, 2);
    expect(project?.inputs.pv).toBeCloseTo(g.pv, 2);
    expect(project?.inputs.ev).toBeCloseTo(g.ev, 2);
    expect(project?.inputs.ac).toBeCloseTo(g.ac, 2);
    expect(project?.values.cpi).toBeCloseTo(g.ev / g.ac, 9);
    for (const grp of ev?.groups ?? []) for (const v of Object.values(grp.values)) expect(v === null || Number.isFinite(v)).toBe(true);
  });

  test("the sample: its earned value sheets are computed, its plan writes formulas only where it means to, and a second run changes nothing", async () => {
    const host = await XlsxHost.open(await samplePortfolioBytes(), "s.xlsx");
    const report = await planVariance(host);
    expect(report.trackers.map((t) => t.tracker.sheet)).toEqual(expect.arrayContaining(["NDU Budget", "FSC EVM"]));
    const fsc = report.projects.find((p) => p.sheet === "FSC EVM");
    expect(fsc).toMatchObject({ bac: 1450000, pv: 420000, ev: 318000, ac: 384500 });
    const cells = report.plan.edits.flatMap((e) => (e.type === "setCells" ? e.cells.flat() : []));
    // Labels from the trackers are plain strings (text), never formula objects.
    for (const c of cells) if (typeof c === "string") expect(typeof c).toBe("string");
    expect(cells.filter((c) => c !== null && typeof c === "object").every((c) => typeof c === "object" && c !== null && "formula" in c && !/#DIV|NaN|Infinity/.test(c.formula))).toBe(true);
    await host.apply(report.plan);
    const again = await planVariance(host);
    expect(again.plan.edits).toEqual([]);
    const sheets = (await host.outline()).sheets.map((s) => s.name);
    expect(sheets.filter((s) => s.startsWith("PMO Finance"))).toEqual(["PMO Finance"]);
  });
});
