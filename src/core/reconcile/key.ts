/** The key a tracker row and a ledger line are matched on. */
import type { KeyFields, PeriodRef } from "./types";
import type { CellValue } from "../grid/cell";

/** A key cell as text: numbers as written ("1001"), text trimmed with its spaces collapsed. */
export function keyText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v.replace(/\s+/g, " ").trim();
  return "";
}

/** Case and spacing do not make two codes different ("PRJ-01" and "prj-01 "). */
export function groupKey(fields: KeyFields, project: string, costCode: string, period: PeriodRef | null): string {
  return [fields.project ? project.toLowerCase() : "", fields.costCode ? costCode.toLowerCase() : "", fields.byPeriod ? (period?.key ?? "?") : ""].join("\u0001");
}

/** The key without the period: timing differences pair periods within one of these. */
export function accountKey(fields: KeyFields, project: string, costCode: string): string {
  return groupKey({ ...fields, byPeriod: false }, project, costCode, null);
}
