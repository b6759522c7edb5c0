/**
 * The read-only zip reader: the same entries, names and texts as JSZip for
 * stored, deflated and data-descriptor entries; damaged directories, cut
 * files, encrypted or oddly compressed entries refused with a reason; the
 * size limits of inflate-limits.ts applied over it as over JSZip; archives
 * it does not take handed to JSZip.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { WorkbookError } from "../../../../src/hosts/host";
import { oversizedPart, partWithDtd } from "../../../../src/hosts/xlsx/inflate-limits";
import { classifyWorkbookBytes, examineWorkbookBytes, findEndOfCentralDirectory } from "../../../../src/hosts/xlsx/open-errors";
import { PackageWorkbook } from "../../../../src/hosts/xlsx/package-read";
import { openZipForReading, readZipDirectory, ZipDirectory } from "../../../../src/hosts/xlsx/zip-directory";

const SHEET = `<?xml version="1.0"?><worksheet>${"<row/>".repeat(500)}</worksheet>`;

async function zipOf(options: JSZip.JSZipGeneratorOptions<"uint8array">["compression"], streamFiles = false): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("xl/workbook.xml", "<workbook/>", { createFolders: false });
  zip.file("xl/worksheets/sheet1.xml", SHEET, { createFolders: false });
  zip.file("xl/media/é.txt", "naïve", { compression: "STORE", createFolders: false });
  zip.folder("docProps");
  return zip.generateAsync({ type: "uint8array", compression: options, streamFiles });
}

function directoryOf(bytes: Uint8Array): ZipDirectory {
  const d = readZipDirectory(bytes);
  if (!d) throw new Error("expected the directory reader to take this zip");
  return d;
}

/** Offsets of every record with this signature. */
function offsetsOf(bytes: Uint8Array, signature: number): number[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) if (v.getUint32(i, true) === signature) out.push(i);
  return out;
}

async function sameAsJsZip(bytes: Uint8Array): Promise<void> {
  const ours = directoryOf(bytes);
  const theirs = await JSZip.loadAsync(bytes);
  expect(Object.keys(ours.files).sort()).toEqual(Object.keys(theirs.files).sort());
  for (const [name, entry] of Object.entries(theirs.files)) {
    expect(ours.files[name].dir).toBe(entry.dir);
    if (entry.dir) {
      expect(ours.file(name)).toBeNull();
      continue;
    }
    expect(await ours.file(name)!.async("string")).toBe(await entry.async("string"));
    expect(ours.files[name].date.getTime()).toBe(entry.date.getTime());
  }
}

describe("reading a zip from its central directory", () => {
  test("deflated entries read as JSZip reads them", async () => {
    const bytes = await zipOf("DEFLATE");
    await sameAsJsZip(bytes);
    expect(directoryOf(bytes).files["xl/worksheets/sheet1.xml"]._data.compression.magic).toBe("\x08\x00");
  });

  test("stored entries read as JSZip reads them, their bytes handed over as they are", async () => {
    const bytes = await zipOf("STORE");
    await sameAsJsZip(bytes);
    const entry = directoryOf(bytes).files["xl/worksheets/sheet1.xml"];
    expect(entry._data.compression.magic).toBe("\x00\x00");
    expect(new TextDecoder().decode(entry._data.compressedContent)).toBe(SHEET);
  });

  test("entries whose sizes follow their data (data descriptors) take their sizes from the directory", async () => {
    const bytes = await zipOf("DEFLATE", true);
    const local = offsetsOf(bytes, 0x04034b50)[0];
    // Bit 3 set and the local sizes zero: only the directory says how long the data is.
    expect(new DataView(bytes.buffer).getUint16(local + 6, true) & 0x8).toBe(0x8);
    expect(new DataView(bytes.buffer).getUint32(local + 18, true)).toBe(0);
    await sameAsJsZip(bytes);
  });

  test("a workbook ExcelJS writes reads the same as through JSZip, cell for cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Risks");
    ws.addRow(["ID", "Title", "Probability"]);
    ws.addRow(["R1", "Late supplier", 4]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    await sameAsJsZip(bytes);
    const viaDirectory = await PackageWorkbook.open(bytes, "r.xlsx", openZipForReading);
    const viaJsZip = await PackageWorkbook.open(bytes, "r.xlsx");
    expect(await viaDirectory.outline()).toEqual(await viaJsZip.outline());
    expect((await viaDirectory.read("Risks", "A1:C2")).values).toEqual([["ID", "Title", "Probability"], ["R1", "Late supplier", 4]]);
  });
});

