/**
 * The English words for register drift and apply notes, in one place: the
 * task pane, the CLI and tests read the same codes and get the same sentences.
 */
import type { DriftCode, DriftFinding } from "./drift";

export function cellList(cells: string[], max = 8): string {
  const shown = cells.slice(0, max).join(", ");
  return cells.length > max ? `${shown} and ${cells.length - max} more` : shown;
}

function cellsWord(n: number): string {
  return n === 1 ? "1 cell" : `${n.toLocaleString("en-GB")} cells`;
}

/** What the preview says when a plan puts a computed column's formula back. */
export function restoreLabel(header: string, cells: string[]): string {
  return `restores the ${header} formula in ${cellsWord(cells.length)} (${cellList(cells)})`;
}

export interface DriftDetails {
  code: DriftCode;
  header: string;
  cells?: string[];
  found?: string;
  expected?: string;
  values?: string[];
}

export function driftMessage(d: DriftDetails): string {
  const cells = d.cells ?? [];
  switch (d.code) {
    case "missing_column":
      return `the ${d.header} column is missing; applying the template adds it at the end of the table`;
    case "renamed_column":
      return `the ${d.expected ?? d.header} column is now headed “${d.found ?? ""}”; the stored mapping says “${d.header}”`;
    case "lost_dropdown":
      return cells.length
        ? `the ${d.header} drop-down is missing in ${cellsWord(cells.length)} (${cellList(cells)}); applying the template puts it back`
        : `the ${d.header} drop-down is missing on part or all of the column; applying the template puts it back`;
    case "formula_overwritten":
      return `the ${d.header} formula was typed over in ${cellsWord(cells.length)} (${cellList(cells)}); applying the template restores it`;
    case "formula_broken":
      return `the ${d.header} formula is broken (#REF!) in ${cellsWord(cells.length)} (${cellList(cells)}); applying the template restores it`;
    case "value_not_allowed":
      return `${cellsWord(cells.length)} of ${d.header} (${cellList(cells)}) ${cells.length === 1 ? "holds a value" : "hold values"} outside the list (${(d.values ?? []).slice(0, 5).map((v) => `“${v}”`).join(", ")}); fix them by hand, the toolkit leaves them as they are`;
    case "number_format":
      return `${cellsWord(cells.length)} of ${d.header} (${cellList(cells)}) ${cells.length === 1 ? "is" : "are"} not formatted as ${d.expected ?? "the template says"}`;
  }
}

export function formatDrift(f: DriftFinding): string {
  return `${f.field}: ${f.message}`;
}
