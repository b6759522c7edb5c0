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
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
/**
 * An underscore a reader would take for the start of an escape, once the
 * characters after it are written: "_x0041" before "_" reads as an escape,
 * and so does "_x0041" before a character that is itself written as one
 * (`escaped`, a character class), or "_x0041\r" would be stored
 * "_x0041_x000D_" and read back "Ax000D_".
 */
const literalUnderscore = (escaped: string) => `_(?=x[0-9a-fA-F]{4}(?:_|${escaped}))`;
/** What cell text escapes: controls XML cannot hold, and a carriage return (written as is, an XML reader hands it back as a line feed). */
const CELL_ESCAPED = "[\\u0000-\\u0008\\u000b-\\u001f\\ufffe\\uffff]";
/** What a table column name escapes (an attribute): every control character, a line break and a tab among them. */
const NAME_ESCAPED = "[\\u0000-\\u001f]";
const CELL_TEXT_ESCAPES = new RegExp(`${literalUnderscore(CELL_ESCAPED)}|${CELL_ESCAPED}`);
const CELL_TEXT_ESCAPES_ALL = new RegExp(CELL_TEXT_ESCAPES.source, "g");
const NAME_ESCAPES = new RegExp(`${literalUnderscore(NAME_ESCAPED)}|${NAME_ESCAPED}`);
const NAME_ESCAPES_ALL = new RegExp(NAME_ESCAPES.source, "g");

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

/**
 * A table column name as its part holds it (an attribute), lower-case
 * escapes as Excel writes them there: control characters (a line break is
 * _x000a_) and an underscore a reader would take for an escape.
 */
export function encodeColumnName(name: string): string {
  if (!NAME_ESCAPES.test(name)) return name;
  return name.replace(NAME_ESCAPES_ALL, (c) => xstringEscape(c, true));
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
