import type { DataValidation } from "../plan/edits";

/**
 * What validation finds, as data first: a problem is a union on `code` with
 * the values it is about; the sentence a person reads is made from it in
 * messages.ts. The pane, the CLI and the tests read the same findings.
 */

export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** Rule ids group findings in the summary and the Checks panel. Custom rules are "custom:<id>". */
export type RuleId =
  | "required"
  | "type"
  | "allowed"
  | "unique"
  | "cell-error"
  | "closed-date"
  | "high-risk-owner"
  | "score"
  | "residual"
  | "overdue"
  | "variance-explanation"
  | "review-date"
  | "dropdown"
  | `custom:${string}`;

export type Problem =
  | { code: "missing_required" }
  | { code: "cell_error"; error: string }
  | { code: "not_a_number"; text: string }
  | { code: "number_as_text"; text: string; value: number }
  | { code: "number_ambiguous"; text: string; readings: number[] }
  | { code: "amount_as_text"; text: string; value: number; currency: string | null; workbookCurrency: string }
  | { code: "not_whole"; value: number }
  | { code: "level_off_scale"; value: number; min: number; max: number }
  | { code: "level_word_unknown"; text: string; scale: string | null }
  | { code: "level_word_among_numbers"; text: string }
  | { code: "not_a_date"; text: string }
  | { code: "date_as_text"; text: string; iso: string }
  | { code: "date_ambiguous"; text: string; readings: string[] }
  | { code: "not_a_percent"; text: string }
  | { code: "percent_as_text"; text: string; value: number }
  | { code: "not_in_list"; text: string; allowed: string[]; suggestion?: string }
  | { code: "list_spelling"; text: string; canonical: string }
  | { code: "duplicate_id"; id: string; firstCell: string }
  | { code: "closed_without_date"; status: string }
  | { code: "closed_before_raised"; closed: string; raised: string }
  | { code: "high_risk_without"; band: string; missing: "owner" | "response" }
  | { code: "score_mismatch"; score: number; probability: number; impact: number }
  | { code: "residual_above_inherent"; residual: number; inherent: number }
  | { code: "milestone_overdue"; forecast: string }
  | { code: "variance_unexplained"; percent: number; threshold: number }
  | { code: "review_overdue"; review: string }
  | { code: "dropdown_missing"; cells: number; ranges: string[] }
  | { code: "custom"; text: string };

/** A change that puts a finding right without guessing: same meaning, stored as what it is; or a drop-down put back. */
export type SafeFix = ValueFix | DropdownFix;

/** The drop-down the column had, put back on the cells that lost it. */
export interface DropdownFix {
  dropdown: { ranges: string[]; validation: DataValidation };
  description: string;
}

export function isDropdownFix(fix: SafeFix): fix is DropdownFix {
  return "dropdown" in fix;
}

/** The same value stored as what it is. */
export interface ValueFix {
  value: string | number;
  /** Set with the value where the cell must also display it as a date. */
  numberFormat?: string;
  /** The fix in words: "write 300000 as a number". */
  description: string;
}

export interface Finding {
  sheet: string;
  /** A1 address of the cell, e.g. "F12". */
  cell: string;
  row: number;
  column: string;
  /** Canonical field id (PMO reference §1). */
  field: string;
  rule: RuleId;
  severity: Severity;
  problem: Problem;
  message: string;
  fix?: SafeFix;
}
