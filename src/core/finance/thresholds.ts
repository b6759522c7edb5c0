/**
 * Variance RAG: a variance is past a line when it is larger than the line's
 * amount or its percentage of the base, whichever is greater ("±15,000 or
 * 10%, whichever is greater"). Green up to the amber line, amber up to the red
 * line, red beyond it (PMO reference §3).
 */
export interface VarianceThresholds {
  amberPercent: number;
  redPercent: number;
  amberAmount: number;
  redAmount: number;
}

export type Rag = "Green" | "Amber" | "Red";

/** The variance size a line allows at this base (percentages of the base's size). */
export function thresholdAt(base: number, percent: number, amount: number): number {
  return Math.max(amount, (percent / 100) * Math.abs(base));
}

/** null when there is no variance to judge. */
export function ragOf(variance: number | null, base: number | null, t: VarianceThresholds): Rag | null {
  if (variance === null || base === null) return null;
  const size = Math.abs(variance);
  if (size > thresholdAt(base, t.redPercent, t.redAmount)) return "Red";
  if (size > thresholdAt(base, t.amberPercent, t.amberAmount)) return "Amber";
  return "Green";
}

