/** `pmo templates`: the built-in register templates, with their columns. */
import { BUILT_IN_TEMPLATES } from "../../core/templates/catalogue";
import type { Template } from "../../core/templates/schema";
import { alignColumns, plural } from "../format";
import type { CliIo } from "../io";

export interface TemplatesOptions {
  json: boolean;
}

export function templatesJson(templates: readonly Template[] = BUILT_IN_TEMPLATES): unknown {
  return {
    templates: templates.map((t) => ({
      id: t.id,
      kind: t.kind,
      name: t.name,
      version: t.version,
      ...(t.variant ? { variant: t.variant } : {}),
      ...(t.description ? { description: t.description } : {}),
      columns: t.columns.map((c) => ({
        id: c.id,
        header: c.header,
        type: c.type,
        required: c.required,
        ...(c.allowedValues ? { allowedValues: c.allowedValues } : {}),
        ...(c.formula ? { formula: c.formula } : {}),
      })),
    })),
  };
}

export async function templates(options: TemplatesOptions, io: CliIo): Promise<void> {
  if (options.json) {
    io.out(JSON.stringify(templatesJson(), null, 2));
    return;
  }
  const lines = [`${plural(BUILT_IN_TEMPLATES.length, "built-in template")}:`, ""];
  lines.push(...alignColumns([["  Id", "Kind", "Version", "Columns", "Name"], ...BUILT_IN_TEMPLATES.map((t) => [`  ${t.id}`, t.kind, t.version, String(t.columns.length), t.name])]));
  lines.push("", "Use one with: pmo apply <id> <workbook> --out FILE (or a JSON template file in place of the id).");
  io.out(lines.join("\n"));
}
