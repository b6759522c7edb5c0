/**
 * Writes the saved package as a zip: entries nobody changed are copied as
 * the compressed bytes they came in as (with their CRC and sizes), changed
 * and new parts are deflated by the platform's own compressor
 * (CompressionStream, native in Node and browsers), which is several times
 * faster than deflating in JavaScript. Returns undefined where it cannot
 * write the package (no CompressionStream, an entry it cannot copy, sizes
 * that would need ZIP64); the caller then lets JSZip write it.
 */
import type JSZip from "jszip";
import { nodeZlib } from "./native-zlib";

interface StoredEntry {
  name: string;
  date?: Date;
  _data?: { compressedSize?: number; uncompressedSize?: number; crc32?: number; compression?: { magic?: string }; compressedContent?: Uint8Array };
}

interface Entry {
  name: Uint8Array;
  method: number;
  crc: number;
  compressed: Uint8Array;
  size: number;
  date: Date;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * How hard a changed part is deflated where the level can be chosen (Node's
 * zlib). A rewritten 100,000-row sheet is ~70 MB of XML: level 6 (zlib's
 * default, what CompressionStream uses) costs about five times the processor
 * time of level 1 for a file about a fifth smaller; level 4 is the first of
 * zlib's lazy-matching levels, within about 7% of level 6's size at under
 * half its time.
 */
export const DEFLATE_LEVEL = 4;

/**
 * Deflated bytes and the CRC-32 of the input. In Node, zlib deflates at
 * DEFLATE_LEVEL on its own thread pool and its native CRC-32 checks the
 * bytes; elsewhere the platform's CompressionStream does both: a gzip member
 * is a raw deflate stream between a 10-byte header and a trailer holding the
 * CRC-32 and size, so the checksum of a 50 MB sheet costs nothing on the main
 * thread. Falls back to computing the CRC here when neither gives it.
 */
export async function deflateWithCrc(bytes: Uint8Array): Promise<{ compressed: Uint8Array; crc: number }> {
  const zlib = nodeZlib();
  if (zlib) {
    const compressed = await new Promise<Uint8Array>((resolve, reject) => zlib.deflateRaw(bytes, { level: DEFLATE_LEVEL }, (e, out) => (e ? reject(e) : resolve(out))));
    return { compressed, crc: zlib.crc32 ? zlib.crc32(bytes) >>> 0 : crc32(bytes) };
  }
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("gzip"));
  const gz = new Uint8Array(await new Response(stream).arrayBuffer());
  const plainHeader = gz.length >= 18 && gz[0] === 0x1f && gz[1] === 0x8b && gz[2] === 8 && gz[3] === 0;
  if (plainHeader) {
    const v = new DataView(gz.buffer, gz.byteOffset, gz.byteLength);
    if (v.getUint32(gz.length - 4, true) === bytes.length >>> 0) return { compressed: gz.subarray(10, gz.length - 8), crc: v.getUint32(gz.length - 8, true) };
  }
  const raw = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return { compressed: new Uint8Array(await new Response(raw).arrayBuffer()), crc: crc32(bytes) };
}

function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * The fields the local header and the central directory record share, in the
 * same order: version needed, flags (names are UTF-8), method, DOS time and
 * date, CRC-32, compressed and uncompressed size, name length.
 */
function writeEntryFields(v: DataView, at: number, e: Entry): void {
  const { date, time } = dosDateTime(e.date);
  v.setUint16(at, 20, true);
  v.setUint16(at + 2, 0x0800, true);
  v.setUint16(at + 4, e.method, true);
  v.setUint16(at + 6, time, true);
  v.setUint16(at + 8, date, true);
  v.setUint32(at + 10, e.crc, true);
  v.setUint32(at + 14, e.compressed.length, true);
  v.setUint32(at + 18, e.size, true);
  v.setUint16(at + 22, e.name.length, true);
}

const MAGIC_METHOD: Record<string, number> = { "\x00\x00": 0, "\x08\x00": 8 };

/** The zip of `zip`'s entries (minus `removed`) with `changed` parts replaced or added, in the original order then the new ones. */
export async function writePackageZip(zip: JSZip, changed: Map<string, string>, removed: Set<string>): Promise<Uint8Array | undefined> {
  if (!nodeZlib() && typeof CompressionStream === "undefined") return undefined;
  const encoder = new TextEncoder();
  const entries: (Entry | Promise<Entry>)[] = [];
  const now = new Date();
  const names = Object.keys(zip.files).filter((n) => !removed.has(n));
  for (const n of changed.keys()) if (!zip.files[n]) names.push(n);
  for (const name of names) {
    const text = changed.get(name);
    if (text !== undefined) {
      // Deflated side by side (zlib works on its own threads): the next part is encoded while this one is deflated.
      const raw = encoder.encode(text);
      const date = zip.files[name]?.date ?? now;
      entries.push(deflateWithCrc(raw).then(({ compressed, crc }) => ({ name: encoder.encode(name), method: 8, crc, compressed, size: raw.length, date })));
      continue;
    }
    const file = zip.files[name] as unknown as StoredEntry & { dir: boolean };
    const data = file._data;
    const method = MAGIC_METHOD[data?.compression?.magic ?? ""];
    if (!data?.compressedContent || method === undefined || data.crc32 === undefined || data.uncompressedSize === undefined) {
      if (file.dir) {
        entries.push({ name: encoder.encode(name), method: 0, crc: 0, compressed: new Uint8Array(0), size: 0, date: file.date ?? now });
        continue;
      }
      return undefined;
    }
    entries.push({ name: encoder.encode(name), method, crc: data.crc32 >>> 0, compressed: data.compressedContent, size: data.uncompressedSize, date: file.date ?? now });
  }
  return zipOf(await Promise.all(entries));
}

/** The zip file of the entries, in order; undefined when it would need ZIP64. */
function zipOf(entries: Entry[]): Uint8Array | undefined {
  let total = 22;
  for (const e of entries) total += 30 + e.name.length + e.compressed.length + 46 + e.name.length;
  if (entries.length > 0xffff || total > 0xffffffff || entries.some((e) => e.size > 0xffffffff)) return undefined;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(at);
    v.setUint32(at, 0x04034b50, true);
    writeEntryFields(v, at + 4, e);
    v.setUint16(at + 28, 0, true);
    out.set(e.name, at + 30);
    out.set(e.compressed, at + 30 + e.name.length);
    at += 30 + e.name.length + e.compressed.length;
  }
  const directory = at;
  entries.forEach((e, i) => {
    v.setUint32(at, 0x02014b50, true);
    v.setUint16(at + 4, 20, true); // version made by
    writeEntryFields(v, at + 6, e);
    v.setUint16(at + 30, 0, true); // extra
    v.setUint16(at + 32, 0, true); // comment
    v.setUint16(at + 34, 0, true); // disk
    v.setUint16(at + 36, 0, true); // internal attributes
    v.setUint32(at + 38, 0, true); // external attributes
    v.setUint32(at + 42, offsets[i], true);
    out.set(e.name, at + 46);
    at += 46 + e.name.length;
  });
  v.setUint32(at, 0x06054b50, true);
  v.setUint16(at + 8, entries.length, true);
  v.setUint16(at + 10, entries.length, true);
  v.setUint32(at + 12, at - directory, true);
  v.setUint32(at + 16, directory, true);
  return out;
}
