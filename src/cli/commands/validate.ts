/**
 * `pmo validate <workbook> [--sheet S] [--json]`: every register's findings.
 * Read-only. Exit 1 when any finding is an error, 0 otherwise (DESIGN §7).
 */
import * as path from "node:path";
import type { Finding } from "../../core/validate";
import type { Template } from "../../core/templates/schema";
import { openWorkbookForReading } from "../../hosts/xlsx/workbook-file";
import { countByRule, validateWorkbook, type ValidationReport } from "../../jobs/validation/validate";
import { EXIT, ExitError } from "../errors";
import { resolveTemplate } from "./apply";
import { alignColumns, plural } from "../format";
import type { CliIo } from "../io";
import { sheetNamed } from "../../core/sheet-names";

export interface ValidateOptions {
  workbook: string;
  sheet?: string;
  /** A built-in template id or a JSON template file whose columns and rules registers of its kind are checked against. */
  template?: string;
  /** YYYY-MM-DD: the day overdue and review rules count from. */
  asOf?: string;
  json: boolean;
}

/** The `validate` JSON document: the contract's keys first, then what more there is. */
export interface ValidateJson {
  file: string;
  findings: (Pick<Finding, "sheet" | "cell" | "field" | "rule" | "severity" | "message"> & { fix?: string })[];
  summary: ReturnType<typeof countByRule>;
  registers: ValidationReport["registers"];
  warnings: string[];
}

export function toValidateJson(file: string, report: ValidationReport): ValidateJson {
  return {
    file,
    findings: report.findings.map((f) => ({ sheet: f.sheet, cell: f.cell, field: f.field, rule: f.rule, severity: f.severity, message: f.message, ...(f.fix ? { fix: f.fix.description } : {}) })),
    summary: countByRule(report.findings),
    registers: report.registers,
    warnings: report.settingsIssues,
  };
}

export function formatValidateReport(file: string, report: ValidationReport): string {
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const warnings = report.findings.filter((f) => f.severity === "warning").length;
  const fixable = report.findings.filter((f) => f.fix).length;
  const lines = [`${file}: ${plural(report.registers.length, "register")} checked, ${plural(errors, "error")}, ${plural(warnings, "warning")}${fixable ? ` (${fixable} can be fixed safely in the task pane)` : ""}`, ""];
  for (const r of report.registers) {
    lines.push(`  ${r.sheet}, ${r.range}: ${r.kind} register, ${r.skipped ?? `${plural(r.rows, "row")} checked against the ${r.templateId} template${r.placeholderRows ? ` (${plural(r.placeholderRows, "row")} with only an ID left out)` : ""}${r.onTemplate ? "" : " (not applied yet: its own values are warnings)"}`}`);
  }
  for (const w of report.settingsIssues) lines.push(`  Warning: ${w}`);
  if (report.findings.length === 0) return lines.join("\n");
  lines.push("", ...alignColumns([["  Rule", "Errors", "Warnings", "Info"], ...countByRule(report.findings).map((c) => [`  ${c.rule}`, String(c.error), String(c.warning), String(c.info)])]), "");
  lines.push(...alignColumns(report.findings.map((f) => [`  ${f.sheet}!${f.cell}`, f.severity, f.rule, f.message])));
  return lines.join("\n");
}

/** The calendar day YYYY-MM-DD as the job counts days: in local time, like "today". */
function localDay(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d);
}

export async function validate(options: ValidateOptions, io: CliIo): Promise<void> {
  io.progress(`Reading ${options.workbook}...`);
  const host = await openWorkbookForReading(path.resolve(io.cwd, options.workbook));
  let templates: Template[] = [];
  if (options.template) {
    const resolved = await resolveTemplate(options.template, io.cwd);
    if (!resolved.ok) {
      for (const line of resolved.lines) io.err(line);
      throw new ExitError(EXIT.usage);
    }
    templates = [resolved.template];
  }
  const report = await validateWorkbook(host, { templates, ...(options.sheet ? { sheet: options.sheet } : {}), ...(options.asOf ? { today: localDay(options.asOf) } : {}) });
  if (options.sheet && report.registers.length === 0) {
    const sheets = (await host.outline({ previewRows: 0 })).sheets.map((s) => s.name);
    const exists = sheetNamed(sheets, options.sheet) !== undefined;
    io.err(
      exists
        ? `pmo validate: no register found on sheet “${options.sheet}” of ${options.workbook}; mark where it is in the Registers panel or run pmo inspect to see what was found`
        : `pmo validate: ${options.workbook} has no sheet “${options.sheet}”; its sheets are ${sheets.map((s) => `“${s}”`).join(", ")}`,
    );
    throw new ExitError(EXIT.usage);
  }
  io.out(options.json ? JSON.stringify(toValidateJson(options.workbook, report), null, 2) : formatValidateReport(options.workbook, report));
  if (report.findings.some((f) => f.severity === "error")) throw new ExitError(EXIT.findings);
}
