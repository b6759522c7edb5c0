/**
 * The S-curve the variance job draws on its summary sheet, in files: the
 * workbook with the chart part opens in LibreOffice, which saves it again
 * as xlsx with the chart (same kind, same series ranges) and exports it as
 * PDF; ExcelJS reads both; a second run draws nothing new and leaves one
 * chart.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";
import type { EditOf } from "../../src/core/plan/edits";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { planVariance } from "../../src/jobs/finance/variance";
import { samplePortfolioBytes } from "../../src/sample/portfolioWorkbook";
import { evmPeriodRows, monthlyTracker } from "../unit/jobs/finance/generated-trackers";
import { convertInLibreOffice, sofficePath } from "./libreoffice";

const maybe = sofficePath() ? describe : describe.skip;

async function chartParts(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).sort();
  return Promise.all(names.map((n) => zip.file(n)?.async("string") ?? ""));
}

/** Series formulas of a chart part, without the $ signs and sheet quotes either writer may choose. */
const seriesRefs = (xml: string) => [...xml.matchAll(/<c:val>[\s\S]*?<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1].replace(/\$/g, "").replace(/&apos;|'/g, ""));

async function readsInExcelJs(bytes: Uint8Array): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  expect(wb.worksheets.length).toBeGreaterThan(0);
}

maybe("the variance job's S-curve in files, opened by LibreOffice", () => {
  test.each([
    ["the sample portfolio", async () => samplePortfolioBytes()],
    ["rows per work package and period", async () => (await evmPeriodRows(13)).bytes],
    ["months across", async () => (await monthlyTracker(7)).bytes],
  ])("%s", async (_name, make) => {
    const host = await XlsxHost.open(await make(), "book.xlsx");
    const report = await planVariance(host);
    const charts = report.plan.edits.filter((e): e is EditOf<"setChart"> => e.type === "setChart");
    expect(charts.length).toBeGreaterThan(0);
    await host.apply(report.plan);
    const saved = await host.save();
    const ours = await chartParts(saved);
    expect(ours).toHaveLength(charts.length);
    await readsInExcelJs(saved);

    const resaved = await convertInLibreOffice(saved, "book.xlsx", "xlsx");
    const theirs = await chartParts(resaved);
    expect(theirs).toHaveLength(charts.length);
    for (const xml of theirs) expect(xml).toContain("lineChart");
    expect(theirs.map(seriesRefs).flat().sort()).toEqual(charts.flatMap((c) => c.series.map((s) => `${report.sheet}!${s.values}`)).sort());
    await readsInExcelJs(resaved);

    const pdf = await convertInLibreOffice(saved, "book.xlsx", "pdf");
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

    // Run again on what LibreOffice saved: nothing new to draw, and still one chart of each name.
    const again = await XlsxHost.open(resaved, "book.xlsx");
    const second = await planVariance(again);
    expect(second.plan.edits).toEqual([]);
  });

  test("a changed tracker redraws the chart in place of the old one", async () => {
    const g = await evmPeriodRows(13);
    const first = await XlsxHost.open(g.bytes, "book.xlsx");
    await first.apply((await planVariance(first)).plan);
    const once = await first.save();
    const host = await XlsxHost.open(once, "book.xlsx");
    const report = await planVariance(host);
    // Nothing changed yet: nothing to draw.
    expect(report.plan.edits).toEqual([]);
    const tracker = report.trackers[0]?.tracker;
    const line = tracker?.lines[0];
    const pvColumn = tracker?.columns.pv;
    expect(line && pvColumn).toBeTruthy();
    await host.apply({ title: "edit", edits: [{ type: "setCells", sheet: tracker?.sheet as string, address: `${String.fromCharCode(64 + (pvColumn as number))}${line?.row}`, cells: [[123456]] }] });
    const changed = await planVariance(host);
    expect(changed.plan.edits.filter((e) => e.type === "setChart")).toHaveLength(1);
    await host.apply(changed.plan);
    const twice = await host.save();
    expect(await chartParts(twice)).toHaveLength(1);
    const pdf = await convertInLibreOffice(twice, "book.xlsx", "pdf");
    expect(pdf.length).toBeGreaterThan(1000);
  });
});
