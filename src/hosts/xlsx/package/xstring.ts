/**
 * Text in a package (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): a character
 * XML cannot hold is written _xHHHH_, so a text that itself reads _xHHHH_
 * is written with its underscore escaped (_x005F_xHHHH_), or Excel would
 * show the character instead of what was typed.
 */

/** `_xHHHH_` as Excel writes it in cell text and ExcelJS 4.4 reads it back: upper-case hex digits only. */
const ESCAPE = /_x([0-9A-F]{4})_/g;
/** `_xHHHH_` with hex digits of either case, as Excel writes them in a table part (a line break is _x000a_). */
const ESCAPE_ANY_CASE = /_x([0-9a-fA-F]{4})_/g;
const LITERAL_UNDERSCORE = /_(?=x[0-9a-fA-F]{4}_)/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// Cell text also escapes a carriage return (written as is, an XML reader hands it back as a line feed), and an
// underscore a reader would take for the start of an escape (either case: Excel reads both).
// eslint-disable-next-line no-control-regex
const CELL_TEXT_ESCAPES = /_(?=x[0-9a-fA-F]{4}_)|[\u0000-\u0008\u000b-\u000d\u000e-\u001f\ufffe\uffff]/;
const CELL_TEXT_ESCAPES_ALL = new RegExp(CELL_TEXT_ESCAPES.source, "g");

/** The escape of one character: `_x000D_` (or `_x000d_` with `lowerCase`). */
export function xstringEscape(c: string, lowerCase = false): string {
  const hex = c.charCodeAt(0).toString(16).padStart(4, "0");
  return `_x${lowerCase ? hex : hex.toUpperCase()}_`;
}

/** Characters XML 1.0 cannot hold, written the way Excel writes them (_xHHHH_). */
export function excelEscapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => xstringEscape(c));
}

/** Cell text (an inline or shared string) as the package holds it: every character read back as written. */
export function encodeXstring(s: string): string {
  // Most text has neither an underscore escape nor a control character: one test, no copy.
  if (!CELL_TEXT_ESCAPES.test(s)) return s;
  return s.replace(CELL_TEXT_ESCAPES_ALL, (c) => (c === "_" ? "_x005F_" : xstringEscape(c)));
}

/** An underscore a reader would take for the start of an escape, escaped (`_x005F_`, or `_x005f_` with `lowerCase`); nothing else. */
export function escapeLiteralUnderscores(s: string, lowerCase = false): string {
  return s.indexOf("_x") < 0 ? s : s.replace(LITERAL_UNDERSCORE, () => xstringEscape("_", lowerCase));
}

function decodeWith(s: string, pattern: RegExp): string {
  // The readers call this for every string they hand out: only text holding "_x" is worth a regular expression.
  return s.indexOf("_x") < 0 ? s : s.replace(pattern, (_w, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Cell text as Excel shows it: `_xHHHH_` escapes decoded (`_x005F_` is "_").
 * Upper-case digits only, as Excel writes them in cells and as ExcelJS
 * reads them, so the package reader and the workbook model read a cell alike.
 */
export function decodeXstring(s: string): string {
  return decodeWith(s, ESCAPE);
}

/** Text from a part Excel writes with lower-case escapes (a table's column names): either case decoded. */
export function decodeXstringAnyCase(s: string): string {
  return decodeWith(s, ESCAPE_ANY_CASE);
}
