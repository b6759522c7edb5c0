import ExcelJS from "exceljs";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { classifyWorkbookBytes, compoundFileEntryNames } from "../../../../src/hosts/xlsx/open-errors";
import { parseCsvText } from "../../../../src/hosts/xlsx/csv";
import { WorkbookError } from "../../../../src/hosts/host";
import { compoundFile } from "../../../rollup-fixtures/compound-file";
import { corpusBytes, corpusFiles, corpusPresent } from "../../../corpus-files";

async function smallWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Risks").getCell("B2").value = "ID";
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function openError(bytes: Uint8Array, name: string): Promise<WorkbookError> {
  try {
    await XlsxHost.open(bytes, name);
  } catch (e) {
    return e as WorkbookError;
  }
  throw new Error("opened without error");
}

describe("opening bad files", () => {
  it("reads the directory of a compound file", () => {
    expect(compoundFileEntryNames(compoundFile(["EncryptionInfo", "EncryptedPackage"]))).toEqual(["Root Entry", "EncryptionInfo", "EncryptedPackage"]);
  });

  it("says a password-protected workbook must have its password removed", async () => {
    const e = await openError(compoundFile(["EncryptionInfo", "EncryptedPackage"]), "budget.xlsx");
    expect(e).toBeInstanceOf(WorkbookError);
    expect(e.message).toBe(
      "“budget.xlsx” is a password-protected workbook. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), save, and try again.",
    );
    expect(e.where).toEqual({ file: "budget.xlsx" });
  });

  it("says an Excel 97-2003 file must be saved as .xlsx", async () => {
    expect((await classifyWorkbookBytes(compoundFile(["Workbook"]), "old.xlsx"))?.code).toBe("legacyXls");
    const e = await openError(compoundFile(["Book"]), "old.xls");
    expect(e.message).toMatch(/^“old.xls” is an Excel 97-2003 .xls file. Open it in Excel and save it as .xlsx/);
  });

  it("tells a truncated zip, random bytes, a PDF, a text file and an empty file apart", async () => {
    const good = await smallWorkbook();
    expect(await classifyWorkbookBytes(good, "ok.xlsx")).toBeNull();
    expect((await classifyWorkbookBytes(good.subarray(0, Math.floor(good.length * 0.6)), "cut.xlsx"))?.code).toBe("truncatedZip");
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect((await classifyWorkbookBytes(random, "r.xlsx"))?.message).toMatch(/“r.xlsx” is not an Excel workbook \(it looks like some other kind of file\)/);
    expect((await classifyWorkbookBytes(new TextEncoder().encode("%PDF-1.7\n..."), "p.xlsx"))?.message).toMatch(/a PDF document/);
    expect((await classifyWorkbookBytes(new TextEncoder().encode("ID,Title\nR1,Late\n"), "renamed.xlsx"))?.message).toMatch(/a text file/);
    expect((await classifyWorkbookBytes(new Uint8Array(0), "e.xlsx"))?.code).toBe("empty");
    const e = await openError(good.subarray(0, good.length - 30), "cut.xlsx");
    expect(e.message).toMatch(/“cut.xlsx” is damaged/);
    expect(e.where.file).toBe("cut.xlsx");
  });

  it("reports a zip that is not a workbook", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = new JSZip();
    zip.file("word/document.xml", "<w/>");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expect((await classifyWorkbookBytes(bytes, "memo.xlsx"))?.code).toBe("notExcelZip");
  });
});

