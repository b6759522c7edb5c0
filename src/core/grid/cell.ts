/**
 * Cell values as both hosts report them. Dates are Excel serial numbers (as
 * Office.js gives them); the number format says they are dates. Errors in
 * cells are values, not exceptions.
 */
import { remember } from "../bounded-memo";

export interface CellError {
  error: string; // "#N/A", "#DIV/0!", "#REF!" ...
}

export type CellValue = string | number | boolean | null | CellError;

/** The texts Excel shows error values as: a read that has only texts cannot tell these from typed text. */
export const ERROR_TEXT = /^#(?:N\/A|NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|EXTERNAL!)$/;

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && typeof (v as CellError).error === "string";
}

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

/** Excel serial day number (1900 system, ignoring the phantom 1900-02-29 below day 61). */
export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY;
}

export function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * MS_PER_DAY));
}

/** "2026-03-31" for a serial day number. */
export function serialToIsoDate(serial: number): string {
  return serialToDate(serial).toISOString().slice(0, 10);
}

const dateFormats = new Map<string, boolean>();

/** A number format that displays a date (not merely a number that looks like one). */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  // A workbook uses a handful of formats over thousands of cells: each is read once (a bounded memo).
  let date = dateFormats.get(format);
  if (date === undefined) {
    const stripped = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
    date = remember(dateFormats, format, /[dmy]/i.test(stripped) && !/^[#0.,%\s]+$/.test(stripped), 1000);
  }
  return date;
}

/** Text a user cannot tell from a formula when Excel parses it. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}
