/**
 * CSV text → rows of cell values, for ledger exports and registers kept as CSV.
 * RFC 4180 with the quirks real exports have: a UTF-8 byte-order mark, CRLF or
 * LF line ends, quoted fields holding quotes, commas and line breaks. Text is
 * kept as the user wrote it ("300,000 CHF", "20%", " trailing space "); only a
 * plain numeral becomes a number, and only when the number prints back the
 * same (so "007" and 20-digit ids stay text).
 */

/** Splits CSV text into rows of raw field text. */
export function parseCsvText(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  // True once the current field has started (so an empty last field still counts).
  let fieldStarted = false;
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === ",") {
      row.push(field);
      field = "";
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      fieldStarted = false;
      i += ch === "\r" && src[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (fieldStarted || field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
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
