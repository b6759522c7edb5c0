/**
 * Charts in files: a chart edit writes a chart part, a drawing anchor that
 * names it, the sheet's drawing element, relationships and content types;
 * a second run replaces the chart of that name rather than adding one; a
 * drawing the user had (a picture) keeps its anchor; undo puts back what
 * was there; the package reads back in ExcelJS and in the host.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { ChartSpec, Edit } from "../../../../src/core/plan/edits";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { packageProblems, partsOf } from "./package-checks";

/** A one-pixel PNG, for the user's own picture. */
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function periodsBook(withPicture = false): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("PMO Finance");
  ws.getRow(1).values = ["Period", "Cumulative PV", "Cumulative EV", "Cumulative AC"];
  const rows = [
    ["2025-01", 100, 90, 95],
    ["2025-02", 250, 210, 240],
    ["2025-03", 420, 380, 430],
    ["2025-04", 600, 520, 610],
  ];
  rows.forEach((r, i) => (ws.getRow(i + 2).values = r));
  wb.addWorksheet("Other").getCell("A1").value = "x";
  if (withPicture) {
    const id = wb.addImage({ buffer: PIXEL as unknown as ExcelJS.Buffer, extension: "png" });
    ws.addImage(id, "H2:J6");
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function chart(overrides: Partial<ChartSpec> = {}): ChartSpec {
  return {
    type: "setChart",
    sheet: "PMO Finance",
    name: "S-curve",
    chartType: "line",
    title: "Cumulative PV, EV and AC",
    categories: "A2:A5",
    categoryLabels: ["2025-01", "2025-02", "2025-03", "2025-04"],
    series: [
      { name: "PV", values: "B2:B5", points: [100, 250, 420, 600] },
      { name: "EV", values: "C2:C5", points: [90, 210, 380, 520] },
      { name: "AC", values: "D2:D5", points: [95, 240, null, 610] },
    ],
    anchor: "F2:M18",
    ...overrides,
  };
}

const plan = (...edits: Edit[]) => ({ title: "chart", edits });
const names = (parts: Map<string, string>, re: RegExp) => [...parts.keys()].filter((p) => re.test(p)).sort();

describe("a chart drawn into a file", () => {
  test("writes a line chart part over the sheet's ranges, with cached values, a drawing and its links", async () => {
    const host = await XlsxHost.open(await periodsBook(), "book.xlsx");
    await host.apply(plan(chart()));
    const saved = await host.save();
    expect(await packageProblems(saved)).toEqual([]);
    const parts = await partsOf(saved);
    expect(names(parts, /^xl\/charts\/chart\d+\.xml$/)).toEqual(["xl/charts/chart1.xml"]);
    expect(names(parts, /^xl\/drawings\/drawing\d+\.xml$/)).toEqual(["xl/drawings/drawing1.xml"]);
    const xml = parts.get("xl/charts/chart1.xml") as string;
    expect(xml).toContain("<c:lineChart>");
    expect(xml.match(/<c:ser>/g)).toHaveLength(3);
    expect(xml).toContain("<c:f>'PMO Finance'!$A$2:$A$5</c:f>");
    expect(xml).toContain("<c:f>'PMO Finance'!$D$2:$D$5</c:f>");
    expect(xml).toContain('<c:pt idx="1"><c:v>210</c:v></c:pt>');
    // AC has no value in March: a gap, not a zero.
    const ac = xml.slice(xml.lastIndexOf("<c:numCache>"));
    expect(ac).toContain('<c:pt idx="1"><c:v>240</c:v></c:pt><c:pt idx="3"><c:v>610</c:v></c:pt>');
    const drawing = parts.get("xl/drawings/drawing1.xml") as string;
    expect(drawing).toContain('name="S-curve"');
    expect(drawing).toMatch(/<xdr:from><xdr:col>5<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>1<\/xdr:row>/);
    expect(drawing).toMatch(/<xdr:to><xdr:col>13<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>18<\/xdr:row>/);
    expect(parts.get("xl/worksheets/sheet1.xml")).toMatch(/<drawing r:id="rId\d+"\/>/);
    expect(parts.get("xl/worksheets/_rels/sheet1.xml.rels")).toContain("relationships/drawing");
    expect(parts.get("xl/drawings/_rels/drawing1.xml.rels")).toContain("relationships/chart");
    const types = parts.get("[Content_Types].xml") as string;
    expect(types).toContain('PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"');
    // The other sheet is untouched, and ExcelJS still reads the workbook.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(saved.buffer.slice(saved.byteOffset, saved.byteOffset + saved.byteLength) as ArrayBuffer);
    expect(wb.getWorksheet("PMO Finance")?.getCell("B3").value).toBe(250);
  });

  test("running again replaces the chart of that name; the user's picture stays", async () => {
    const original = await periodsBook(true);
    const before = await partsOf(original);
    const pictureAnchor = /<xdr:pic>[\s\S]*?<\/xdr:pic>/.exec(before.get("xl/drawings/drawing1.xml") as string)?.[0];
    expect(pictureAnchor).toBeDefined();
    const first = await XlsxHost.open(original, "book.xlsx");
    await first.apply(plan(chart()));
    const once = await first.save();
    const second = await XlsxHost.open(once, "book.xlsx");
    await second.apply(plan(chart({ title: "Second run", anchor: "F3:M20" })));
    const twice = await second.save();
    expect(await packageProblems(twice)).toEqual([]);
    const parts = await partsOf(twice);
    expect(names(parts, /^xl\/charts\/chart\d+\.xml$/)).toHaveLength(1);
    expect(names(parts, /^xl\/drawings\/drawing\d+\.xml$/)).toEqual(["xl/drawings/drawing1.xml"]);
    const drawing = parts.get("xl/drawings/drawing1.xml") as string;
    expect(drawing.match(/name="S-curve"/g)).toHaveLength(1);
    expect(drawing).toContain(pictureAnchor as string);
    expect(names(parts, /^xl\/media\//)).toEqual(names(before, /^xl\/media\//));
    expect([...(parts.get("xl/charts/chart1.xml") ?? parts.get(names(parts, /^xl\/charts\/chart\d+\.xml$/)[0]) ?? "").matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1])).toEqual(["Second run"]);
    // The picture's relationship is still there.
    expect(parts.get("xl/drawings/_rels/drawing1.xml.rels")).toContain("relationships/image");
  });

  test("undo takes a new chart away, and puts back the one a run replaced", async () => {
    const host = await XlsxHost.open(await periodsBook(), "book.xlsx");
    const drawn = await host.apply(plan(chart()));
    expect(drawn.undo.inverse.edits).toEqual([{ type: "removeChart", sheet: "PMO Finance", name: "S-curve" }]);
    await host.apply(drawn.undo.inverse);
    const none = await partsOf(await host.save());
    expect(names(none, /^xl\/(charts|drawings)\//)).toEqual([]);
    expect(none.get("xl/worksheets/sheet1.xml")).not.toContain("<drawing");

    const reopened = await XlsxHost.open(await (async () => {
      const h = await XlsxHost.open(await periodsBook(), "book.xlsx");
      await h.apply(plan(chart()));
      return h.save();
    })(), "book.xlsx");
    const replaced = await reopened.apply(plan(chart({ title: "Later" })));
    expect(replaced.undo.inverse.edits).toEqual([chart()]);
  });

  test("a chart of the same name that the toolkit does not draw is not replaced", async () => {
    const host = await XlsxHost.open(await periodsBook(), "book.xlsx");
    await host.apply(plan(chart()));
    const bytes = await host.save();
    const zip = await JSZip.loadAsync(bytes);
    const part = "xl/charts/chart1.xml";
    zip.file(part, ((await zip.file(part)?.async("string")) ?? "").replace(/lineChart/g, "barChart"));
    const edited = new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
    const again = await XlsxHost.open(edited, "book.xlsx");
    await expect(again.apply(plan(chart()))).rejects.toThrow(/already has a chart named “S-curve” that is not one the toolkit draws/);
  });

  test("a workbook built in memory gets its chart too", async () => {
    const host = XlsxHost.create("new.xlsx");
    await host.apply(plan({ type: "addSheet", sheet: "PMO Finance", hidden: "visible" }, { type: "setCells", sheet: "PMO Finance", address: "A2:B5", cells: [["a", 1], ["b", 2], ["c", 3], ["d", 4]] }, chart({ series: [{ name: "PV", values: "B2:B5" }], categoryLabels: undefined })));
    const saved = await host.save();
    expect(await packageProblems(saved)).toEqual([]);
    const parts = await partsOf(saved);
    expect(names(parts, /^xl\/charts\//)).toEqual(["xl/charts/chart1.xml"]);
  });

  test("the package host writes the chart as the file host does", async () => {
    const host = await PackageHost.open(await periodsBook(true), "book.xlsx");
    await host.apply(plan(chart()));
    const saved = await host.save();
    expect(await packageProblems(saved)).toEqual([]);
    const parts = await partsOf(saved);
    expect(names(parts, /^xl\/charts\//)).toEqual(["xl/charts/chart1.xml"]);
    expect(parts.get("xl/drawings/drawing1.xml")).toContain("<xdr:pic>");
  });
});
