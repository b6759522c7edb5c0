/**
 * Names for the Excel tables a template creates: derived from the register
 * kind ("RiskRegister", "IssueLog"), made unique in the workbook (table names
 * are workbook-wide and compared without case), and valid for Excel: no
 * spaces, not a cell reference such as "R1C1" or "AB12".
 */
import type { TemplateKind } from "../templates/schema";

const BASE_NAMES: Record<TemplateKind, string> = {
  risk: "RiskRegister",
  issue: "IssueLog",
  raid: "RaidLog",
  change: "ChangeLog",
  decision: "DecisionLog",
  lessons: "LessonsLog",
  benefits: "BenefitsRegister",
  stakeholder: "StakeholderRegister",
  milestone: "MilestoneTracker",
  budget: "BudgetTracker",
  evm: "EarnedValue",
  ledger: "LedgerLines",
};

/** The first of Base, Base2, Base3... that no table (or defined name we know of) uses yet. */
export function uniqueTableName(kind: TemplateKind, taken: readonly string[]): string {
  const base = BASE_NAMES[kind];
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base}${n}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** The name a table of this kind would start from, for recognising ours. */
export function baseTableName(kind: TemplateKind): string {
  return BASE_NAMES[kind];
}
