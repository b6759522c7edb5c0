/** What reconciliation works on and gives back. Amounts inside core are whole cents. */

/** Which fields the key is made of: those both the tracker and the ledger have. */
export interface KeyFields {
  project: boolean;
  costCode: boolean;
  /** Periods on both sides: matched month by month, and timing differences found. */
  byPeriod: boolean;
}

export interface ReconcileFinding {
  source: "tracker" | "ledger";
  /** File name for the ledger (it is not in the workbook); sheet name for the tracker. */
  file?: string;
  sheet: string;
  cell: string;
  field: string;
  message: string;
}

/** One period as read: a key to match on ("2026-03", "FY2024-P01") and words to show. */
export interface PeriodRef {
  key: string;
  label: string;
}

/** Amounts that add up under one key and period. */
export interface AmountGroup {
  project: string;
  costCode: string;
  /** null when the side has no periods, or this line's period could not be read (then it is never matched). */
  period: PeriodRef | null;
  cents: number;
  /** Lines or rows that make it up. */
  count: number;
  /** Tracker: the cells of its actuals; ledger: the first document ids. */
  refs: string[];
}
