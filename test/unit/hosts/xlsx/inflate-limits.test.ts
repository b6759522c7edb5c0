/**
 * Parts that inflate beyond the limit are refused with the part and the
 * limit named, counted in a stream whatever the headers claim; parts within
 * it pass. Parts that declare a document type are refused unexpanded.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { WorkbookError } from "../../../../src/hosts/host";
import { PackageWorkbook } from "../../../../src/hosts/xlsx/package-read";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { MAX_PART_BYTES, oversizedPart, partWithDtd } from "../../../../src/hosts/xlsx/inflate-limits";

async function zipWith(sheetBytes: number, lieAboutSize = false): Promise<JSZip> {
  const zip = new JSZip();
  zip.file("xl/workbook.xml", "<workbook/>");
  zip.file("xl/worksheets/sheet1.xml", " ".repeat(sheetBytes));
  let bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  if (lieAboutSize) {
    // Claim 10 bytes in every header: only the stream tells the truth.
    bytes = bytes.slice();
    const v = new DataView(bytes.buffer);
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = v.getUint32(i, true);
      if (sig === 0x04034b50) v.setUint32(i + 22, 10, true);
      if (sig === 0x02014b50) v.setUint32(i + 24, 10, true);
    }
  }
  return JSZip.loadAsync(bytes);
}

describe("parts that inflate beyond the limit", () => {
  test("are refused, naming the file, the part and the limit", async () => {
    const message = await oversizedPart(await zipWith(3 * 1024 * 1024), "bomb.xlsx", 1024 * 1024);
    expect(message).toMatch(/“bomb\.xlsx” was not opened: its part xl\/worksheets\/sheet1\.xml inflates from .* to more than 1 MB/);
  });

  test("are found by counting the stream when the headers claim a small size", async () => {
    const message = await oversizedPart(await zipWith(3 * 1024 * 1024, true), "liar.xlsx", 1024 * 1024);
    expect(message).toMatch(/sheet1\.xml inflates .* more than 1 MB/);
  });

  test("a part within the limit passes, and the limit is the longest text a reader here can hold", async () => {
    expect(await oversizedPart(await zipWith(512 * 1024), "fine.xlsx", 1024 * 1024)).toBeUndefined();
    expect(MAX_PART_BYTES).toBe(512 * 1024 * 1024);
  });
});

describe("parts that declare a document type", () => {
  const BOMB = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>`;

  test("are refused on open, naming the file and the part, before anything expands an entity", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = "x";
    const zip = await JSZip.loadAsync(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    zip.file("xl/worksheets/sheet1.xml", BOMB);
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    await expect(XlsxHost.open(bytes, "entities.xlsx")).rejects.toThrow(/“entities\.xlsx” was not opened: its part xl\/worksheets\/sheet1\.xml declares a document type/);
    await expect(PackageWorkbook.open(bytes, "entities.xlsx")).rejects.toThrow(WorkbookError);
  });

  test("a workbook without one opens", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = "<!DOCTYPE is only text here>";
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await (await XlsxHost.open(bytes, "fine.xlsx")).read("S", "A1")).values).toEqual([["<!DOCTYPE is only text here>"]]);
  });
});

describe("the texts the document type check keeps for the reader", () => {
  test("are the small parts' texts as the zip holds them; a part whose stream ends short of its declared size is not kept", async () => {
    const zip = await zipWith(3000);
    const keep = new Map<string, string>();
    expect(await partWithDtd(zip, "fine.xlsx", keep)).toBeUndefined();
    expect([...keep.keys()].sort()).toEqual(["xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    for (const [name, text] of keep) expect(text).toBe(await zip.file(name)!.async("string"));

    const liar = await zipWith(3000, true);
    const kept = new Map<string, string>();
    expect(await partWithDtd(liar, "liar.xlsx", kept)).toBeUndefined();
    expect(kept.has("xl/worksheets/sheet1.xml")).toBe(false);
  });
});
