/**
 * Reading what people type as text into number, date and percent columns:
 * "300,000 CHF", "12 March 2025", "75%". A reading is offered as a fix only
 * when the text reads one way; "03/04/2025" (3 April or 4 March) is reported
 * with both readings and left alone.
 */
import { dateToSerial } from "../grid/cell";

export type DateReading =
  | { kind: "date"; serial: number; iso: string }
  | { kind: "ambiguous"; readings: string[] }
  | { kind: "none" };

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** 1–12 for a month name or its abbreviation of three letters or more ("Mar", "Sept", "March"). */
export function monthOfWord(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i < 0 ? null : i + 1;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 9999) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function dateOf(year: number, month: number, day: number): DateReading {
  if (!validDay(year, month, day)) return { kind: "none" };
  return { kind: "date", serial: dateToSerial(new Date(Date.UTC(year, month - 1, day))), iso: iso(year, month, day) };
}

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const NUMERIC_DATE = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})${TIME}$`);
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9}\.?),?[\s-]+(\d{4})$/;
const MONTH_DAY_YEAR = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;

/** What a date typed as text says, when it says one day. */
export function readDateText(text: string): DateReading {
  const t = text.trim();
  let m = ISO_DATE.exec(t);
  if (m) return dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_MONTH_YEAR.exec(t);
  if (m) {
    const month = monthOfWord(m[2]);
    return month ? dateOf(Number(m[3]), month, Number(m[1])) : { kind: "none" };
  }
  m = MONTH_DAY_YEAR.exec(t);
  if (m) {
    const month = monthOfWord(m[1]);
    return month ? dateOf(Number(m[3]), month, Number(m[2])) : { kind: "none" };
  }
  m = NUMERIC_DATE.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const yearText = m[4];
    const dayFirst = dateOf(Number(yearText.length === 2 ? `20${yearText}` : yearText), b, a);
    const monthFirst = dateOf(Number(yearText.length === 2 ? `20${yearText}` : yearText), a, b);
    const readings = [dayFirst, monthFirst].filter((r): r is Extract<DateReading, { kind: "date" }> => r.kind === "date");
    const distinct = [...new Set(readings.map((r) => r.iso))];
    // A two-digit year could be any century: a reading, not a fact.
    if (yearText.length === 2) return distinct.length ? { kind: "ambiguous", readings: distinct.map((d) => `${d} (if the year is 20${yearText})`) } : { kind: "none" };
    if (distinct.length === 1) return readings[0];
    if (distinct.length > 1) return { kind: "ambiguous", readings: distinct };
  }
  return { kind: "none" };
}

export type AmountReading =
  | { kind: "amount"; value: number; currency: string | null }
  | { kind: "ambiguous"; readings: number[]; currency: string | null }
  | { kind: "none" };

const CURRENCY_SIGNS: Record<string, string> = { "£": "GBP", $: "USD", "€": "EUR", "¥": "JPY", "₽": "RUB", "₹": "INR", "Fr.": "CHF" };
const CODE = "[A-Z]{3}";
const SIGN = "£|\\$|€|¥|₽|₹|Fr\\.";
const AMOUNT = new RegExp(
  String.raw`^(?:(${SIGN})|(${CODE}))?\s*(-)?\s*(?:(${SIGN})\s*)?(\d[\d,.\s']*)\s*(?:(${SIGN})|(${CODE}))?$`,
);

/** The number in digits with separators: "300,000", "1.234,56", "1 250". Ambiguous when a lone separator could be either. */
function digitsValue(raw: string, currency: boolean): number[] | null {
  const s = raw.replace(/[\s']/g, "");
  if (!/^\d[\d,.]*$/.test(s)) return null;
  const commas = (s.match(/,/g) ?? []).length;
  const dots = (s.match(/\./g) ?? []).length;
  const grouped = (sep: string) => new RegExp(String.raw`^\d{1,3}(?:[${sep}]\d{3})+$`);
  if (commas === 0 && dots === 0) return [Number(s)];
  if (commas > 0 && dots > 0) {
    const lastComma = s.lastIndexOf(",");
    const lastDot = s.lastIndexOf(".");
    const [group, decimal] = lastDot > lastComma ? [",", "."] : [".", ","];
    const [whole, frac] = s.split(decimal);
    if (s.split(decimal).length !== 2 || !grouped(group).test(whole) || !/^\d+$/.test(frac)) return null;
    return [Number(`${whole.split(group).join("")}.${frac}`)];
  }
  const sep = commas > 0 ? "," : ".";
  const count = commas + dots;
  if (count > 1) return grouped(sep).test(s) ? [Number(s.split(sep).join(""))] : null;
  const [whole, frac] = s.split(sep);
  if (frac.length !== 3) return [Number(`${whole}.${frac}`)];
  // "300,000": thousands, or three decimals. Money is not written to three decimals, so for an amount it reads one way.
  if (currency) return [Number(whole + frac)];
  return [Number(whole + frac), Number(`${whole}.${frac}`)];
}

/**
 * Accounting negatives: "(1,250.00)" and "1,250.00-" (ledger exports), and the
 * typographic minus. Returns the text left to read and whether it was negative;
 * null when two signs contradict or stack.
 */
function accountingSign(text: string): { rest: string; negative: boolean } | null {
  const t = text.trim().replace(/\u2212/g, "-");
  const bracketed = /^\((.*)\)$/.exec(t);
  // A minus before a currency ("-USD 40", "-£5") is the amount's sign too.
  const inner = bracketed ? bracketed[1] : /\d\s*-$/.test(t) ? t.replace(/\s*-$/, "") : /^-\s*[^\d\s-]/.test(t) ? t.replace(/^-\s*/, "") : undefined;
  if (inner === undefined) return { rest: t, negative: false };
  return /[()]|-\s*$/.test(inner) ? null : { rest: inner.trim(), negative: true };
}

/** An amount typed as text: "300,000 CHF", "£1,250.50", "EUR 40 000", "(1.250,00)", "1,250.00-". */
export function readAmountText(text: string, asCurrency: boolean): AmountReading {
  const signed = accountingSign(text);
  if (!signed) return { kind: "none" };
  const m = AMOUNT.exec(signed.rest);
  if (!m) return { kind: "none" };
  if (signed.negative && m[3]) return { kind: "none" };
  const signs = [m[1], m[4], m[6]].filter(Boolean);
  const codes = [m[2], m[7]].filter(Boolean);
  if (signs.length + codes.length > 1) return { kind: "none" };
  const currency = signs.length ? (CURRENCY_SIGNS[signs[0]] ?? null) : (codes[0] ?? null);
  const values = digitsValue(m[5], asCurrency || currency !== null);
  if (!values || values.some((v) => !Number.isFinite(v))) return { kind: "none" };
  const negative = Boolean(m[3]) || signed.negative;
  const readings = values.map((v) => (negative ? -v : v));
  return readings.length === 1 ? { kind: "amount", value: readings[0], currency } : { kind: "ambiguous", readings, currency };
}

/** "75%" or "12.5 %" as a fraction (0.75); null for anything else. */
export function readPercentText(text: string): number | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  return m ? Number(m[1]) / 100 : null;
}
