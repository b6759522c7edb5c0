/**
 * Raw-deflate parts inflated in one synchronous call where the platform has
 * Node's zlib (the CLI and its worker threads): a workbook's parts are mostly
 * a few kilobytes, and a DecompressionStream costs a Blob, a web stream and
 * several promise turns per part, about ten times the inflation itself.
 * Elsewhere (the browser) every function here answers undefined and callers
 * keep their streaming path; so do they for a damaged stream, whose reader
 * then says what is wrong.
 */

import { nodeZlib } from "./package/native-zlib";

/**
 * A raw-deflate stream's bytes, or undefined when Node's zlib is not at hand,
 * the stream is damaged, or it inflates past `limit` bytes (a caller that
 * reads in pieces to bound its memory sets one).
 */
export function inflateRawNow(compressed: Uint8Array, limit?: number, expected?: number): Uint8Array | undefined {
  const z = nodeZlib();
  if (!z) return undefined;
  try {
    // `expected`, the size the zip declares: the output made that size (and one byte, so the inflater sees
    // the end without asking for more room) comes in one piece, where zlib's 16 KB default has a big part
    // come in several to be joined and gives a small one 16 KB of room.
    const chunkSize = expected === undefined ? undefined : Math.max(MIN_CHUNK_BYTES, Math.min(expected + 1, limit ?? Infinity, MAX_CHUNK_BYTES));
    return z.inflateRawSync(compressed, { ...(limit === undefined ? {} : { maxOutputLength: limit }), ...(chunkSize === undefined ? {} : { chunkSize }) });
  } catch {
    return undefined;
  }
}

/** The room asked for at least (a header that declares too little costs a few more pieces, not thousands) and at most. */
const MIN_CHUNK_BYTES = 1024;
const MAX_CHUNK_BYTES = 4 << 20;

/** Compressed bytes read per byte wanted: XML parts inflate to several times their deflated size, so twice is ample; a prefix that gives too little falls back to the stream. */
const PREFIX_PER_BYTE = 2;

/**
 * The first `bytes` bytes a raw-deflate stream inflates to (fewer when it is
 * shorter), inflating only a prefix of the compressed bytes; undefined where
 * Node's zlib is not at hand or the prefix did not give enough.
 */
export function inflateRawStart(compressed: Uint8Array, bytes: number): Uint8Array | undefined {
  const z = nodeZlib();
  if (!z) return undefined;
  // Tried first with a quarter as many compressed bytes as bytes wanted: text compresses far more than 4 to 1 in
  // most parts, and inflating the whole of a generous prefix costs more than the rare second try.
  for (const prefix of [bytes >> 2, bytes * PREFIX_PER_BYTE]) {
    const whole = compressed.length <= prefix;
    try {
      // A cut stream inflates with a sync flush as far as its bytes go, without complaint.
      const out = z.inflateRawSync(whole ? compressed : compressed.subarray(0, prefix), { finishFlush: z.constants.Z_SYNC_FLUSH });
      if (out.length >= bytes || whole) return out.subarray(0, bytes);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
