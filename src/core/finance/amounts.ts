/**
 * Amounts as finance sheets hold them: numbers, or text a person typed
 * ("331,250 GBP", "(1.234,56)", "1,234-"). Text is read with the validation
 * reader; what cannot be read one way is reported, never taken as zero.
 */
import { isCellError, type CellValue } from "../grid/cell";
import { readAmountText } from "../validate/typed-text";

/** The tracker fields that hold money amounts. */
export const AMOUNT_FIELDS = ["budget", "approvedChanges", "committed", "actual", "forecast", "eac", "bac", "pv", "ev", "ac", "etcEstimate"] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

export type AmountCell =
  | { kind: "number"; value: number }
  | { kind: "text"; value: number; text: string }
  | { kind: "blank" }
  | { kind: "unreadable"; text: string };

export function readAmount(v: CellValue): AmountCell {
  if (v === null || v === undefined) return { kind: "blank" };
  if (typeof v === "number") return Number.isFinite(v) ? { kind: "number", value: v } : { kind: "unreadable", text: String(v) };
  if (typeof v === "boolean") return { kind: "unreadable", text: String(v) };
  if (isCellError(v)) return { kind: "unreadable", text: v.error };
  const text = v.trim();
  if (text === "" || /^[-–—]$/.test(text)) return { kind: "blank" };
  const r = readAmountText(text, true);
  return r.kind === "amount" ? { kind: "text", value: r.value, text } : { kind: "unreadable", text };
}
