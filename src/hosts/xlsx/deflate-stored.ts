/**
 * A zip whose parts were written stored (uncompressed), with its XML parts
 * deflated by the platform's own compressor (see package/zip-writer.ts).
 * ExcelJS deflates in JavaScript (JSZip's pako), which for a new workbook of
 * a few hundred kilobytes of XML costs more than building the XML itself;
 * writing it stored costs nothing, and native zlib deflates it several times
 * faster. Undefined where the platform has no native compressor: the caller
 * then lets ExcelJS deflate.
 */
import JSZip from "jszip";
import { writePackageZip } from "./package/zip-writer";

export async function deflateStoredParts(stored: Uint8Array): Promise<Uint8Array | undefined> {
  const zip = await JSZip.loadAsync(stored);
  const texts = new Map<string, string>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir && /\.(xml|rels|vml)$/i.test(name)) texts.set(name, await file.async("string"));
  return writePackageZip(zip, texts, new Set());
}
