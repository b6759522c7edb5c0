/**
 * Tells what is wrong with a file before ExcelJS sees it, so the user gets
 * "this is a password-protected workbook, remove the password" instead of
 * "End of data reached (data length = 0, asked index = 4)". Browser-safe: bytes
 * in, no fs.
 */
import type JSZip from "jszip";
import { oversizedPart, partWithDtd } from "./inflate-limits";

export type OpenProblemCode =
  | "empty"
  | "notWorkbook"
  | "truncatedZip"
  | "notExcelZip"
  | "binaryWorkbook"
  | "encrypted"
  | "legacyXls"
  | "otherOfficeFile"
  | "partTooLarge"
  | "documentType";

export interface OpenProblem {
  code: OpenProblemCode;
  message: string;
}

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EOCD_SIGNATURE = 0x06054b50;
/** The end-of-central-directory record is 22 bytes plus a comment of up to 65,535. */
const EOCD_SEARCH = 22 + 0xffff;

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

function extensionOf(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName);
  return m ? m[1].toLowerCase() : "";
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Offset of the end-of-central-directory record, or -1 when the zip's tail is missing. */
export function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const dv = view(bytes);
  const stop = Math.max(0, bytes.length - EOCD_SEARCH);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (dv.getUint32(i, true) === EOCD_SIGNATURE) {
      const cdSize = dv.getUint32(i + 12, true);
      const cdOffset = dv.getUint32(i + 16, true);
      // ZIP64 archives put 0xFFFFFFFF here; their real values live elsewhere.
      if (cdOffset === 0xffffffff || cdSize === 0xffffffff) return i;
      if (cdOffset + cdSize <= i) return i;
    }
  }
  return -1;
}

/**
 * Names of the streams and storages in an OLE2 compound file, read from its
 * directory sectors (the FAT chain from the header). Returns [] when the
 * structure cannot be followed; callers then fall back to a byte search.
 */
export function compoundFileEntryNames(bytes: Uint8Array): string[] {
  if (bytes.length < 512 || !startsWith(bytes, OLE2)) return [];
  const dv = view(bytes);
  const sectorShift = dv.getUint16(30, true);
  if (sectorShift < 7 || sectorShift > 16) return [];
  const sectorSize = 1 << sectorShift;
  const sectorOffset = (s: number) => (s + 1) * sectorSize;
  const fatSectors: number[] = [];
  const fatCount = dv.getUint32(44, true);
  for (let i = 0; i < Math.min(109, fatCount); i++) fatSectors.push(dv.getUint32(76 + i * 4, true));
  const fatEntry = (s: number): number => {
    const perSector = sectorSize / 4;
    const fs = fatSectors[Math.floor(s / perSector)];
    if (fs === undefined) return 0xfffffffe;
    const off = sectorOffset(fs) + (s % perSector) * 4;
    return off + 4 <= bytes.length ? dv.getUint32(off, true) : 0xfffffffe;
  };
  const names: string[] = [];
  let sector = dv.getUint32(48, true);
  const seen = new Set<number>();
  while (sector < 0xfffffffa && !seen.has(sector)) {
    seen.add(sector);
    const base = sectorOffset(sector);
    if (base + sectorSize > bytes.length) break;
    for (let e = 0; e < sectorSize / 128; e++) {
      const entry = base + e * 128;
      const nameBytes = dv.getUint16(entry + 64, true);
      if (nameBytes < 2 || nameBytes > 64) continue;
      let name = "";
      for (let k = 0; k < nameBytes - 2; k += 2) name += String.fromCharCode(dv.getUint16(entry + k, true));
      names.push(name);
    }
    sector = fatEntry(sector);
  }
  return names;
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

function describeNonWorkbook(bytes: Uint8Array): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 8));
  if (head.startsWith("%PDF")) return "a PDF document";
  if (/^\s*<(\?xml|!doctype|html)/i.test(head)) return "a web page or XML file";
  let printable = 0;
  const sample = bytes.subarray(0, 4096);
  for (const b of sample) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127)) printable++;
  if (sample.length > 0 && printable / sample.length > 0.95) return "a text file";
  return "some other kind of file";
}

const SAVE_AS_XLSX = "Open it in Excel and save it as .xlsx (File > Save As > Excel Workbook), then try again.";

