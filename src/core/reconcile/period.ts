/**
 * Reading the period a ledger line or tracker row belongs to. Finance exports
 * and trackers write one month many ways ("2026-03", "Mar-26", "03/2026", a
 * date, an Excel serial, "202603"); all read to one key so they can be matched.
 * Fiscal periods ("001/2024", "FY26 P03") keep their own key: which calendar
 * month they are depends on a fiscal year start the file does not say, so they
 * match only fiscal periods. A text that reads as two different months is
 * ambiguous and reported, never guessed.
 */
import { isDateFormat, serialToDate, type CellValue } from "../grid/cell";
import { monthOfWord, readDateText } from "../validate/typed-text";

export type PeriodReading =
  | { kind: "period"; key: string; label: string }
  | { kind: "ambiguous"; readings: string[] }
  | { kind: "none" };

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function fullYear(text: string): number {
  // Two-digit years in finance periods ("Mar-26", "FY26") are this century.
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

export function calendarPeriod(year: number, month: number): PeriodReading {
  if (month < 1 || month > 12 || year < 1900 || year > 9999) return { kind: "none" };
  return { kind: "period", key: `${year}-${String(month).padStart(2, "0")}`, label: `${MONTH_NAMES[month - 1]} ${year}` };
}

function fiscalPeriod(year: number, period: number): PeriodReading {
  // Up to 16: ERP ledgers carry special closing periods 13–16 after the twelve.
  if (period < 1 || period > 16 || year < 1900 || year > 9999) return { kind: "none" };
  const p = String(period).padStart(2, "0");
  return { kind: "period", key: `FY${year}-P${p}`, label: `FY${year} P${p}` };
}

/** Serial days Excel uses for 1990..2100: a bare number in that range in a period column is a date. */
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73415;

function periodOfSerial(serial: number): PeriodReading {
  const d = serialToDate(serial);
  return calendarPeriod(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

function periodOfNumber(n: number, numberFormat: string | undefined): PeriodReading {
  if (!Number.isFinite(n)) return { kind: "none" };
  if (isDateFormat(numberFormat) || (n >= SERIAL_MIN && n <= SERIAL_MAX)) return periodOfSerial(n);
  if (Number.isInteger(n) && n >= 190001 && n <= 999912) return calendarPeriod(Math.floor(n / 100), n % 100);
  if (Number.isInteger(n) && n >= 1 && n <= 12) return { kind: "ambiguous", readings: [`month ${n} of a year the cell does not say`] };
  return { kind: "none" };
}

const YEAR_MONTH = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/;
const COMPACT = /^(\d{4})(\d{2})$/;
const FISCAL_SAP = /^(\d{3})\s*[/.]\s*(\d{4})$/;
const FISCAL_YEAR_FIRST = /^(?:FY)?\s*'?(\d{4}|\d{2})\s*[-/ ]?\s*P(?:eriod)?\s*(\d{1,3})$/i;
const FISCAL_PERIOD_FIRST = /^P(?:eriod)?\s*(\d{1,3})\s*[-/ ]?\s*FY\s*'?(\d{4}|\d{2})$/i;
const WORD_YEAR = /^([A-Za-z]{3,9}\.?)[\s\-/'’,]*(\d{4}|\d{2})$/;
const YEAR_WORD = /^(\d{4})[\s\-/]*([A-Za-z]{3,9}\.?)$/;

function periodOfText(raw: string): PeriodReading {
  const t = raw.trim();
  if (!t) return { kind: "none" };
  let m = YEAR_MONTH.exec(t) ?? COMPACT.exec(t);
  if (m) return calendarPeriod(Number(m[1]), Number(m[2]));
  m = MONTH_YEAR.exec(t);
  if (m) return calendarPeriod(Number(m[2]), Number(m[1]));
  m = FISCAL_SAP.exec(t);
  if (m) return fiscalPeriod(Number(m[2]), Number(m[1]));
  m = FISCAL_YEAR_FIRST.exec(t);
  if (m) return fiscalPeriod(fullYear(m[1]), Number(m[2]));
  m = FISCAL_PERIOD_FIRST.exec(t);
  if (m) return fiscalPeriod(fullYear(m[2]), Number(m[1]));
  m = WORD_YEAR.exec(t);
  if (m) {
    const month = monthOfWord(m[1]);
    if (month) return calendarPeriod(fullYear(m[2]), month);
  }
  m = YEAR_WORD.exec(t);
  if (m) {
    const month = monthOfWord(m[2]);
    if (month) return calendarPeriod(Number(m[1]), month);
  }
  if (/^\d+(\.\d+)?$/.test(t)) return periodOfNumber(Number(t), undefined);
  const date = readDateText(t);
  if (date.kind === "date") return periodOfSerial(date.serial);
  if (date.kind === "ambiguous") {
    const months = [...new Set(date.readings.map((r) => r.slice(0, 7)))];
    // "05/05/2026" reads two ways but both are May 2026: the period is sure.
    if (months.length === 1 && !date.readings.some((r) => r.includes("if the year"))) {
      return calendarPeriod(Number(months[0].slice(0, 4)), Number(months[0].slice(5, 7)));
    }
    return { kind: "ambiguous", readings: date.readings };
  }
  return { kind: "none" };
}

/** The period a cell says, from its value and (for numbers) its number format. */
export function readPeriod(value: CellValue, numberFormat?: string): PeriodReading {
  if (typeof value === "number") return periodOfNumber(value, numberFormat);
  if (typeof value === "string") return periodOfText(value);
  return { kind: "none" };
}

/** Whether two period keys are of one calendar (months with months, fiscal periods with fiscal periods). */
export function samePeriodFamily(a: string, b: string): boolean {
  return a.startsWith("FY") === b.startsWith("FY");
}
