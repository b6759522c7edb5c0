/**
 * What the Registers panel says about a register, in a PMO administrator's
 * words: how sure detection is, where the register sits, and how far it has
 * drifted from its template. Pure functions, so tests pin the sentences.
 */
import { LOW_CONFIDENCE, type DetectedRegister } from "../../../core/detect/detect";
import type { DriftFinding } from "../../../core/registers/drift";
import { driftSummary } from "../../../core/registers/messages";
import { BUILT_IN_TEMPLATES } from "../../../core/templates/catalogue";
import type { Template } from "../../../core/templates/schema";

export { driftSummary };

/** Headers hold line breaks ("Risk\nScore"); on one line they read as typed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A register's identity in the panel: sheet and header row survive an apply (the table name does not exist before it). */
export function registerKey(r: Pick<DetectedRegister, "sheet" | "headerRow">): string {
  return `${r.sheet}!${r.headerRow}`;
}

export type ConfidenceBand = "high" | "fair" | "low";

export interface ConfidenceWords {
  band: ConfidenceBand;
  /** The badge: "Sure" or "Check the mapping". */
  badge: string;
  /** False when a person should look at the mapping before applying. */
  sure: boolean;
  /** The sentence beside the badge. */
  words: string;
  /** Template fields whose column detection is unsure of. */
  weakFields: string[];
}

export function confidenceWords(r: DetectedRegister): ConfidenceWords {
  const weakFields = Object.entries(r.columns)
    .filter(([, c]) => c.lowConfidence)
    .map(([field]) => field);
  const confirmed = Object.values(r.columns).some((c) => c.source === "stored");
  const percent = Math.round(r.confidence * 100);
  const band: ConfidenceBand = r.confidence >= 0.8 ? "high" : r.confidence >= LOW_CONFIDENCE ? "fair" : "low";
  const doubts = r.doubts ?? [];
  const sure = (confirmed || (band !== "low" && !r.uncertainKind && doubts.length === 0)) && weakFields.length === 0;
  let words: string;
  if (confirmed) words = "Mapping confirmed earlier in this workbook";
  else if (r.uncertainKind) words = `Shaped like a register, but of uncertain kind (${percent}%): check its kind and mapping`;
  else if (band === "low") words = `Found with low confidence (${percent}%): it may not be a register`;
  else words = `Found with ${band} confidence (${percent}%)`;
  if (!confirmed && doubts.length) words += `; where it ends is in doubt: ${doubts[0]}`;
  if (weakFields.length) words += `; ${weakFields.length === 1 ? "1 column needs" : `${weakFields.length} columns need`} a check`;
  return { band, badge: sure ? "Sure" : "Check the mapping", sure, words, weakFields };
}

/** The template's name for a register's kind ("Risk register"), for the list. */
export function kindName(r: Pick<DetectedRegister, "kind" | "templateId">, templates: readonly Template[] = BUILT_IN_TEMPLATES): string {
  const t = templates.find((x) => x.id === r.templateId) ?? templates.find((x) => x.id === r.kind);
  return t?.name ?? r.kind;
}

/** "Rows 6–13 · columns B–N · header in row 5" */
export function whereWords(r: DetectedRegister): string {
  const rows = r.lastRow >= r.firstRow ? (r.firstRow === r.lastRow ? `Row ${r.firstRow}` : `Rows ${r.firstRow}–${r.lastRow}`) : "No rows yet";
  const table = r.table ? ` · table ${r.table}` : "";
  return `${rows} · columns ${r.firstColumn}–${r.lastColumn} · header in row ${r.headerRow}${table}`;
}

/** A finding's own sentence, starting with a capital, for the details list. */
export function findingSentence(f: DriftFinding): string {
  const m = oneLine(f.message);
  return m ? m[0].toUpperCase() + m.slice(1) + "." : "";
}
