/**
 * Inflating and deflating package parts with the fastest compressor the
 * platform has: Node's zlib where it runs in Node (asked for at run time, so
 * a browser build never tries to bundle it), the platform's
 * DecompressionStream and CompressionStream elsewhere (in a browser). Both
 * are native; Node's zlib is used directly because the web streams over it
 * hand data over in 16 KB chunks, each through several promises, which costs
 * more than the inflating itself on a 50 MB sheet.
 */

/** The few calls of Node's zlib used here (typed here: this module is also built for the browser). */
export interface NodeZlib {
  deflateRaw(data: Uint8Array, options: { level: number }, done: (error: Error | null, out: Uint8Array) => void): void;
  createInflateRaw(options: { chunkSize: number }): { end(data: Uint8Array): void; destroy(): void } & AsyncIterable<Uint8Array>;
  crc32?: (data: Uint8Array) => number;
  inflateRawSync(data: Uint8Array, options?: { finishFlush?: number; maxOutputLength?: number; chunkSize?: number }): Uint8Array;
  constants: { Z_SYNC_FLUSH: number };
}

/** Node's zlib when running in Node (process.getBuiltinModule, Node 20.16 and later); undefined elsewhere. */
export function nodeZlib(): NodeZlib | undefined {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return node?.getBuiltinModule?.("node:zlib") as NodeZlib | undefined;
}

/** Output pieces of Node's inflater: big enough that a 50 MB part comes in about fifty. */
const CHUNK_BYTES = 1 << 20;

/**
 * A raw deflate stream inflated, in pieces as they come (a reader that stops
 * early stops the inflating); undefined where the platform cannot inflate.
 * A damaged stream throws where it is read.
 */
export function inflateRawPieces(compressed: Uint8Array): AsyncIterable<Uint8Array> | undefined {
  const zlib = nodeZlib();
  if (zlib) {
    return {
      async *[Symbol.asyncIterator]() {
        const inflater = zlib.createInflateRaw({ chunkSize: CHUNK_BYTES });
        inflater.end(compressed);
        try {
          yield* inflater;
        } finally {
          inflater.destroy();
        }
      },
    };
  }
  if (typeof DecompressionStream === "undefined") return undefined;
  return {
    async *[Symbol.asyncIterator]() {
      const reader = new Blob([compressed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    },
  };
}

/**
 * Where the bytes stop holding only whole UTF-8 characters: the start of a
 * character cut off at the end, or the length when none is.
 */
export function wholeCharactersEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = bytes[i];
    if (b < 0x80) return n; // ASCII: nothing cut off after it
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + length <= n ? n : i;
    }
  }
  return n;
}

/**
 * A raw deflate stream's text, inflated and decoded as UTF-8 in pieces;
 * undefined where the platform cannot inflate. Each piece is decoded up to
 * its last whole character and the rest carried to the next: decoding whole
 * pieces is about twice as fast as the decoder's own streaming mode.
 */
export function inflateTextPieces(compressed: Uint8Array): AsyncIterable<string> | undefined {
  const pieces = inflateRawPieces(compressed);
  if (!pieces) return undefined;
  return {
    async *[Symbol.asyncIterator]() {
      const decoder = new TextDecoder();
      let carried: Uint8Array | undefined;
      for await (const piece of pieces) {
        let bytes = piece;
        if (carried) {
          bytes = new Uint8Array(carried.length + piece.length);
          bytes.set(carried);
          bytes.set(piece, carried.length);
        }
        const end = wholeCharactersEnd(bytes);
        carried = end < bytes.length ? bytes.slice(end) : undefined;
        const text = decoder.decode(end < bytes.length ? bytes.subarray(0, end) : bytes);
        if (text) yield text;
      }
      // Bytes left that never made a whole character decode as replacement characters, as the streaming decoder ends.
      if (carried) yield decoder.decode(carried);
    },
  };
}

/** A raw deflate stream's text, inflated whole and decoded once; undefined where the platform cannot inflate. */
export async function inflateText(compressed: Uint8Array): Promise<string | undefined> {
  const pieces = inflateRawPieces(compressed);
  if (!pieces) return undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const bytes of pieces) {
    chunks.push(bytes);
    total += bytes.byteLength;
  }
  if (chunks.length === 1) return new TextDecoder().decode(chunks[0]);
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}
