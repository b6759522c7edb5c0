/**
 * A1 addresses as plain data plus free functions. Rows and columns are
 * 1-based, as in Excel and in the CLI contract. Parsers return `undefined`
 * for bad input instead of throwing, so callers decide what a bad address
 * means in their context (a user typo, a corrupt file, a programmer error).
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface CellAddress {
  row: number;
  col: number;
}

export interface RangeAddress {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function columnLetter(col: number): string {
  if (!Number.isInteger(col) || col < 1 || col > MAX_COLUMNS) {
    throw new RangeError(`column index out of range: ${col}`);
  }
  let n = col;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnIndex(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n <= MAX_COLUMNS ? n : undefined;
}

export function cellAddress(row: number, col: number): CellAddress {
  return { row, col };
}

export function formatCell(a: CellAddress): string {
  return `${columnLetter(a.col)}${a.row}`;
}

export function parseCell(text: string): CellAddress | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
  if (!m) return undefined;
  const col = columnIndex(m[1]);
  const row = Number(m[2]);
  if (col === undefined || row < 1 || row > MAX_ROWS) return undefined;
  return { row, col };
}

/** A range from its top-left cell and size (HyperFormula's `spanFrom`). */
export function spanFrom(topLeft: CellAddress, width: number, height: number): RangeAddress {
  return { top: topLeft.row, left: topLeft.col, bottom: topLeft.row + height - 1, right: topLeft.col + width - 1 };
}

export function rangeWidth(r: RangeAddress): number {
  return r.right - r.left + 1;
}

export function rangeHeight(r: RangeAddress): number {
  return r.bottom - r.top + 1;
}

export function formatRange(r: RangeAddress): string {
  const a = formatCell({ row: r.top, col: r.left });
  if (r.top === r.bottom && r.left === r.right) return a;
  return `${a}:${formatCell({ row: r.bottom, col: r.right })}`;
}

/** Parses "B3", "B3:D10" or "$B$3:$D$10"; ignores a leading "Sheet!" part. */
export function parseRange(text: string): RangeAddress | undefined {
  const bang = text.lastIndexOf("!");
  const body = bang >= 0 ? text.slice(bang + 1) : text;
  const [first, second, extra] = body.split(":");
  if (extra !== undefined) return undefined;
  const a = parseCell(first ?? "");
  if (!a) return undefined;
  const b = second === undefined ? a : parseCell(second);
  if (!b) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

export function isRangeAddress(x: unknown): x is RangeAddress {
  if (typeof x !== "object" || x === null) return false;
  const r = x as Record<string, unknown>;
  return ["top", "left", "bottom", "right"].every((k) => typeof r[k] === "number");
}

export function rangesIntersect(a: RangeAddress, b: RangeAddress): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function rangeContains(outer: RangeAddress, inner: RangeAddress): boolean {
  return outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;
}

export function addressKey(sheet: string, a: CellAddress): string {
  return `${sheet}!${formatCell(a)}`;
}

/** Sheet name as it must appear in a formula reference: quoted when needed. */
export function quoteSheetName(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