describe("reading", () => {
  it("reads values, formulas, shared formulas, errors, dates, rich text and hyperlinks", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = { richText: [{ text: "Risk " }, { text: "ID", font: { bold: true } }] };
    ws.getCell("B1").value = { text: "link", hyperlink: "https://example.org" };
    ws.getCell("C1").value = new Date(Date.UTC(2026, 2, 31));
    ws.getCell("D1").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("A2").value = 1;
    ws.getCell("A3").value = 2;
    ws.fillFormula("B2:B3", "A2*10", [10, 20]);
    ws.mergeCells("A5:C5");
    ws.getCell("A5").value = "merged";
    const host = await XlsxHost.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "r.xlsx");
    const g = await host.read("S", "A1:D3");
    expect(g.values[0]).toEqual(["Risk ID", "link", 46112, { error: "#DIV/0!" }]);
    expect(g.formulas[0][3]).toBe("=1/0");
    expect(g.formulas.map((r) => r[1])).toEqual([null, "=A2*10", "=A3*10"]);
    expect(g.values.map((r) => r[1])).toEqual(["link", 10, 20]);
    expect(g.numberFormats[1][0]).toBe("General");
    expect((await host.read("S", "A5:C5")).values[0]).toEqual(["merged", null, null]);
    const outline = await host.outline({ previewRows: 2 });
    expect(outline.sheets[0]).toMatchObject({ name: "S", usedRange: "A1:D5", merges: [] });
    expect(outline.sheets[0].preview?.address).toBe("A1:D2");
    expect((await host.outline()).sheets[0].merges).toEqual(["A5:C5"]);
  });

  it("refuses a missing sheet or a bad address with the file and sheet named", async () => {
    const host = await XlsxHost.open(await smallWorkbook(), "w.xlsx");
    await expect(host.read("Nope", "A1")).rejects.toMatchObject({ where: { file: "w.xlsx", sheet: "Nope" } });
    await expect(host.read("Risks", "A1:A2000000")).rejects.toMatchObject({ where: { file: "w.xlsx", sheet: "Risks" } });
    await expect(host.read("Risks", "A1:XFD1048576")).rejects.toThrow(/read it in blocks/);
    expect((await host.read("risks", "B2")).values).toEqual([["ID"]]);
  });

  it("keeps a table Excel made (no headerRowCount attribute) a table with a header row through a round trip", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("T");
    ws.addTable({ name: "Tbl", ref: "A1", headerRow: true, columns: [{ name: "A" }, { name: "B" }], rows: [[1, 2]] });
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const part = Object.keys(zip.files).find((f) => /^xl\/tables\/table\d+\.xml$/.test(f))!;
    zip.file(part, (await zip.file(part)!.async("string")).replace(/ headerRowCount="1"/, ""));
    const host = await XlsxHost.open(await zip.generateAsync({ type: "uint8array" }), "t.xlsx");
    const saved = await JSZip.loadAsync(await host.save());
    const xml = await saved.file(Object.keys(saved.files).find((f) => /^xl\/tables\/table\d+\.xml$/.test(f))!)!.async("string");
    expect(xml).not.toMatch(/headerRowCount="0"/);
  });
});

describe("CSV", () => {
  it("parses BOM, CRLF, quoted fields with quotes, commas and line breaks", () => {
    const text = '\uFEFFID,Title,Cost\r\nR1,"Late, very ""late""","300,000 CHF"\r\nR2,"two\nlines",20%\r\n';
    expect(parseCsvText(text)).toEqual([
      ["ID", "Title", "Cost"],
      ["R1", 'Late, very "late"', "300,000 CHF"],
      ["R2", "two\nlines", "20%"],
    ]);
  });

  it("opens as one sheet keeping text as text, duplicate headers and trailing spaces", async () => {
    const csv = "\uFEFFID,Likelihood,Likelihood,Owner \r\n007,3,4,Ann \r\n-5,=1+1,1.50,\r\n12,0.5,1e3,\r\n";
    const host = await XlsxHost.open(new TextEncoder().encode(csv), "ledger export.csv");
    const outline = await host.outline();
    expect(outline.sheets.map((s) => s.name)).toEqual(["ledger export"]);
    const g = await host.read("ledger export", "A1:D4");
    expect(g.values).toEqual([
      ["ID", "Likelihood", "Likelihood", "Owner "],
      ["007", 3, 4, "Ann "],
      [-5, "=1+1", "1.50", null],
      [12, 0.5, "1e3", null],
    ]);
    expect(g.formulas.flat().every((f) => f === null)).toBe(true);
    const back = await XlsxHost.open(await host.save(), "ledger.xlsx");
    expect((await back.read("ledger export", "B3")).values[0][0]).toBe("=1+1");
  });
});

// The unit suite also runs where the corpus is not beside the repository; the corpus suite always reads it.
(corpusPresent() ? describe : describe.skip)("corpus workbooks", () => {
  it.each(corpusPresent() ? corpusFiles(/\.(xlsx|xlsm|xls|csv)$/i) : [])("%s opens and outlines, or gets a clear error", async (f) => {
    const bytes = corpusBytes(f);
    if (f.toLowerCase().endsWith(".xls")) {
      await expect(XlsxHost.open(bytes, f)).rejects.toThrow(/Excel 97-2003 .xls file/);
      return;
    }
    const host = await XlsxHost.open(bytes, f);
    const outline = await host.outline({ previewRows: 10 });
    expect(outline.sheets.length).toBeGreaterThan(0);
    expect(outline.sheets.some((s) => s.usedRange !== null)).toBe(true);
    for (const s of outline.sheets) if (s.preview) expect(s.preview.values.length).toBeLessThanOrEqual(10);
  });
});

describe("cached formula results", () => {
  it("reads a cached 0 and FALSE as the values they are, not as empty", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sums");
    ws.getCell("A1").value = { formula: "1-1", result: 0 };
    ws.getCell("A2").value = { formula: "1=2", result: false };
    ws.getCell("A3").value = { formula: "2+3", result: 5 };
    ws.getCell("A4").value = { formula: "1+1" };
    const host = await XlsxHost.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "sums.xlsx");
    expect((await host.read("Sums", "A1:A4")).values).toEqual([[0], [false], [5], [null]]);
  });
});
