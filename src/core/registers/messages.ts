/**
 * The English words for register drift and apply notes, in one place: the
 * task pane, the CLI and tests read the same codes and get the same sentences.
 */
import { andList } from "../and-list";
import type { Template } from "../templates/schema";
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

/** Why a computed column with the user's own formulas is left alone. */
export function ownFormulasNote(header: string, letter: string, cells: string[], example: string): string {
  const shown = example.length > 60 ? `${example.slice(0, 57)}…` : example;
  return `${header} (column ${letter}) holds your own formulas in ${cellsWord(cells.length)} (e.g. ${shown.startsWith("=") ? shown : `=${shown}`}); they are kept, not replaced by the template's`;
}

/** Typed-over or broken formula cells the plan leaves as they are, and how to choose otherwise. */
export function keptFormulaNote(header: string, field: string, cells: string[]): string {
  return `${header}: the formula is typed over or broken in ${cellsWord(cells.length)} (${cellList(cells)}); they are left as they are unless you choose to restore the formula (in the task pane's preview, or pmo apply --restore-formulas ${field})`;
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
      return `the ${d.header} formula was typed over in ${cellsWord(cells.length)} (${cellList(cells)}); left as typed unless you choose to restore the formula`;
    case "formula_broken":
      return `the ${d.header} formula is broken (#REF!) in ${cellsWord(cells.length)} (${cellList(cells)}); restored only if you choose to`;
    case "formula_unscaled":
      return `the ${d.header} formula multiplies levels written as words without looking them up, so it shows #VALUE! in ${cellsWord(cells.length)} (${cellList(cells)}); choose to restore the formula to score them on their scale`;
    case "level_off_scale":
      return `${cellsWord(cells.length)} of ${d.header} (${cellList(cells)}) ${cells.length === 1 ? "holds a level" : "hold levels"} not on the ${d.expected ?? ""} scale (${(d.values ?? []).slice(0, 5).map((v) => `“${v}”`).join(", ")}); their score stays empty until the level is one of the scale's`;
    case "own_formulas":
      return `the ${d.header} column holds your own formulas in ${cellsWord(cells.length)} (${cellList(cells)}); the toolkit keeps them`;
    case "value_not_allowed":
      return `${cellsWord(cells.length)} of ${d.header} (${cellList(cells)}) ${cells.length === 1 ? "holds a value" : "hold values"} outside the list (${(d.values ?? []).slice(0, 5).map((v) => `“${v}”`).join(", ")}); fix them by hand, the toolkit leaves them as they are`;
    case "number_format":
      return `${cellsWord(cells.length)} of ${d.header} (${cellList(cells)}) ${cells.length === 1 ? "is" : "are"} not formatted as ${d.expected ?? "the template says"}`;
  }
}

export function formatDrift(f: DriftFinding): string {
  return `${f.field}: ${f.message}`;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

function headerOf(field: string, template: Template | undefined): string {
  const c = template?.columns.find((x) => x.id === field);
  return (c?.header ?? field).replace(/\s+/g, " ").trim();
}

function cellsIn(findings: DriftFinding[]): number {
  return findings.reduce((n, f) => n + (f.cells?.length ?? 0), 0);
}

/**
 * "Is this register standard?" in one line: "2 columns missing, Status
 * drop-down lost on 3 cells". Empty when the register follows the template.
 */
export function driftSummary(findings: DriftFinding[], template: Template | undefined): string {
  const by = (code: DriftFinding["code"]) => findings.filter((f) => f.code === code);
  const parts: string[] = [];
  const missing = by("missing_column");
  if (missing.length) parts.push(count(missing.length, "column missing", "columns missing"));
  const renamed = by("renamed_column");
  if (renamed.length) parts.push(count(renamed.length, "column renamed", "columns renamed"));
  const lost = by("lost_dropdown");
  if (lost.length) {
    const names = lost.map((f) => headerOf(f.field, template));
    const cells = cellsIn(lost);
    const on = cells ? ` on ${count(cells, "cell", "cells")}` : "";
    parts.push(lost.length <= 2 ? `${andList(names)} ${lost.length === 1 ? "drop-down" : "drop-downs"} lost${on}` : `${lost.length} drop-downs lost${on}`);
  }
  for (const [code, verb] of [
    ["formula_broken", "broken"],
    ["formula_overwritten", "typed over"],
  ] as const) {
    const fs = by(code);
    if (!fs.length) continue;
    const what = fs.length === 1 ? `${headerOf(fs[0].field, template)} formula` : `${fs.length} formulas`;
    parts.push(`${what} ${verb} in ${count(cellsIn(fs), "cell", "cells")}`);
  }
  const unscaled = by("formula_unscaled");
  if (unscaled.length) parts.push(`${unscaled.length === 1 ? `${headerOf(unscaled[0].field, template)} formula` : `${unscaled.length} formulas`} not reading word levels in ${count(cellsIn(unscaled), "cell", "cells")}`);
  const offScale = by("level_off_scale");
  if (offScale.length) parts.push(`${count(cellsIn(offScale), "level", "levels")} off their scale`);
  const outside = by("value_not_allowed");
  if (outside.length) parts.push(`${count(cellsIn(outside), "value", "values")} outside the lists`);
  const formats = by("number_format");
  if (formats.length) parts.push(`${count(cellsIn(formats), "cell", "cells")} in another number format`);
  const text = parts.join(", ");
  return text ? text[0].toUpperCase() + text.slice(1) : "";
}
