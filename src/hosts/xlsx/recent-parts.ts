/**
 * The texts of small parts inflated lately, kept by their compressed bytes.
 * Workbooks made from one template (a PMO's project files) hold many parts
 * that are the same byte for byte: the theme, the styles, the content types,
 * the relationships, often the workbook part itself. Each is inflated once
 * per file otherwise, and for parts of a few kilobytes starting the inflater
 * costs more than the inflating. A part's text depends on its compressed
 * bytes alone, so a part is taken from here only when those bytes are the
 * same, compared in full; the list is bounded in entries and in text.
 */

export interface RecentPart {
  /** The part's text, as the reader decodes it. */
  text: string;
  /** How many bytes it inflated to. */
  bytes: number;
  /** Whether its start declares a document type (see inflate-limits.ts). */
  declaresDocumentType: boolean;
}

interface Entry extends RecentPart {
  compressed: Uint8Array;
}

const MAX_ENTRIES = 64;
const MAX_TEXT_BYTES = 4 << 20;

const entries = new Map<string, Entry[]>();
let count = 0;
let textBytes = 0;

/** Where to look: the length and a few bytes of the stream (the whole is compared on a find). */
function keyOf(compressed: Uint8Array): string {
  const n = compressed.length;
  return `${n}:${compressed[0]}:${compressed[n >> 2]}:${compressed[n >> 1]}:${compressed[n - 8]}:${compressed[n - 1]}`;
}

/** Node's Buffer.compare (a native compare) where it runs in Node; typed here, as this module is also built for the browser. */
const nodeCompare = (globalThis as { Buffer?: { compare(a: Uint8Array, b: Uint8Array): number } }).Buffer?.compare;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (nodeCompare) return nodeCompare(a, b) === 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The part inflated lately from exactly these compressed bytes; undefined when none was. */
export function recentPart(compressed: Uint8Array): RecentPart | undefined {
  return entries.get(keyOf(compressed))?.find((e) => sameBytes(e.compressed, compressed));
}

/** Where parts seen once were looked for: a part is kept the second time its bytes come (see rememberPart). */
const seenOnce = new Set<string>();
const MAX_SEEN = 256;

/**
 * Keeps a part's text by its compressed bytes (copied: they lie inside the
 * whole file's bytes), for a part recentPart did not find, the second time
 * such bytes come: a workbook's own parts (its sheets, its strings) cost a
 * note of where to look, not a copy. The oldest go first when the list is
 * full.
 */
export function rememberPart(compressed: Uint8Array, part: RecentPart): void {
  if (part.bytes > MAX_TEXT_BYTES) return;
  const key = keyOf(compressed);
  if (!seenOnce.has(key) && !entries.has(key)) {
    seenOnce.add(key);
    if (seenOnce.size > MAX_SEEN) seenOnce.delete(seenOnce.values().next().value as string);
    return;
  }
  while (count >= MAX_ENTRIES || textBytes + part.bytes > MAX_TEXT_BYTES) {
    const [key, list] = entries.entries().next().value as [string, Entry[]];
    const dropped = list.shift()!;
    if (!list.length) entries.delete(key);
    count--;
    textBytes -= dropped.bytes;
  }
  const list = entries.get(key);
  const entry = { compressed: compressed.slice(), ...part };
  if (list) list.push(entry);
  else entries.set(key, [entry]);
  count++;
  textBytes += part.bytes;
}

/** Forgets every part (for tests). */
export function forgetRecentParts(): void {
  entries.clear();
  seenOnce.clear();
  count = 0;
  textBytes = 0;
}
