import { curveGeometry } from "../../../src/taskpane/panels/finance/sCurve";

describe("the S-curve geometry", () => {
  test("one path per series on one scale, a gap where a period has no value, dashes that tell the lines apart without colour", () => {
    const g = curveGeometry([
      { period: "Jan", pv: 100, ev: 80, ac: 90 },
      { period: "Feb", pv: 200, ev: 150, ac: 170 },
      { period: "Mar", pv: 300, ev: null, ac: null },
    ]);
    expect(g.max).toBe(300);
    const [pv, ev, ac] = g.lines;
    expect(pv.d.match(/[ML]/g)).toEqual(["M", "L", "L"]);
    expect(ev.d.match(/[ML]/g)).toEqual(["M", "L"]);
    expect([pv.last, ev.last, ac.last]).toEqual([300, 150, 170]);
    expect(new Set(g.lines.map((l) => l.dash)).size).toBe(3);
    // The highest value touches the top of the plot; zero sits on its baseline.
    expect(pv.d.endsWith(`${g.plot.right.toFixed(1)},${g.plot.top.toFixed(1)}`)).toBe(true);
  });

  test("no series, no lines", () => {
    expect(curveGeometry([]).lines.every((l) => l.d === "")).toBe(true);
  });
});
