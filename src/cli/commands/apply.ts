/**
 * `pmo apply <template> <workbook>`: applies a register template in place.
 * The template is a built-in id or a JSON template file. With --dry-run the
 * plan is printed and nothing is written; otherwise the plan is applied and
 * the result saved to --out FILE or, with --in-place, over the input after a
 * backup. A workbook that already follows the template gives an empty plan.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { describe, describeEdit } from "../../core/plan/describe";
import type { Plan } from "../../core/plan/plan";
import { formatDrift } from "../../core/registers/messages";
import type { DriftFinding } from "../../core/registers/drift";
import { BUILT_IN_TEMPLATES, builtInTemplate } from "../../core/templates/catalogue";
import { parseTemplateFile } from "../../core/templates/custom";
import type { Template } from "../../core/templates/schema";
import { openWorkbookForChange, saveWorkbookFile } from "../../hosts/xlsx/workbook-file";
import { planTemplateApplication, type TemplateApplication } from "../../jobs/registers/apply";
import { EXIT, ExitError } from "../errors";
import type { CliIo } from "../io";
import type { OutputTarget } from "../options";

export interface ApplyOptions {
  template: string;
  workbook: string;
  sheet?: string;
  /** The register's header row on `sheet`, as the person says. */
  headerRow?: number;
  /** Computed columns (field ids) whose typed-over or broken formulas are put back. */
  restoreFormulas?: string[];
  /** Absent only with --dry-run. */
  target?: OutputTarget;
  dryRun: boolean;
  /** Write in place even where saving cannot keep something the plan breaks (said on stderr). */
  acceptLoss: boolean;
  json: boolean;
}

/** The template named on the command line, or a message naming what is wrong (and, for a file, which field). */
export async function resolveTemplate(arg: string, cwd: string): Promise<{ ok: true; template: Template } | { ok: false; lines: string[] }> {
  const builtIn = builtInTemplate(arg);
  if (builtIn) return { ok: true, template: builtIn };
  const file = path.resolve(cwd, arg);
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    const looksLikeFile = /[\\/]|\.json$/i.test(arg);
    return {
      ok: false,
      lines: [
        looksLikeFile
          ? `no template file at ${arg}; check the name and folder`
          : `“${arg}” is neither a built-in template (${BUILT_IN_TEMPLATES.map((t) => t.id).join(", ")}) nor a template file; run 'pmo templates' to list them`,
      ],
    };
  }
  const parsed = parseTemplateFile(text, path.basename(file));
  if (parsed.ok) return { ok: true, template: parsed.value };
  return {
    ok: false,
    lines: [`${arg} is not a usable template; fix these and try again:`, ...parsed.errors.map((e) => `  ${e.path || "(file)"}: ${e.message}`)],
  };
}

function editsJson(plan: Plan): Record<string, unknown>[] {
  return plan.edits.map((e) => ({ ...e, type: e.type, description: describeEdit(e) }));
}

function driftOf(a: TemplateApplication): DriftFinding[] {
  return a.kind === "existing" ? a.drift : [];
}

function reportJson(a: Exclude<TemplateApplication, { kind: "refused" }>, extra: Record<string, unknown>): string {
  return JSON.stringify(
    {
      ...extra,
      register:
        a.kind === "existing"
          ? { sheet: a.register.sheet, kind: a.register.kind, table: a.table, headerRow: a.register.headerRow, firstRow: a.register.firstRow, lastRow: a.register.lastRow, confidence: a.register.confidence }
          : { sheet: a.sheet, new: true },
      edits: editsJson(a.plan),
      notes: a.notes,
      notKept: a.losses,
      drift: driftOf(a),
    },
    null,
    2,
  );
}

function reportText(a: Exclude<TemplateApplication, { kind: "refused" }>): string[] {
  const lines = describe(a.plan);
  if (a.notes.length) lines.push("Notes:", ...a.notes.map((n) => `  - ${n}`));
  const left = driftOf(a).filter((d) => !d.repairable);
  if (left.length) lines.push("Left for you to fix:", ...left.map((d) => `  - ${formatDrift(d)}`));
  return lines;
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

export async function apply(options: ApplyOptions, io: CliIo): Promise<void> {
  const resolved = await resolveTemplate(options.template, io.cwd);
  if (!resolved.ok) {
    for (const line of resolved.lines) io.err(`pmo apply: ${line}`);
    throw new ExitError(EXIT.usage);
  }
  const template = resolved.template;
  const computed = template.columns.filter((c) => c.formula).map((c) => c.id);
  const unknown = (options.restoreFormulas ?? []).filter((f) => !computed.includes(f));
  if (unknown.length) {
    io.err(
      `pmo apply: --restore-formulas: ${unknown.join(", ")} ${unknown.length === 1 ? "is not a computed column" : "are not computed columns"} of ${template.name}${computed.length ? ` (its computed columns: ${computed.join(", ")})` : " (it has none)"}`,
    );
    throw new ExitError(EXIT.usage);
  }
  const source = path.resolve(io.cwd, options.workbook);
  const target = options.target;
  if (target?.kind === "file" && samePath(path.resolve(io.cwd, target.path), source)) {
    io.err(`pmo apply: --out ${target.path} is the input workbook; use --in-place to change it (a backup is kept) or choose another file name`);
    throw new ExitError(EXIT.usage);
  }

  io.progress(`Reading ${options.workbook}...`);
  const host = await openWorkbookForChange(source);
  const application = await planTemplateApplication(host, template, { sheet: options.sheet, headerRow: options.headerRow, restoreFormulas: options.restoreFormulas });
  if (application.kind === "refused") {
    io.err(`pmo apply: ${options.workbook}: ${application.problem.message}`);
    throw new ExitError(EXIT.usage);
  }

  if (options.dryRun || !target) {
    io.out(options.json ? reportJson(application, { file: options.workbook, template: template.id, dryRun: true }) : reportText(application).join("\n"));
    return;
  }

  const losses = application.losses;
  if (losses.length && target.kind === "inPlace" && !options.acceptLoss) {
    io.err(`pmo apply: ${options.workbook} was not changed: saving it in place would not keep`);
    for (const loss of losses) io.err(`  - ${loss}`);
    io.err("pmo apply: pass --accept-loss to apply in place anyway (a backup is still kept), or write a copy with --out FILE");
    throw new ExitError(EXIT.usage);
  }

  const empty = application.plan.edits.length === 0;
  let written: { path: string; backup?: string } | null = null;
  if (!(empty && target.kind === "inPlace")) {
    await host.apply(application.plan, (done, total) => io.progress(`Applying ${done}/${total}...`));
    written = await saveWorkbookFile(host, target.kind === "inPlace" ? { inPlace: true, source } : { out: path.resolve(io.cwd, target.path), source });
    if (losses.length) {
      io.err(`pmo apply: ${written.path} does not keep:`);
      for (const loss of losses) io.err(`  - ${loss}`);
    }
  }
  if (options.json) {
    io.out(reportJson(application, { file: options.workbook, template: template.id, dryRun: false, output: written?.path ?? null, backup: written?.backup ?? null }));
    return;
  }
  const lines = reportText(application);
  if (written) lines.push(`Wrote ${written.path}${written.backup ? ` (backup of the original: ${written.backup})` : ""}.`);
  else lines.push(`${options.workbook} already follows ${template.name} ${template.version}; it was not changed.`);
  io.out(lines.join("\n"));
}
