/**
 * The mapping editor's model: for each template field, which of the
 * register's header columns holds it, or none. Turned back into a register
 * whose columns the apply planner places as a person said.
 */
import { columnIndex } from "../../../core/grid/address";
import type { DetectedRegister, MappedColumn } from "../../../core/detect/detect";
import type { Template } from "../../../core/templates/schema";
import { oneLine } from "./registerWords";

/** Field id → column letter, or null for "not in this register". */
export type ColumnMapping = Record<string, string | null>;

export interface HeaderColumn {
  /** Column letter, e.g. "C". */
  column: string;
  /** The header as written, on one line. */
  header: string;
}

/** The register's header columns, left to right (mapped and unmapped alike). */
export function headerColumns(r: DetectedRegister): HeaderColumn[] {
  const seen = new Map<string, string>();
  for (const c of Object.values(r.columns)) seen.set(c.column, c.header);
  for (const u of r.unmapped) if (!seen.has(u.column)) seen.set(u.column, u.header);
  return [...seen.entries()]
    .map(([column, header]) => ({ column, header: oneLine(header) }))
    .sort((a, b) => (columnIndex(a.column) ?? 0) - (columnIndex(b.column) ?? 0));
}

/** Detection's mapping for the template's fields. */
export function detectedMapping(r: DetectedRegister, template: Template): ColumnMapping {
  return Object.fromEntries(template.columns.map((c) => [c.id, r.columns[c.id]?.column ?? null]));
}

export function sameMapping(a: ColumnMapping, b: ColumnMapping): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
}

/** Field id → message, for every field that shares its column with another: a column holds one field. */
export function mappingProblems(mapping: ColumnMapping, template: Template, headers: HeaderColumn[]): Record<string, string> {
  const byColumn = new Map<string, string[]>();
  for (const c of template.columns) {
    const letter = mapping[c.id];
    if (letter) byColumn.set(letter, [...(byColumn.get(letter) ?? []), c.id]);
  }
  const headerOf = (id: string) => oneLine(template.columns.find((x) => x.id === id)?.header ?? id);
  const problems: Record<string, string> = {};
  for (const [letter, fields] of byColumn) {
    if (fields.length < 2) continue;
    const header = headers.find((h) => h.column === letter)?.header ?? letter;
    for (const id of fields) {
      const others = fields.filter((f) => f !== id).map(headerOf);
      problems[id] = `Column ${letter} (“${header}”) is also chosen for ${others.join(" and ")}. A column holds one field: choose another, or “not in this register”.`;
    }
  }
  return problems;
}

/**
 * The register with its columns as the person mapped them: chosen columns are
 * certain (source "stored"), fields set to none are left out so the template
 * adds them, and every other header column is unmapped.
 */
export function withMapping(r: DetectedRegister, mapping: ColumnMapping, template: Template): DetectedRegister {
  const raw = new Map<string, string>();
  for (const c of Object.values(r.columns)) raw.set(c.column, c.header);
  for (const u of r.unmapped) if (!raw.has(u.column)) raw.set(u.column, u.header);
  const columns: Record<string, MappedColumn> = {};
  for (const c of template.columns) {
    const letter = mapping[c.id];
    if (!letter) continue;
    columns[c.id] = { header: raw.get(letter) ?? letter, column: letter, confidence: 1, lowConfidence: false, source: "stored" };
  }
  const used = new Set(Object.values(columns).map((c) => c.column));
  const unmapped = headerColumns(r)
    .filter((h) => !used.has(h.column))
    .map((h) => ({ header: raw.get(h.column) ?? h.header, column: h.column }));
  return { ...r, columns, unmapped };
}
