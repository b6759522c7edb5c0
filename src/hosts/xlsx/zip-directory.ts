/**
 * A zip opened for reading only, from its central directory: the directory
 * is read once over the bytes, and an entry is inflated (by Node's zlib, in
 * one call) only when someone asks for it. JSZip's load builds a whole
 * object model per entry and runs several promise turns per file, which for
 * a rollup over hundreds of small workbooks costs more than inflating the
 * parts it reads. Nothing here writes: packages that are saved keep JSZip.
 *
 * The result answers the few questions the package readers ask of a JSZip
 * (`file(name)`, `files`, an entry's `dir`, `date`, `async()` and the stored
 * bytes in `_data`, see inflate-limits.ts and package/opc.ts), so those
 * readers work over either. Archives this reader does not take (ZIP64, or
 * bytes before the zip's first entry) are handed to JSZip, which does.
 *
 * Adm-zip and unzipper (both in the dependency tree, neither a dependency
 * of the toolkit) were looked at. Unzipper's Open.buffer hands each entry
 * over through a stream and promises. Adm-zip reads synchronously, but
 * inflates an entry whole itself (capped at its declared size), while the
 * package readers need an entry's stored bytes, to inflate a prefix, the
 * whole or a counted stream as the limits require; adopting it meant a new
 * run-time dependency with a second entry model to adapt. The format read
 * here is the stable part of APPNOTE.TXT (4.3.7, 4.3.12, 4.3.16).
 */
import type JSZip from "jszip";
import { findEndOfCentralDirectory, loadWithJsZip } from "./open-errors";
import { inflateRawNow } from "./raw-inflate";

const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_BYTES = 46;
const LOCAL_HEADER_BYTES = 30;
const STORED = 0;
const DEFLATED = 8;
/** General purpose flag bit 0: the entry is encrypted. */
const ENCRYPTED = 0x1;
/** DOS attribute bit 4: a folder. */
const DOS_DIRECTORY = 0x10;

/** The stored form of an entry, as JSZip keeps it for one it has not inflated. */
export interface EntryData {
  compression: { magic: string };
  compressedSize: number;
  uncompressedSize: number;
  compressedContent: Uint8Array;
}

export class DirectoryEntry {
  constructor(
    readonly name: string,
    readonly dir: boolean,
    readonly _data: EntryData,
    private readonly dosTime: number,
    private readonly dosDate: number,
  ) {}

  /** The entry's modification time as the zip gives it (local time, to the even second). */
  get date(): Date {
    const d = this.dosDate;
    const t = this.dosTime;
    return new Date((d >> 9) + 1980, ((d >> 5) & 0xf) - 1, d & 0x1f, t >> 11, (t >> 5) & 0x3f, (t & 0x1f) * 2);
  }

  private inflated(): Uint8Array {
    const { compression, compressedContent, uncompressedSize } = this._data;
    if (compression.magic === "\x00\x00") return compressedContent;
    // No more than the zip declares (plus one, to tell a lie from a match): a lying header cannot make this part balloon.
    const out = inflateRawNow(compressedContent, uncompressedSize + 1, uncompressedSize);
    if (!out) throw new Error(`part ${this.name} cannot be inflated (its compressed data is damaged)`);
    if (out.length !== uncompressedSize) throw new Error(`part ${this.name} inflates to ${out.length} bytes where the zip says ${uncompressedSize}`);
    return out;
  }

  async async(type: "string"): Promise<string>;
  async async(type: "uint8array"): Promise<Uint8Array>;
  async async(type: "string" | "uint8array"): Promise<string | Uint8Array> {
    const bytes = this.inflated();
    return type === "string" ? new TextDecoder().decode(bytes) : bytes.slice();
  }
}

/** The entries of a zip read from its central directory. */
export class ZipDirectory {
  constructor(readonly files: Record<string, DirectoryEntry>) {}

  /** The entry of that name; null for a folder or a name the zip does not hold. */
  file(name: string): DirectoryEntry | null {
    const entry = this.files[name];
    return entry && !entry.dir ? entry : null;
  }
}

function magicOf(method: number): string {
  return String.fromCharCode(method & 0xff, method >> 8);
}

