/** Findings as the Checks panel lists them: one group per rule, the rules with errors first. */
import type { Finding, Severity } from "../../../core/validate";

export interface FindingGroup {
  rule: string;
  /** The rule in words, for the group's heading. */
  title: string;
  findings: Finding[];
  counts: Record<Severity, number>;
}

const RULE_TITLES: Record<string, string> = {
  required: "Required fields left empty",
  type: "Values of the wrong type",
  allowed: "Values outside the allowed list",
  unique: "IDs used twice",
  "cell-error": "Cells showing an error",
  "closed-date": "Closed items without a good closed date",
  "high-risk-owner": "High risks without an owner or response",
  score: "Scores that disagree with probability × impact",
  residual: "Residual scores above inherent",
  overdue: "Overdue milestones",
  "variance-explanation": "Variances without an explanation",
  "review-date": "Open items past their review date",
  dropdown: "Drop-downs lost to a paste",
};

export function ruleTitle(rule: string): string {
  if (rule.startsWith("custom:")) return `Your rule: ${rule.slice("custom:".length).replace(/-/g, " ")}`;
  return RULE_TITLES[rule] ?? rule;
}

const WEIGHT: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const g = groups.get(f.rule) ?? { rule: f.rule, title: ruleTitle(f.rule), findings: [], counts: { error: 0, warning: 0, info: 0 } };
    g.findings.push(f);
    g.counts[f.severity]++;
    groups.set(f.rule, g);
  }
  const worst = (g: FindingGroup) => Math.min(...g.findings.map((f) => WEIGHT[f.severity]));
  return [...groups.values()].sort((a, b) => worst(a) - worst(b) || b.findings.length - a.findings.length || a.title.localeCompare(b.title));
}

/** "3 errors, 1 warning" (empty parts left out). */
export function countWords(counts: Record<Severity, number>): string {
  const parts = (["error", "warning", "info"] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s === "info" ? "note" : s}${counts[s] === 1 ? "" : "s"}`);
  return parts.join(", ") || "nothing";
}
