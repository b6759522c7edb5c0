/**
 * A workbook described as data, to seed both hosts with the same starting
 * point: the fake Excel directly, the xlsx host through a file built with
 * ExcelJS. Strings are text as stored (never parsed); formulas are explicit.
 */
export type SeedCell = string | number | boolean | null | { formula: string } | { error: string };

export interface SheetSeed {
  name: string;
  visibility?: "visible" | "hidden" | "veryHidden";
  /** Top-left cell of `rows`; "A1" when omitted. */
  origin?: string;
  rows?: SeedCell[][];
  /** A1 range → number format. */
  numberFormats?: Record<string, string>;
  merges?: string[];
  /** Tables over existing cells (header row first). */
  tables?: { name: string; address: string; showTotals?: boolean }[];
}

export interface WorkbookSeed {
  sheets: SheetSeed[];
}