/**
 * What is wrong with these bytes as a workbook, or null when they look like a
 * readable .xlsx/.xlsm (or a .csv, which is text by design).
 */
export async function classifyWorkbookBytes(bytes: Uint8Array, fileName: string): Promise<OpenProblem | null> {
  return (await examineWorkbookBytes(bytes, fileName)).problem;
}

/** How a zip's bytes are opened: JSZip by default; a reader that only reads may open them more cheaply (zip-directory.ts). */
export type ZipOpener = (bytes: Uint8Array) => Promise<JSZip>;

/** JSZip, loaded when first needed: a rollup worker that reads through zip-directory.ts never loads it. */
export async function loadWithJsZip(bytes: Uint8Array): Promise<JSZip> {
  const { default: JSZip } = await import("jszip");
  return JSZip.loadAsync(bytes);
}

/** As classifyWorkbookBytes, also handing back the parsed zip so the caller can read parts ExcelJS misreads. */
export async function examineWorkbookBytes(bytes: Uint8Array, fileName: string, openZip: ZipOpener = loadWithJsZip): Promise<{ problem: OpenProblem | null; zip?: JSZip; texts?: ReadonlyMap<string, string> }> {
  const problem = (p: OpenProblem) => ({ problem: p });
  const ext = extensionOf(fileName);
  const file = `“${fileName}”`;
  if (bytes.length === 0) {
    return problem({ code: "empty", message: `${file} is empty (0 bytes). Check that it finished downloading or copying, then try again.` });
  }
  if (startsWith(bytes, OLE2)) {
    const names = compoundFileEntryNames(bytes);
    const has = (n: string) => (names.length ? names.includes(n) : containsUtf16(bytes, n));
    if (has("EncryptionInfo") || has("EncryptedPackage")) {
      return problem({
        code: "encrypted",
        message: `${file} is a password-protected workbook. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), save, and try again.`,
      });
    }
    if (has("Workbook") || has("Book") || ext === "xls") {
      return problem({ code: "legacyXls", message: `${file} is an Excel 97-2003 .xls file. ${SAVE_AS_XLSX}` });
    }
    return problem({
      code: "otherOfficeFile",
      message: `${file} is an older Office document but not an Excel workbook. Check you picked the right file; the toolkit reads .xlsx, .xlsm and .csv.`,
    });
  }
  if (ext === "csv") return { problem: null };
  if (startsWith(bytes, ZIP_LOCAL) || startsWith(bytes, ZIP_EMPTY)) {
    if (findEndOfCentralDirectory(bytes) < 0) {
      return problem({
        code: "truncatedZip",
        message: `${file} is damaged: its zip data is cut short or corrupt (often a download or copy that did not finish). Get a fresh copy, or open it in Excel and let Excel repair it, save, and try again.`,
      });
    }
    let zip: JSZip;
    try {
      zip = await openZip(bytes);
    } catch (e) {
      return problem({
        code: "truncatedZip",
        message: `${file} is damaged: its zip data cannot be read (${(e as Error).message}). Get a fresh copy, or open it in Excel and let Excel repair it, save, and try again.`,
      });
    }
    if (zip.file("xl/workbook.bin")) {
      return problem({ code: "binaryWorkbook", message: `${file} is an Excel binary workbook (.xlsb). ${SAVE_AS_XLSX}` });
    }
    if (!zip.file("xl/workbook.xml")) {
      return problem({
        code: "notExcelZip",
        message: `${file} is a zip file but not an Excel workbook (no xl/workbook.xml inside; a Word or PowerPoint file, perhaps). Check you picked the right file.`,
      });
    }
    const oversized = await oversizedPart(zip, fileName);
    if (oversized) return problem({ code: "partTooLarge", message: oversized });
    const texts = new Map<string, string>();
    const dtd = await partWithDtd(zip, fileName, texts);
    if (dtd) return problem({ code: "documentType", message: dtd });
    return { problem: null, zip, texts };
  }
  return problem({
    code: "notWorkbook",
    message: `${file} is not an Excel workbook (it looks like ${describeNonWorkbook(bytes)}). Check you picked the right file; the toolkit reads .xlsx, .xlsm and .csv.`,
  });
}