/**
 * The zip's entries from its central directory; undefined for an archive
 * this reader leaves to JSZip (ZIP64, split, or with bytes before its first
 * entry). A damaged directory or local header throws, saying what is wrong.
 */
/** Entry names JSZip would resolve to another name: a leading "./" or "/", "//", or "." and ".." segments. */
const UNTIDY_NAME = /^\.{0,2}\/|\/\/|\/\.{1,2}(\/|$)/;

export function readZipDirectory(bytes: Uint8Array): ZipDirectory | undefined {
  const end = findEndOfCentralDirectory(bytes);
  if (end < 0) throw new Error("the end of its central directory is missing");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const disk = dv.getUint16(end + 4, true);
  const cdDisk = dv.getUint16(end + 6, true);
  const onDisk = dv.getUint16(end + 8, true);
  const count = dv.getUint16(end + 10, true);
  const cdSize = dv.getUint32(end + 12, true);
  const cdOffset = dv.getUint32(end + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return undefined;
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) return undefined;
  if (cdOffset + cdSize !== end) return undefined;
  const decoder = new TextDecoder();
  const files: Record<string, DirectoryEntry> = Object.create(null) as Record<string, DirectoryEntry>;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_HEADER_BYTES > end || dv.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new Error(`its central directory is damaged (entry ${i + 1} of ${count} is not where the directory says)`);
    }
    const flags = dv.getUint16(at + 8, true);
    const method = dv.getUint16(at + 10, true);
    const time = dv.getUint16(at + 12, true);
    const date = dv.getUint16(at + 14, true);
    const compressedSize = dv.getUint32(at + 20, true);
    const uncompressedSize = dv.getUint32(at + 24, true);
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    const attributes = dv.getUint32(at + 38, true);
    const localOffset = dv.getUint32(at + 42, true);
    const next = at + CENTRAL_HEADER_BYTES + nameLength + extraLength + commentLength;
    if (next > end) throw new Error(`its central directory is damaged (entry ${i + 1} runs past its end)`);
    const name = decoder.decode(bytes.subarray(at + CENTRAL_HEADER_BYTES, at + CENTRAL_HEADER_BYTES + nameLength));
    // JSZip tidies such names ("./xl/workbook.xml", "xl//worksheets/…") into the part names readers ask for.
    if (UNTIDY_NAME.test(name)) return undefined;
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) return undefined;
    if (flags & ENCRYPTED) throw new Error(`its part ${name} is encrypted`);
    if (method !== STORED && method !== DEFLATED) throw new Error(`its part ${name} is compressed with method ${method}, which workbooks do not use`);
    if (localOffset + LOCAL_HEADER_BYTES > bytes.length || dv.getUint32(localOffset, true) !== LOCAL_SIGNATURE) {
      throw new Error(`its part ${name} is not where the central directory says`);
    }
    // The local header's own name and extra field may differ in length from the directory's; its sizes may be
    // zero (written after the data, in a data descriptor), so the directory's are the ones used.
    const dataStart = localOffset + LOCAL_HEADER_BYTES + dv.getUint16(localOffset + 26, true) + dv.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) throw new Error(`its part ${name} runs past the end of the data (the file is cut short)`);
    const dir = (attributes & DOS_DIRECTORY) !== 0 || name.endsWith("/");
    const data: EntryData = {
      compression: { magic: magicOf(method) },
      compressedSize,
      uncompressedSize,
      compressedContent: bytes.subarray(dataStart, dataStart + compressedSize),
    };
    files[name] = new DirectoryEntry(name, dir, data, time, date);
    at = next;
  }
  // More entries than the count says (a count that wrapped past 65,535 without ZIP64): JSZip reads them all.
  if (at !== end) return undefined;
  return new ZipDirectory(files);
}

/**
 * Opens zip bytes for reading: from the central directory where this reader
 * takes the archive, through JSZip otherwise. Typed as JSZip because the
 * package readers take one; a ZipDirectory answers everything they ask of it
 * when reading (it cannot be written: a save opens the bytes with JSZip).
 */
export async function openZipForReading(bytes: Uint8Array): Promise<JSZip> {
  const directory = readZipDirectory(bytes);
  // The readers' type is JSZip; the directory answers its read-only questions (see above).
  return directory ? (directory as unknown as JSZip) : loadWithJsZip(bytes);
}
