/**
 * The nouns that name what a register records ("decision", "assumption",
 * "lesson"): a register's own kind shows in its id column ("Decision ID
 * Code", "Lesson No."), in the column that names the item ("Assumption"),
 * in the sheet's name and in the title above the header. Read by meaning,
 * these say which kind a block is far better than the words it shares with
 * every other register (date, owner, status).
 */
import type { Template } from "../templates/schema";
import type { HeaderWords } from "./normalise";

const NOUNS_BY_TEMPLATE: Record<string, string[]> = {
  risk: ["risk", "risks", "threat", "threats", "риск", "риска", "риски", "рисков"],
  issue: ["issue", "issues", "problem", "problems", "incident", "incidents", "defect", "defects", "проблема", "проблемы"],
  raid: ["raid"],
  "raid-risks": ["risk", "risks"],
  "raid-assumptions": ["assumption", "assumptions", "допущение", "допущения"],
  "raid-issues": ["issue", "issues"],
  "raid-dependencies": ["dependency", "dependencies", "dependent", "dependant", "зависимость", "зависимости"],
  change: ["change", "changes", "cr", "variation", "variations", "изменение", "изменения"],
  decision: ["decision", "decisions", "решение", "решения"],
  lessons: ["lesson", "lessons", "learned", "learnt", "learning", "learnings", "урок", "уроки"],
  benefits: ["benefit", "benefits", "выгода", "выгоды"],
  stakeholder: ["stakeholder", "stakeholders"],
  milestone: ["milestone", "milestones", "веха", "вехи"],
  budget: ["budget", "budgets", "бюджет"],
  evm: [],
  ledger: ["ledger", "transactions", "journal"],
};

/** Nouns of a template: built-ins by id; a PMO's own template by the kind it extends. */
export function kindNouns(t: Template): string[] {
  return NOUNS_BY_TEMPLATE[t.id] ?? NOUNS_BY_TEMPLATE[t.kind] ?? [];
}

const ALL_NOUNS = new Set(Object.values(NOUNS_BY_TEMPLATE).flat());

/** Words that make a header an identifier when they follow a noun: "Decision ID Code", "Lesson No.", "CR #". */
const ID_WORDS = new Set(["id", "no", "nr", "num", "number", "ref", "reference", "code", "#", "№", "номер", "key"]);

/**
 * The kind noun a header names an identifier for ("Decision ID Code" →
 * "decision"), or null. Short headers only: "Linked risk ids and notes on
 * them" is not an id column.
 */
export function idNounOf(h: HeaderWords): string | null {
  const t = h.baseTokens;
  if (t.length < 2 || t.length > 4) return null;
  if (!t.some((w) => ID_WORDS.has(w))) return null;
  const noun = t.find((w) => ALL_NOUNS.has(w));
  if (!noun) return null;
  // "Related risk ID", "Linked issue no": a reference to another register, not this one's id.
  if (t.some((w) => w === "linked" || w === "related" || w === "parent")) return null;
  return t.indexOf(noun) <= 1 ? noun : null;
}

/** The header is just the item itself ("Assumption", "Dependency description"). */
export function itemNounOf(h: HeaderWords): string | null {
  const t = h.baseTokens;
  if (t.length === 0 || t.length > 2 || !ALL_NOUNS.has(t[0])) return null;
  if (t.length === 2 && !["description", "name", "title", "details", "statement", "summary"].includes(t[1])) return null;
  return t[0];
}

/** How many of the template's nouns the context (sheet name, title rows) uses. */
export function contextMentions(t: Template, contextWords: readonly string[]): boolean {
  const nouns = kindNouns(t);
  return contextWords.some((w) => nouns.includes(w));
}
