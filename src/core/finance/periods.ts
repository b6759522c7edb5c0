/**
 * Reporting periods as trackers write them: dates ("Jan 2025" formatted
 * serials), "2025-01", "Jan-25", "001/2024" (period/fiscal year), "P3",
 * month names alone. Each gets a key that sorts in time order and a label.
 */
import { isDateFormat, serialToDate, type CellValue } from "../grid/cell";
import { monthOfWord } from "../validate/typed-text";

export interface Period {
  /** Sorts in time order: "2025-01", "2024-P003", "0000-03"; unknown words last, in order met. */
  key: string;
  label: string;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

function monthPeriod(year: number | null, month: number): Period {
  const label = year === null ? MONTHS[month - 1].replace(/^./, (c) => c.toUpperCase()) : `${year}-${pad(month)}`;
  return { key: `${year === null ? "0000" : year}-${pad(month)}`, label };
}

/** A month or period in a cell; null when the cell holds none. */
export function readPeriod(value: CellValue, format = "General"): Period | null {
  if (typeof value === "number") {
    if (isDateFormat(format) || value > 20000) {
      if (value < 1 || value > 2958465) return null;
      const d = serialToDate(value);
      return monthPeriod(d.getUTCFullYear(), d.getUTCMonth() + 1);
    }
    if (Number.isInteger(value) && value >= 1 && value <= 999) return { key: `0000-P${pad(value, 3)}`, label: `P${value}` };
    if (Number.isInteger(value) && value >= 1900 && value <= 2200) return { key: `${value}`, label: String(value) };
    return null;
  }
  if (typeof value !== "string") return null;
  const t = value.replace(/\s+/g, " ").trim();
  if (!t) return null;
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{1,3})[/.-](\d{4})$/.exec(t);
  if (m) return { key: `${m[2]}-P${pad(Number(m[1]), 3)}`, label: t };
  m = /^([A-Za-z]{3,9})\.?[ '\-/]*(\d{2}|\d{4})$/.exec(t);
  if (m && monthOfWord(m[1])) return monthPeriod(fullYear(m[2]), monthOfWord(m[1]) as number);
  m = /^([A-Za-z]{3,9})\.?$/.exec(t);
  if (m && monthOfWord(m[1])) return monthPeriod(null, monthOfWord(m[1]) as number);
  m = /^(?:p|period|m|month)\s*(\d{1,3})$/i.exec(t);
  if (m) return { key: `0000-P${pad(Number(m[1]), 3)}`, label: t };
  m = /^(?:fy\s*)?(\d{2}|\d{4})\s*q([1-4])$|^q([1-4])\s*(?:fy\s*)?(\d{2}|\d{4})$/i.exec(t);
  if (m) return { key: `${fullYear(m[1] ?? m[4])}-Q${m[2] ?? m[3]}`, label: t };
  return null;
}

/** A header that names a month ("Jan", "Jan-25", a date): the column holds that month's amounts. */
export function monthHeader(value: CellValue, format = "General"): Period | null {
  const p = readPeriod(value, format);
  if (!p) return null;
  if (typeof value === "number" && !isDateFormat(format)) return null; // a bare number over a column is not a month
  return /^(?:\d{4}|0000)-\d{2}$/.test(p.key) ? p : null;
}

/** Periods met in a column that no pattern reads get keys in the order they appear, after every known period. */
export function periodOrUnknown(value: CellValue, format: string, unknown: Map<string, Period>): Period | null {
  const p = readPeriod(value, format);
  if (p) return p;
  if (typeof value !== "string" || !value.trim()) return null;
  const label = value.trim();
  let u = unknown.get(label.toLowerCase());
  if (!u) unknown.set(label.toLowerCase(), (u = { key: `~${pad(unknown.size, 6)}`, label }));
  return u;
}
