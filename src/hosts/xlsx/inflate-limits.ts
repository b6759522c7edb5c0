/**
 * A workbook part that inflates far beyond what any reader here can hold is
 * refused before anything inflates it for real. The limit is the longest
 * text a JavaScript engine holds (V8: about 2^29 characters): a part over
 * it could never be read ("Invalid string length", after seconds and
 * gigabytes), so no file this tool can open is refused by it, and Excel's
 * own limits (1,048,576 rows × 16,384 columns) are not what decides.
 *
 * A deflated stream inflates to at most about 1,032 times its size, so only
 * parts stored with more than LIMIT / 1,032 compressed bytes could pass the
 * limit; those are inflated once in a stream that counts and discards, so
 * memory stays bounded whatever a file's headers claim.
 */
import type JSZip from "jszip";
import { inflateRawPieces } from "./package/native-zlib";
import { inflateRawNow, inflateRawStart } from "./raw-inflate";
import { recentPart, rememberPart } from "./recent-parts";

export const MAX_PART_BYTES = 512 * 1024 * 1024;
const DEFLATE_MAX_RATIO = 1032;

/** What JSZip keeps of an entry it has not inflated (left out of its typings). */
interface StoredEntry {
  _data?: { compressedSize?: number; uncompressedSize?: number; compression?: { magic?: string }; compressedContent?: Uint8Array };
}

/** How much of a part's start is read to find a document type declaration (it can only stand before the root element). */
const PROLOG_BYTES = 4096;

/** The first bytes of an entry, inflating no more than that. */
async function startOf(entry: StoredEntry["_data"]): Promise<Uint8Array | undefined> {
  if (!entry?.compressedContent) return undefined;
  if (entry.compression?.magic === "\x00\x00") return entry.compressedContent.subarray(0, PROLOG_BYTES);
  if (entry.compression?.magic !== "\x08\x00") return undefined;
  const quick = inflateRawStart(entry.compressedContent, PROLOG_BYTES);
  if (quick) return quick;
  const pieces = inflateRawPieces(entry.compressedContent);
  if (!pieces) return undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const value of pieces) {
      chunks.push(value);
      total += value.byteLength;
      if (total >= PROLOG_BYTES) break;
    }
  } catch {
    // a damaged stream: the reader that inflates it for real says so
  }
  const out = new Uint8Array(Math.min(total, PROLOG_BYTES));
  let at = 0;
  for (const c of chunks) {
    if (at >= out.length) break;
    out.set(c.subarray(0, out.length - at), at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Parts up to this size are inflated whole for the check, not just their
 * start: for a part of a few kilobytes that costs no more (the cost is in
 * starting the inflater), and the text is kept for the reader that follows,
 * so it is not inflated a second time.
 */
const KEEP_PART_BYTES = 64 * 1024;
/** Texts kept for the reader at most, together: a package of many small parts keeps only the first. */
const KEEP_TOTAL_BYTES = 4 << 20;

/**
 * The first XML part that declares a document type (where entities are
 * declared), in words; undefined when none does. Office Open XML forbids
 * DTDs in its parts (ECMA-376 Part 2, 8.1.4) and Excel refuses such a file,
 * so refusing it refuses nothing Excel opens; entities are never expanded.
 * `keep`, when given, receives the texts of the small deflated parts the
 * check inflated whole (their inflated length what the zip declares), by
 * part name, as the package reader would decode them.
 */
export async function partWithDtd(zip: JSZip, fileName: string, keep?: Map<string, string>): Promise<string | undefined> {
  const decoder = new TextDecoder();
  let kept = 0;
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir || !/\.(xml|rels|vml)$/i.test(name)) continue;
    const data = (file as unknown as StoredEntry)._data;
    const small = keep && kept < KEEP_TOTAL_BYTES && isSmallDeflated(data) ? data!.compressedContent! : undefined;
    // The same bytes inflated lately (another workbook from the same template): its text and what its start declares, as found then.
    const seen = small && recentPart(small);
    if (seen && seen.bytes === data!.uncompressedSize) {
      if (seen.declaresDocumentType) return documentTypeRefusal(fileName, name);
      keep!.set(name, seen.text);
      kept += seen.bytes;
      continue;
    }
    const whole = small ? wholeSmallPart(data) : undefined;
    const start = whole ? whole.subarray(0, PROLOG_BYTES) : await startOf(data);
    // A small part's start is the whole part: its text is decoded once, for the check and for the reader.
    const text = whole && start && start.length === whole.length ? decoder.decode(whole) : undefined;
    const declares = !!start && declaresDocumentType(text ?? decoder.decode(start));
    if (whole && small) rememberPart(small, { text: text ?? decoder.decode(whole), bytes: whole.length, declaresDocumentType: declares });
    if (declares) return documentTypeRefusal(fileName, name);
    if (whole && keep) {
      keep.set(name, text ?? decoder.decode(whole));
      kept += whole.length;
    }
  }
  return undefined;
}

