/** Reading one register cell as a number, a date or text, the way people type them. */
import { singleSpaced } from "../spaces";
import { nfkc } from "../nfkc";
import { isCellError } from "../grid/cell";
import { dateSerial } from "../validate/field-checks";
import type { CellRead } from "../validate/register-rows";
import { readAmountText, readPercentText } from "../validate/typed-text";

/** A number, or an amount typed as text that reads one way ("331,250 GBP"); null otherwise. */
export function amountOf(cell: CellRead | undefined): number | null {
  if (!cell) return null;
  const v = cell.value;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string" || v.trim() === "") return null;
  const pct = readPercentText(v);
  if (pct !== null) return pct;
  const r = readAmountText(v, true);
  return r.kind === "amount" ? r.value : null;
}

export function dateOf(cell: CellRead | undefined): number | null {
  return dateSerial(cell);
}

export function textOf(cell: CellRead | undefined): string {
  if (!cell || cell.value === null || isCellError(cell.value)) return "";
  return singleSpaced(String(cell.value));
}

/** Lower-case words for matching labels and statuses: "Date\nRaised:" → "date raised". */
export function wordsOf(text: string): string {
  return nfkc(text)
    .toLowerCase()
    .replace(/[:*?()[\]_.#]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
