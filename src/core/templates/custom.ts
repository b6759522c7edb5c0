/**
 * A PMO manager's own template, as a JSON file: a whole template, or
 * `"extends": "risk"` plus the differences (extra columns, renamed headers,
 * other allowed values, another scale). Every problem comes back at once, each
 * naming the field it is about, so the file can be fixed in one pass.
 */
import "../zod-setup";
import { z } from "zod";
import { BUILT_IN_TEMPLATES, builtInTemplate } from "./catalogue";
import {
  COLUMN_TYPES,
  FIELD_REFERENCE,
  TEMPLATE_KINDS,
  ColumnTypeSchema,
  FieldIdSchema,
  RiskScalesSchema,
  TemplateColumnSchema,
  TemplateSchema,
  type Template,
  type TemplateColumn,
} from "./schema";

export interface TemplateProblem {
  /** Where in the file, e.g. `columns[3].type`; "" for the file as a whole. */
  path: string;
  message: string;
}

export type TemplateParse = { ok: true; value: Template } | { ok: false; errors: TemplateProblem[] };

/** A column in an `extends` file: only the id is needed when it changes a base column. */
const ColumnPatchSchema = TemplateColumnSchema.partial().extend({ id: FieldIdSchema }).strict();

const TemplateFileSchema = z
  .object({
    $schema: z.string().optional(),
    extends: z.string().optional(),
    id: TemplateSchema.shape.id,
    kind: TemplateSchema.shape.kind.optional(),
    name: z.string().trim().min(1).optional(),
    version: TemplateSchema.shape.version.optional(),
    variant: z.string().min(1).optional(),
    description: z.string().optional(),
    columns: z.array(ColumnPatchSchema).default([]),
    /** Base columns to leave out, by id. */
    removeColumns: z.array(FieldIdSchema).default([]),
    scales: RiskScalesSchema.optional(),
    /** The PMO's own declarative checks (see core/validate/custom-rules). */
    rules: TemplateSchema.shape.rules,
  })
  .strict();

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p as string | number];
  }
  return v;
}

function show(v: unknown): string {
  return typeof v === "string" ? `"${v}"` : JSON.stringify(v) ?? String(v);
}

/** zod's issue, reworded to say what was found and what is allowed. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): TemplateProblem {
  const path = formatPath(issue.path);
  const found = valueAt(raw, issue.path);
  const last = issue.path[issue.path.length - 1];
  if (found === undefined && (issue.code === "invalid_value" || issue.code === "invalid_type")) {
    return { path, message: "is missing" };
  }
  if (issue.code === "invalid_value" && last === "type") {
    return { path, message: `${show(found)} is not a column type; use one of ${COLUMN_TYPES.join(", ")}` };
  }
  if (issue.code === "invalid_value" && last === "kind") {
    return { path, message: `${show(found)} is not a register kind; use one of ${TEMPLATE_KINDS.join(", ")}` };
  }
  if (issue.code === "invalid_type") {
    return { path, message: `${show(found)} is not ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}` };
  }
  if (issue.code === "unrecognized_keys") {
    return { path, message: `unknown ${issue.keys.length > 1 ? "keys" : "key"} ${issue.keys.map(show).join(", ")}; check the spelling` };
  }
  return { path, message: found === undefined ? issue.message : `${show(found)}: ${issue.message}` };
}

function mergeColumns(base: TemplateColumn[], patches: z.infer<typeof ColumnPatchSchema>[], removed: string[], errors: TemplateProblem[]): TemplateColumn[] {
  const byId = new Map(base.map((c) => [c.id, c]));
  removed.forEach((id, i) => {
    if (!byId.has(id)) errors.push({ path: `removeColumns[${i}]`, message: `the base template has no column "${id}"` });
    byId.delete(id);
  });
  const added: TemplateColumn[] = [];
  patches.forEach((p, i) => {
    const existing = byId.get(p.id);
    if (existing) {
      byId.set(p.id, { ...existing, ...stripUndefined(p) });
      return;
    }
    const full = TemplateColumnSchema.safeParse(p);
    if (full.success) added.push(full.data);
    else
      for (const issue of full.error.issues) {
        const problem = describeIssue(issue, p);
        errors.push({ path: `columns[${i}]${problem.path ? "." + problem.path : ""}`, message: `${problem.message} (a new column needs id, header and type)` });
      }
  });
  return [...base.filter((c) => byId.has(c.id)).map((c) => byId.get(c.id) as TemplateColumn), ...added];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Checks that span columns: duplicates, formula references, list values, bands. */