describe("damaged zips", () => {
  test("a file cut short has no end of directory, and is named as damaged", async () => {
    const bytes = await zipOf("DEFLATE");
    const cut = bytes.subarray(0, bytes.length - 30);
    expect(() => readZipDirectory(cut)).toThrow(/end of its central directory is missing/);
    const problem = (await examineWorkbookBytes(cut, "cut.xlsx", openZipForReading)).problem;
    expect(problem?.code).toBe("truncatedZip");
    expect(problem?.message).toMatch(/“cut\.xlsx” is damaged/);
  });

  test("a directory entry that is not where the directory says is refused", async () => {
    const bytes = (await zipOf("DEFLATE")).slice();
    const second = offsetsOf(bytes, 0x02014b50)[1];
    bytes[second] = 0x00;
    expect(() => readZipDirectory(bytes)).toThrow(/central directory is damaged \(entry 2 of 4/);
    const problem = (await examineWorkbookBytes(bytes, "bad.xlsx", openZipForReading)).problem;
    expect(problem?.code).toBe("truncatedZip");
    expect(problem?.message).toMatch(/“bad\.xlsx” is damaged: its zip data cannot be read \(its central directory is damaged/);
  });

  test("a directory pointing at no local header, or at data past the end, is refused", async () => {
    const bytes = (await zipOf("DEFLATE")).slice();
    const v = new DataView(bytes.buffer);
    const first = offsetsOf(bytes, 0x02014b50)[0];
    v.setUint32(first + 42, 7, true);
    expect(() => readZipDirectory(bytes)).toThrow(/its part xl\/workbook\.xml is not where the central directory says/);
    const again = (await zipOf("DEFLATE")).slice();
    const entry = offsetsOf(again, 0x02014b50)[1];
    new DataView(again.buffer).setUint32(entry + 20, again.length, true);
    expect(() => readZipDirectory(again)).toThrow(/runs past the end of the data/);
  });

  test("encrypted entries and compression methods workbooks do not use are refused, naming the part", async () => {
    const bytes = (await zipOf("DEFLATE")).slice();
    const v = new DataView(bytes.buffer);
    const [first, second] = offsetsOf(bytes, 0x02014b50);
    v.setUint16(first + 8, v.getUint16(first + 8, true) | 1, true);
    expect(() => readZipDirectory(bytes)).toThrow(/its part xl\/workbook\.xml is encrypted/);
    v.setUint16(first + 8, v.getUint16(first + 8, true) & ~1, true);
    v.setUint16(second + 10, 12, true);
    expect(() => readZipDirectory(bytes)).toThrow(/compressed with method 12/);
  });

  test("a damaged deflate stream is refused when the part is read", async () => {
    const bytes = (await zipOf("DEFLATE")).slice();
    const entry = directoryOf(bytes).files["xl/worksheets/sheet1.xml"];
    entry._data.compressedContent.fill(0xff, 0, 8);
    await expect(directoryOf(bytes).file("xl/worksheets/sheet1.xml")!.async("string")).rejects.toThrow(/xl\/worksheets\/sheet1\.xml cannot be inflated/);
  });

  test("an archive with bytes before its first entry is handed to JSZip", async () => {
    const bytes = await zipOf("DEFLATE");
    const prefixed = new Uint8Array(bytes.length + 16);
    prefixed.set(bytes, 16);
    // Offsets in the directory now point 16 bytes short: JSZip works out the shift, this reader leaves it to JSZip.
    expect(findEndOfCentralDirectory(prefixed)).toBeGreaterThan(0);
    expect(readZipDirectory(prefixed)).toBeUndefined();
    const zip = await openZipForReading(prefixed);
    expect(zip).toBeInstanceOf(JSZip);
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toBe(SHEET);
  });
});

describe("zips JSZip reads its own way are handed to it", () => {
  test("entry names JSZip tidies (\"//\", \"./\", \"..\") are left to JSZip, which reads them", async () => {
    const bytes = await zipOf("DEFLATE");
    const from = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    const to = new TextEncoder().encode("xl//orksheets/sheet1.xml");
    // Renamed in the local and the central header alike.
    for (let i = 0; i + from.length <= bytes.length; i++) if (from.every((b, k) => bytes[i + k] === b)) bytes.set(to, i);
    expect(readZipDirectory(bytes)).toBeUndefined();
    const zip = await openZipForReading(bytes);
    expect(zip).toBeInstanceOf(JSZip);
    expect(await zip.file("xl/orksheets/sheet1.xml")!.async("string")).toBe(SHEET);
  });

  test("a directory holding more entries than its count says is left to JSZip", async () => {
    const bytes = await zipOf("DEFLATE");
    const end = findEndOfCentralDirectory(bytes);
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    v.setUint16(end + 8, v.getUint16(end + 8, true) - 1, true);
    v.setUint16(end + 10, v.getUint16(end + 10, true) - 1, true);
    expect(readZipDirectory(bytes)).toBeUndefined();
    expect(await openZipForReading(bytes)).toBeInstanceOf(JSZip);
  });
});

describe("the size limits over the directory reader", () => {
  async function bomb(lie: boolean): Promise<Uint8Array> {
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    zip.file("xl/worksheets/sheet1.xml", " ".repeat(3 * 1024 * 1024));
    const bytes = (await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" })).slice();
    if (lie) {
      const v = new DataView(bytes.buffer);
      for (const at of offsetsOf(bytes, 0x02014b50)) v.setUint32(at + 24, 10, true);
    }
    return bytes;
  }

  test("a part inflating past the limit is refused, by its declared size or by counting its stream", async () => {
    for (const lie of [false, true]) {
      const zip = await openZipForReading(await bomb(lie));
      expect(zip).toBeInstanceOf(ZipDirectory);
      expect(await oversizedPart(zip, "bomb.xlsx", 1024 * 1024)).toMatch(/“bomb\.xlsx” was not opened: its part xl\/worksheets\/sheet1\.xml inflates from .* to more than 1 MB/);
      expect(await oversizedPart(zip, "bomb.xlsx", 8 * 1024 * 1024)).toBeUndefined();
    }
  });

  test("a part declaring a document type is refused, and small parts' texts are kept for the reader", async () => {
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    zip.file("xl/worksheets/sheet1.xml", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><worksheet/>`);
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const kept = new Map<string, string>();
    expect(await partWithDtd(await openZipForReading(bytes), "dtd.xlsx", kept)).toMatch(/its part xl\/worksheets\/sheet1\.xml declares a document type/);
    expect(kept.get("xl/workbook.xml")).toBe("<workbook/>");
    await expect(PackageWorkbook.open(bytes, "dtd.xlsx", openZipForReading)).rejects.toThrow(WorkbookError);
  });

  test("a zip with no workbook part is still told apart", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", "<w/>");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expect((await examineWorkbookBytes(bytes, "memo.xlsx", openZipForReading)).problem?.code).toBe("notExcelZip");
    expect((await classifyWorkbookBytes(bytes, "memo.xlsx"))?.code).toBe("notExcelZip");
  });
});
