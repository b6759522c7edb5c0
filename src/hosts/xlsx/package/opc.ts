/**
 * The package: a zip of parts joined by relationships, with a list of
 * content types. A part is bytes until someone asks for its text; a part
 * nobody changed is written back as the bytes it came in as (JSZip reuses
 * an unchanged entry's compressed data), which is what keeps pivots,
 * slicers, charts, macros and parts the toolkit has never heard of alive.
 */
import type JSZip from "jszip";
import { inflateRawNow } from "../raw-inflate";
import { attrOf, escapeAttr, findElements, splice } from "./xml-text";
import { inflateText, inflateTextPieces } from "./native-zlib";
import { writePackageZip } from "./zip-writer";

export const CONTENT_TYPES = "[Content_Types].xml";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_TYPE = {
  worksheet: `${REL_NS}/worksheet`,
  table: `${REL_NS}/table`,
  calcChain: `${REL_NS}/calcChain`,
} as const;
export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
} as const;

export interface Relationship {
  id: string;
  type: string;
  /** As written (relative to the source part's folder, or absolute from the package root). */
  target: string;
  external: boolean;
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part's folder, as a part name without the leading "/". */
export function resolveTarget(sourcePart: string, target: string): string {
  const base = target.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  const out = [...base];
  for (const p of target.replace(/^\//, "").split("/")) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** A target for `part` written relative to `sourcePart`'s folder (both under the same root folder). */
export function relativeTarget(sourcePart: string, part: string): string {
  const from = sourcePart.split("/").slice(0, -1);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...new Array(from.length - i).fill(".."), ...to.slice(i)].join("/");
}

/** What JSZip keeps of an entry it has not inflated (left out of its typings). */
interface StoredEntry {
  _data?: { compression?: { magic?: string }; compressedContent?: Uint8Array; uncompressedSize?: number };
}

/** The deflated bytes of an entry JSZip has not inflated; undefined for one stored another way. */
function deflatedContent(file: JSZip.JSZipObject): Uint8Array | undefined {
  const data = (file as unknown as StoredEntry)._data;
  return data?.compressedContent && data.compression?.magic === "\x08\x00" ? data.compressedContent : undefined;
}

/** A part that inflates to no more than this is read as one piece where it can be inflated at once (raw-inflate.ts). */
const WHOLE_PIECE_BYTES = 4 << 20;

/** The size an entry says it inflates to (Infinity when it does not say). */
function declaredSize(file: JSZip.JSZipObject): number {
  return (file as unknown as StoredEntry)._data?.uncompressedSize ?? Infinity;
}

/**
 * A deflated entry's text inflated by the platform's own zlib (see
 * native-zlib.ts: several times faster than JSZip's JavaScript inflate on a
 * big sheet); undefined where that is not available.
 */
async function inflateNatively(file: JSZip.JSZipObject): Promise<string | undefined> {
  const compressed = deflatedContent(file);
  if (!compressed) return undefined;
  const size = declaredSize(file);
  const small = size <= WHOLE_PIECE_BYTES ? inflateRawNow(compressed, WHOLE_PIECE_BYTES, size) : undefined;
  return small ? new TextDecoder().decode(small) : inflateText(compressed);
}

/**
 * A deflated entry's text in pieces as it inflates, so a reader that works
 * piece by piece never holds the whole text; undefined where that is not
 * available.
 */
function inflatePieces(file: JSZip.JSZipObject): AsyncIterable<string> | undefined {
  const compressed = deflatedContent(file);
  const pieces = compressed && inflateTextPieces(compressed);
  if (!compressed || !pieces || declaredSize(file) > WHOLE_PIECE_BYTES) return pieces;
  return {
    async *[Symbol.asyncIterator]() {
      const small = inflateRawNow(compressed, WHOLE_PIECE_BYTES, declaredSize(file));
      if (small) yield new TextDecoder().decode(small);
      else yield* pieces;
    },
  };
}

export class OpcPackage {
  private readonly texts = new Map<string, string>();
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();

  /** `known`: texts of the zip's parts already inflated elsewhere (as the zip holds them), so they are not inflated again. */
  constructor(
    readonly zip: JSZip,
    known?: ReadonlyMap<string, string>,
  ) {
    if (known) for (const [part, text] of known) this.texts.set(part, text);
  }

  /** Another package over the same zip with the changes made so far, changed apart from here from now on; texts read so far are shared, not read again. */
  fork(): OpcPackage {
    const copy = new OpcPackage(this.zip, this.texts);
    for (const p of this.changed) copy.changed.add(p);
    for (const p of this.removed) copy.removed.add(p);
    return copy;
  }

  /** The texts of parts known without inflating: read so far or written. */
  knownTexts(): ReadonlyMap<string, string> {
    return this.texts;
  }

  has(part: string): boolean {
    return !this.removed.has(part) && (this.texts.has(part) || !!this.zip.file(part));
  }

  async text(part: string): Promise<string | undefined> {
    if (this.removed.has(part)) return undefined;
    const known = this.texts.get(part);
    if (known !== undefined) return known;
    const file = this.zip.file(part);
    if (!file) return undefined;
    const text = (await inflateNatively(file)) ?? (await file.async("string"));
    this.texts.set(part, text);
    return text;
  }

  /** A part's text in pieces, in order (one piece when it is known already or cannot be inflated as a stream); nothing when the part is missing. */
  async *textPieces(part: string): AsyncIterable<string> {
    if (this.removed.has(part)) return;
    const known = this.texts.get(part);
    const file = known === undefined ? this.zip.file(part) : null;
    const pieces = file ? inflatePieces(file) : undefined;
    if (pieces) {
      yield* pieces;
      return;
    }
    const text = await this.text(part);
    if (text !== undefined) yield text;
  }

  put(part: string, text: string): void {
    this.texts.set(part, text);
    this.changed.add(part);
    this.removed.delete(part);
  }

  remove(part: string): void {
    this.texts.delete(part);
    this.changed.delete(part);
    this.removed.add(part);
  }

  /** Names of the parts a save replaces, adds or removes. */
  changedParts(): { written: string[]; removed: string[] } {
    return { written: [...this.changed], removed: [...this.removed].filter((p) => !!this.zip.file(p)) };
  }

  partNames(): string[] {
    const names = new Set(Object.keys(this.zip.files).filter((n) => !this.zip.files[n].dir));
    for (const p of this.changed) names.add(p);
    for (const p of this.removed) names.delete(p);
    return [...names];
  }

  /** A free part name from a pattern like "xl/tables/table{n}.xml". */
  freeName(pattern: string): string {
    const lower = new Set(this.partNames().map((n) => n.toLowerCase()));
    for (let n = 1; ; n++) {
      const name = pattern.replace("{n}", String(n));
      if (!lower.has(name.toLowerCase())) return name;
    }
  }

  async relationships(sourcePart: string): Promise<Relationship[]> {
    const xml = await this.text(relsPathOf(sourcePart));
    if (!xml) return [];
    return findElements(xml, "Relationship").map((s) => ({
      id: attrOf(s.tag, "Id") ?? "",
      type: attrOf(s.tag, "Type") ?? "",
      target: attrOf(s.tag, "Target") ?? "",
      external: attrOf(s.tag, "TargetMode") === "External",
    }));
  }

  /** Adds a relationship from sourcePart to targetPart; returns its new id. */
  async addRelationship(sourcePart: string, type: string, targetPart: string): Promise<string> {
    const path = relsPathOf(sourcePart);
    let xml = (await this.text(path)) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const taken = new Set(findElements(xml, "Relationship").map((s) => attrOf(s.tag, "Id")));
    let n = taken.size + 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(sourcePart, targetPart))}"/>`;
    xml = xml.replace(/<Relationships([^>]*?)\s*\/>/, "<Relationships$1></Relationships>");
    const close = xml.lastIndexOf("</Relationships>");
    this.put(path, `${xml.slice(0, close)}${rel}${xml.slice(close)}`);
    return id;
  }

  async removeRelationship(sourcePart: string, id: string): Promise<void> {
    const path = relsPathOf(sourcePart);
    const xml = await this.text(path);
    if (!xml) return;
    const span = findElements(xml, "Relationship").find((s) => attrOf(s.tag, "Id") === id);
    if (span) this.put(path, splice(xml, span, ""));
  }

  async setOverride(part: string, contentType: string | undefined): Promise<void> {
    const xml = await this.text(CONTENT_TYPES);
    if (!xml) return;
    const name = `/${part}`;
    const existing = findElements(xml, "Override").find((s) => (attrOf(s.tag, "PartName") ?? "").toLowerCase() === name.toLowerCase());
    if (existing) {
      if (contentType === undefined) this.put(CONTENT_TYPES, splice(xml, existing, ""));
      return;
    }
    if (contentType === undefined) return;
    const close = xml.lastIndexOf("</Types>");
    this.put(CONTENT_TYPES, `${xml.slice(0, close)}<Override PartName="${escapeAttr(name)}" ContentType="${escapeAttr(contentType)}"/>${xml.slice(close)}`);
  }

  /** Removes a part with its relationships part and content-type override. */
  async removePart(part: string): Promise<void> {
    this.remove(part);
    if (this.has(relsPathOf(part))) this.remove(relsPathOf(part));
    await this.setOverride(part, undefined);
  }

  /** The package as zip bytes: changed parts replaced, removed ones left out, every other entry as it was. */
  async bytes(): Promise<Uint8Array> {
    const changed = new Map([...this.changed].map((p) => [p, this.texts.get(p) ?? ""]));
    const written = await writePackageZip(this.zip, changed, this.removed);
    if (written) return written;
    // Written by JSZip into a zip of its own: the one read may be shared with other packages over it (fork).
    // Loaded here, not at the top: a package opened only to be read (a rollup worker's) never needs it.
    const { default: JSZip } = await import("jszip");
    const out = new JSZip();
    for (const p of this.partNames()) {
      const date = this.zip.files[p]?.date;
      const content = this.changed.has(p) ? (this.texts.get(p) ?? "") : this.zip.file(p)!.async("uint8array");
      out.file(p, content, { createFolders: false, ...(date ? { date } : {}) });
    }
    return out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 3 } });
  }
}
