/**
 * Plain strings a plan writes are text, always. Excel parses what arrives
 * through `range.values` as if typed: "=SUM(A1)" becomes a formula, "-5" and
 * "1,000" numbers, "2024-03-01" and "Mar 2024" dates, "TRUE" a boolean,
 * "#N/A" an error. A leading apostrophe is Excel's own "this is text" mark:
 * it is not part of the value (values and formulas read back without it), it
 * leaves the number format alone, and it is what a user typing the same text
 * would use. The other way, setting the "@" (Text) format first, would change
 * the cell's number format for good (the outline would show "@", and a later
 * formula typed there by the user would stay text), so it is not used.
 */

const MONTH_START = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?[\s\-/,]*\d/i;
const DAY_MONTH = /^\d/;

/** True when Excel would not keep this string as the same text if typed into a cell. */
export function excelWouldReinterpret(text: string): boolean {
  if (text === "") return false;
  // "'" itself: Excel would swallow a leading apostrophe as its text mark.
  if (/^[=+\-@']/.test(text)) return true;
  const t = text.trim();
  if (t !== text) return t === "" ? false : true;
  if (DAY_MONTH.test(t) || /^[.,$€£¥(%#]/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  if (MONTH_START.test(t)) return true;
  return false;
}

/** The string to send through `values` so the cell ends up holding exactly `text`. */
export function asExcelText(text: string): string {
  return excelWouldReinterpret(text) ? `'${text}` : text;
}
