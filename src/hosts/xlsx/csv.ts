/**
 * CSV text → rows of cell values, for ledger exports and registers kept as CSV.
 * RFC 4180 with the quirks real exports have: a UTF-8 byte-order mark, CRLF or
 * LF line ends, quoted fields holding quotes, commas and line breaks. Text is
 * kept as the user wrote it ("300,000 CHF", "20%", " trailing space "); only a
 * plain numeral becomes a number, and only when the number prints back the
 * same (so "007" and 20-digit ids stay text).
 */

/**
 * Splits CSV text into rows of raw field text as it arrives, chunk by chunk,
 * so a file of a million lines never has to be held whole: a field, quote or
 * line end cut between two chunks carries over.
 */
const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

export class CsvSplitter {
  private row: string[] = [];
  private field = "";
  private quoted = false;
  /** A quote inside a quoted field: the end of the quotes, or the first of a doubled pair (the next character says). */
  private quoteSeen = false;
  // True once the current field has started (so an empty last field still counts).
  private fieldStarted = false;
  private afterCR = false;
  private first = true;

  /** The rows completed by this chunk. */
  push(chunk: string): string[][] {
    let src = chunk;
    if (this.first && src.length) {
      this.first = false;
      if (src.charCodeAt(0) === 0xfeff) src = src.slice(1);
    }
    const rows: string[][] = [];
    const n = src.length;
    let i = 0;
    // Runs of plain characters are sliced, not added one by one: a million-line export makes no garbage per character.
    while (i < n) {
      const ch = src.charCodeAt(i);
      if (this.afterCR) {
        this.afterCR = false;
        if (ch === LF) {
          i++;
          continue;
        }
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (ch === QUOTE) {
          this.field += '"';
          i++;
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        const q = src.indexOf('"', i);
        const end = q < 0 ? n : q;
        this.field += src.slice(i, end);
        if (q >= 0) this.quoteSeen = true;
        i = end + 1;
        continue;
      }
      if (ch === QUOTE && this.field === "") {
        this.quoted = true;
        this.fieldStarted = true;
        i++;
      } else if (ch === COMMA) {
        this.row.push(this.field);
        this.field = "";
        this.fieldStarted = true;
        i++;
      } else if (ch === CR || ch === LF) {
        this.row.push(this.field);
        rows.push(this.row);
        this.row = [];
        this.field = "";
        this.fieldStarted = false;
        this.afterCR = ch === CR;
        i++;
      } else {
        let j = i + 1;
        while (j < n) {
          const c = src.charCodeAt(j);
          if (c === COMMA || c === CR || c === LF) break;
          j++;
        }
        this.field += src.slice(i, j);
        this.fieldStarted = true;
        i = j;
      }
    }
    return rows;
  }

  /** The last row, when the text does not end with a line break. */
  end(): string[][] {
    this.quoteSeen = false;
    if (this.fieldStarted || this.field !== "" || this.row.length > 0) {
      this.row.push(this.field);
      const last = this.row;
      this.row = [];
      this.field = "";
      this.fieldStarted = false;
      return [last];
    }
    return [];
  }
}

/** Splits CSV text into rows of raw field text. */
export function parseCsvText(text: string): string[][] {
  const splitter = new CsvSplitter();
  return [...splitter.push(text), ...splitter.end()];
}

const PLAIN_NUMERAL = /^-?(0|[1-9]\d{0,14})(\.\d{1,15})?$/;

/** A field's value in the sheet: a number only for a plain numeral that round-trips. */
export function csvFieldValue(text: string): string | number | null {
  if (text === "") return null;
  if (PLAIN_NUMERAL.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n) && String(n) === text) return n;
  }
  return text;
}

/** Decodes CSV bytes as UTF-8 (a BOM is dropped by the parser). */
export function decodeCsvBytes(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

/** Rows handed on per block when streaming. */
const ROWS_PER_BLOCK = 5000;

/**
 * CSV bytes as they arrive (a file stream in Node, `File.stream()` in a
 * browser) → blocks of rows of cell values, in bounded memory.
 */
export async function* csvRowBlocks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<(string | number | null)[][]> {
  const decoder = new TextDecoder("utf-8");
  const splitter = new CsvSplitter();
  let block: (string | number | null)[][] = [];
  const take = (rows: string[][]) => {
    for (const r of rows) block.push(r.map(csvFieldValue));
  };
  for await (const chunk of chunks) {
    take(splitter.push(decoder.decode(chunk, { stream: true })));
    if (block.length >= ROWS_PER_BLOCK) {
      yield block;
      block = [];
    }
  }
  take(splitter.push(decoder.decode()));
  take(splitter.end());
  if (block.length) yield block;
}