function documentTypeRefusal(fileName: string, part: string): string {
  return `“${fileName}” was not opened: its part ${part} declares a document type (<!DOCTYPE>), which workbook files may not contain and Excel does not open. Nothing was read.`;
}

/**
 * Whether a part's start holds a <!DOCTYPE. Most parts hold no "<!" at all:
 * that is looked for first, by its "!", which is rare in XML where "<" is in
 * every tag (a search for "<!" stops at each "<").
 */
function declaresDocumentType(start: string): boolean {
  for (let at = start.indexOf("!"); at >= 0; at = start.indexOf("!", at + 1)) {
    if (at > 0 && start.charCodeAt(at - 1) === 60) return /<!DOCTYPE/i.test(start);
  }
  return false;
}

/** Whether a part is deflated and declares a size small enough to be inflated whole for the check and kept. */
function isSmallDeflated(data: StoredEntry["_data"]): boolean {
  const size = data?.uncompressedSize;
  return !!data?.compressedContent && data.compression?.magic === "\x08\x00" && size !== undefined && size <= KEEP_PART_BYTES;
}

/** A small deflated part's bytes inflated whole, when they come to the size the zip declares (a damaged stream does not). */
function wholeSmallPart(data: StoredEntry["_data"]): Uint8Array | undefined {
  if (!isSmallDeflated(data)) return undefined;
  const size = data!.uncompressedSize!;
  const bytes = inflateRawNow(data!.compressedContent!, KEEP_PART_BYTES, size);
  return bytes && bytes.length === size ? bytes : undefined;
}

const mebibytes = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString("en-GB")} MB`;

/** Bytes a raw-deflate stream inflates to, counting no further than `limit` + 1. */
async function inflatedSize(compressed: Uint8Array, limit: number): Promise<number | undefined> {
  const pieces = inflateRawPieces(compressed);
  if (!pieces) return undefined;
  let total = 0;
  try {
    for await (const value of pieces) {
      total += value.byteLength;
      if (total > limit) return total;
    }
    return total;
  } catch {
    return total; // a damaged stream: the reader that inflates it for real says so
  }
}

/** The first part over the limit, in words naming the part and the limit; undefined when every part is within it. */
export async function oversizedPart(zip: JSZip, fileName: string, limit = MAX_PART_BYTES): Promise<string | undefined> {
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    const data = (file as unknown as StoredEntry)._data;
    const declared = data?.uncompressedSize ?? 0;
    const compressed = data?.compressedSize ?? 0;
    let size = declared;
    if (declared <= limit && compressed * DEFLATE_MAX_RATIO > limit && data?.compressedContent && data.compression?.magic === "\x08\x00") {
      size = Math.max(declared, (await inflatedSize(data.compressedContent, limit)) ?? 0);
    }
    if (size > limit) {
      return `“${fileName}” was not opened: its part ${name} inflates from ${mebibytes(compressed)} to more than ${mebibytes(limit)}, the most one part of a workbook can hold here (a file built to exhaust memory, or one no spreadsheet program could open). Nothing was read.`;
    }
  }
  return undefined;
}
