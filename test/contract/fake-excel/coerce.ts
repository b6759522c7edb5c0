/**
 * What Excel does with a value written through `range.values` or
 * `range.formulas`: it parses text the way it parses typing. "=..." becomes a
 * formula, "12", "1,000", "50%", "TRUE", "2024-03-01" become numbers, booleans
 * and dates, "#N/A" an error; a leading apostrophe keeps the rest as text
 * (and is not part of the value); a cell formatted "@" keeps text as typed.
 * The fake parses the same way (en-US), so a host that forgets to protect
 * outside text is caught by the tests.
 */
import type { StoredValue } from "./state";

export type Written = { value: StoredValue; formula?: string; numberFormat?: string };

const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);
const NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?$/;
const EPOCH = Date.UTC(1899, 11, 30);

function toSerial(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return (t - EPOCH) / 86_400_000;
}

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!t || !/\d/.test(t) || !NUMBER.test(t)) return undefined;
  const n = Number(t.replace(/,/g, ""));
  return Number.isFinite(n) ? n : undefined;
}

/** Excel's reading of typed text in a cell whose format is `format`. */
export function coerceTyped(text: string, format: string | undefined): Written {
  if (text === "") return { value: null };
  if (format === "@") return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith("=")) return { value: null, formula: text };
  const trimmed = text.trim();
  const n = parseNumber(trimmed);
  if (n !== undefined) return { value: n };
  if (/^[+@]/.test(trimmed) || (trimmed.startsWith("-") && trimmed.length > 1)) {
    // Excel turns "+A1", "-A1" and "@X" into formulas.
    return { value: null, formula: `=${trimmed}` };
  }
  if (/^true$/i.test(trimmed)) return { value: true };
  if (/^false$/i.test(trimmed)) return { value: false };
  if (ERRORS.has(trimmed.toUpperCase())) return { value: { error: trimmed.toUpperCase() } };
  const pct = /^(.+)%$/.exec(trimmed);
  if (pct) {
    const p = parseNumber(pct[1] ?? "");
    if (p !== undefined) return { value: p / 100, numberFormat: "0%" };
  }
  const money = /^\$(.+)$/.exec(trimmed);
  if (money) {
    const m = parseNumber(money[1] ?? "");
    if (m !== undefined) return { value: m, numberFormat: "$#,##0.00" };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) {
    const s = toSerial(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (s !== undefined) return { value: s, numberFormat: "yyyy-mm-dd" };
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(trimmed);
  if (us) {
    const y = Number(us[3]);
    const s = toSerial(y < 100 ? 2000 + y : y, Number(us[1]), Number(us[2]));
    if (s !== undefined) return { value: s, numberFormat: "m/d/yyyy" };
  }
  const monthYear = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s-]+(\d{1,4})$/i.exec(trimmed);
  if (monthYear) {
    const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    const m = months.indexOf((monthYear[1] ?? "").toLowerCase()) + 1;
    const y = Number(monthYear[2]);
    const s = y > 31 ? toSerial(y, m, 1) : toSerial(new Date().getUTCFullYear(), m, y);
    if (s !== undefined) return { value: s, numberFormat: y > 31 ? "mmm-yy" : "d-mmm" };
  }
  return { value: text };
}

/** A value as it arrives through `range.values` (null = leave the cell as it is). */
export function coerceWritten(input: unknown, format: string | undefined): Written | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === "number") return { value: input };
  if (typeof input === "boolean") return { value: input };
  if (typeof input === "string") return coerceTyped(input, format);
  throw new Error(`InvalidArgument: a cell value must be a string, number or boolean, got ${JSON.stringify(input)}`);
}
