/**
 * Amounts as finance and trackers hold them: numbers, or text with currency
 * signs, either thousands convention, brackets or a trailing minus. Kept in
 * whole cents so a million lines add up exactly; an amount that cannot be read
 * is a problem to report, never a zero.
 */
import { isBlank, isCellError, type CellValue } from "../grid/cell";
import { readAmountText } from "../validate/typed-text";

export type CentsReading = { kind: "cents"; cents: number } | { kind: "blank" } | { kind: "unreadable"; reason: string };

function toCents(value: number): number {
  return Math.round(value * 100);
}

function money(n: number): string {
  return n.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function readCents(value: CellValue): CentsReading {
  if (value === null || isBlank(value)) return { kind: "blank" };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "cents", cents: toCents(value) } : { kind: "unreadable", reason: "is not a finite number" };
  if (isCellError(value)) return { kind: "unreadable", reason: `holds the error ${value.error}` };
  if (typeof value === "boolean") return { kind: "unreadable", reason: `holds ${value ? "TRUE" : "FALSE"}, not an amount` };
  const reading = readAmountText(value, true);
  if (reading.kind === "amount") return { kind: "cents", cents: toCents(reading.value) };
  if (reading.kind === "ambiguous") return { kind: "unreadable", reason: `“${value}” reads as ${reading.readings.map(money).join(" or ")}` };
  return { kind: "unreadable", reason: `“${value}” is not an amount` };
}

/** Cents back to the currency's units, for sheets and JSON. */
export function fromCents(cents: number): number {
  return cents / 100;
}