function crossCheck(t: Template, errors: TemplateProblem[], fileIndex: (id: string, index: number) => number | undefined): void {
  // Point at the column as it is written in the file; inherited columns are named by id.
  const at = (i: number, key: string) => {
    const k = fileIndex(t.columns[i].id, i);
    return k === undefined ? `columns (inherited "${t.columns[i].id}").${key}` : `columns[${k}].${key}`;
  };
  const ids = new Set<string>();
  const headers = new Map<string, number>();
  t.columns.forEach((c, i) => {
    if (ids.has(c.id)) errors.push({ path: at(i, "id"), message: `"${c.id}" is used by two columns; ids must be unique` });
    ids.add(c.id);
    const h = c.header.trim().toLowerCase();
    if (headers.has(h)) errors.push({ path: at(i, "header"), message: `"${c.header}" is also the header of column "${t.columns[headers.get(h) ?? 0].id}"; Excel tables need unique headers` });
    else headers.set(h, i);
  });
  t.columns.forEach((c, i) => {
    if (c.allowedValues && c.type !== "list" && c.type !== "level") {
      errors.push({ path: at(i, "allowedValues"), message: `allowed values need type "list" or "level", not "${c.type}"` });
    }
    if (c.allowedValues && c.allowedValues.join(",").length > 255) {
      errors.push({ path: at(i, "allowedValues"), message: "the list is longer than Excel's 255-character limit for typed lists; keep it shorter or use a lookup sheet" });
    }
    if (c.formula) {
      for (const m of c.formula.matchAll(FIELD_REFERENCE)) {
        if (!ids.has(m[1])) errors.push({ path: at(i, "formula"), message: `[${m[1]}] is not a column of this template` });
        if (m[1] === c.id) errors.push({ path: at(i, "formula"), message: `the formula refers to its own column [${c.id}]` });
      }
    }
  });
  if (t.scales) {
    const bands = [...t.scales.bands].map((b, i) => ({ b, i })).sort((x, y) => x.b.min - y.b.min);
    bands.forEach(({ b, i }, k) => {
      if (b.min > b.max) errors.push({ path: `scales.bands[${i}]`, message: `band "${b.name}" has min ${b.min} above max ${b.max}` });
      const prev = bands[k - 1];
      if (prev && b.min <= prev.b.max) errors.push({ path: `scales.bands[${i}]`, message: `band "${b.name}" overlaps band "${prev.b.name}"` });
    });
  }
}

/** Validates a template file's text; `fileName` only goes into messages. */
export function parseTemplateFile(jsonText: string, fileName: string): TemplateParse {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText.charCodeAt(0) === 0xfeff ? jsonText.slice(1) : jsonText);
  } catch (e) {
    return { ok: false, errors: [{ path: "", message: `${fileName} is not valid JSON (${(e as Error).message}); check for a missing comma or quote` }] };
  }
  const parsed = TemplateFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => describeIssue(i, raw)) };
  const file = parsed.data;
  const errors: TemplateProblem[] = [];

  let template: Template;
  if (file.extends !== undefined) {
    const base = builtInTemplate(file.extends);
    if (!base) {
      return {
        ok: false,
        errors: [{ path: "extends", message: `"${file.extends}" is not a built-in template; use one of ${BUILT_IN_TEMPLATES.map((t) => t.id).join(", ")}` }],
      };
    }
    if (file.kind && file.kind !== base.kind) errors.push({ path: "kind", message: `"${file.kind}" differs from the kind of "${base.id}" (${base.kind}); leave kind out` });
    template = {
      ...base,
      id: file.id,
      name: file.name ?? `${base.name} (${file.id})`,
      version: file.version ?? "1.0.0",
      variant: file.variant ?? base.variant,
      description: file.description ?? base.description,
      columns: mergeColumns(base.columns, file.columns, file.removeColumns, errors),
      scales: file.scales ?? base.scales,
      ...(file.rules ?? base.rules ? { rules: file.rules ?? base.rules } : {}),
    };
  } else {
    for (const key of ["kind", "name", "version"] as const) {
      if (file[key] === undefined) errors.push({ path: key, message: `is missing (needed unless the template "extends" a built-in one)` });
    }
    if (file.removeColumns.length) errors.push({ path: "removeColumns", message: `only makes sense with "extends"` });
    const columns: TemplateColumn[] = [];
    file.columns.forEach((c, i) => {
      const full = TemplateColumnSchema.safeParse(c);
      if (full.success) columns.push(full.data);
      else
        for (const issue of full.error.issues) {
          const problem = describeIssue(issue, c);
          errors.push({ path: `columns[${i}]${problem.path ? "." + problem.path : ""}`, message: problem.message });
        }
    });
    if (file.columns.length === 0) errors.push({ path: "columns", message: "a template needs at least one column" });
    if (errors.length) return { ok: false, errors };
    template = stripUndefined({
      id: file.id,
      kind: file.kind,
      name: file.name,
      version: file.version,
      variant: file.variant,
      description: file.description,
      columns,
      scales: file.scales,
      rules: file.rules,
    }) as Template;
  }
  const whole = TemplateSchema.safeParse(template);
  if (!whole.success) errors.push(...whole.error.issues.map((i) => describeIssue(i, template)));
  else {
    const written = new Map<string, number>();
    file.columns.forEach((c, i) => {
      if (!written.has(c.id)) written.set(c.id, i);
    });
    crossCheck(whole.data, errors, file.extends === undefined ? (_id, i) => i : (id) => written.get(id));
  }
  if (whole.success) {
    // A rule about a field the template does not have would never fire: say so now, not silently later.
    const ids = new Set(whole.data.columns.map((c) => c.id));
    (whole.data.rules ?? []).forEach((r, i) => {
      for (const [key, field] of [["field", r.field], ["when.field", r.when?.field], ["other", r.check === "notBefore" ? r.other : undefined]] as const) {
        if (field !== undefined && !ids.has(field)) errors.push({ path: `rules[${i}].${key}`, message: `"${field}" is not a column of this template` });
      }
    });
  }
  if (errors.length || !whole.success) return { ok: false, errors };
  return { ok: true, value: whole.data };
}

/** The template as a self-contained JSON file (no `extends`) that parses back to the same template. */
export function exportTemplate(template: Template): string {
  return JSON.stringify(TemplateSchema.parse(template), null, 2) + "\n";
}

/** The column types, for editors that offer them. */
export const columnTypes = ColumnTypeSchema.options;
