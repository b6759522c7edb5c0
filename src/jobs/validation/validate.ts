/**
 * The validation job: find the registers (the registers job's detection),
 * read each one's rows once, and check them against their template and the
 * workbook's settings. Read-only; fixes are a separate plan (fixes.ts).
 */
import { sheetNamed } from "../../core/sheet-names";
import type { DetectedRegister } from "../../core/detect/detect";
import { readSettings, RISK_BAND_SETS } from "../../core/metadata/settings";
import { DRIFT_MIN_CONFIDENCE } from "../../core/registers/drift";
import { storedRecordFor } from "../../core/registers/snapshot";
import { builtInTemplate, templateForKind } from "../../core/templates/catalogue";
import type { Template } from "../../core/templates/schema";
import { isPlaceholderRow, validateRegister, type Finding, type ValidationSettings } from "../../core/validate";
import type { WorkbookHost, WorkbookOutline } from "../../hosts/host";
import { detectRegisters, PREVIEW_ROWS } from "../registers/detect";
import { lostDropdowns } from "./dropdowns";
import { rememberingReads } from "../registers/remembered-reads";
import { daySerial, readRegisterRows } from "../registers/register-rows";

export interface ValidateOptions {
  /** Only the registers on this sheet (matched without regard to case). */
  sheet?: string;
  /** Today, for overdue and review rules; defaults to the machine's date. */
  today?: Date;
  /** A PMO's own templates (with their rules): a register recorded as following one, or of its kind, is checked against it. */
  templates?: readonly Template[];
}

export interface ValidatedRegister {
  sheet: string;
  kind: DetectedRegister["kind"];
  templateId: string;
  /** "B4:N120": the rows checked. */
  range: string;
  rows: number;
  onTemplate: boolean;
  /** Rows numbered in advance and not filled in yet (only an ID typed): not checked. */
  placeholderRows: number;
  /** Why a register was found but not checked (detection too unsure of its columns). */
  skipped?: string;
}

export interface ValidationReport {
  registers: ValidatedRegister[];
  findings: Finding[];
  /** Problems with the workbook's stored settings (the defaults were used). */
  settingsIssues: string[];
}

export function validationSettings(outline: WorkbookOutline, today: Date): { settings: ValidationSettings; issues: string[] } {
  const { settings, issues } = readSettings(outline.metadata.settings);
  return {
    settings: { today: daySerial(today), bands: RISK_BAND_SETS[settings.riskBands].bands, currency: settings.currency, varianceAmberPercent: settings.varianceAmberPercent, varianceAmberAmount: settings.varianceAmberAmount },
    issues: issues.map((i) => i.message),
  };
}

/** The register's recorded template; else a given template of its kind (a PMO's own, with its rules); else detection's match. */
function templateOf(register: DetectedRegister, recordedId: string | undefined, custom: readonly Template[]): Template {
  const id = recordedId ?? register.templateId;
  const recorded = custom.find((t) => t.id === id) ?? (recordedId ? builtInTemplate(recordedId) : undefined);
  return recorded ?? custom.find((t) => t.kind === register.kind) ?? builtInTemplate(id) ?? templateForKind(register.kind);
}

/**
 * Every register's findings, in sheet order and row order. A caller that
 * already read the outline (with PREVIEW_ROWS preview rows) passes it in.
 */
export async function validateWorkbook(workbookHost: WorkbookHost, options: ValidateOptions = {}, knownOutline?: WorkbookOutline): Promise<ValidationReport> {
  // Detection reads a long register's columns to its end; checking reads the same rows again: the second read is cut from the first.
  const host = rememberingReads(workbookHost);
  const outline = knownOutline ?? (await host.outline({ previewRows: PREVIEW_ROWS }));
  const { settings, issues } = validationSettings(outline, options.today ?? new Date());
  const wanted = options.sheet === undefined ? undefined : (sheetNamed(outline.sheets.map((s) => s.name), options.sheet) ?? options.sheet).toLowerCase();
  const found = (await detectRegisters(host, {}, outline)).filter((r) => !wanted || r.sheet.toLowerCase() === wanted);
  const report: ValidationReport = { registers: [], findings: [], settingsIssues: issues };
  for (const register of found) {
    const record = storedRecordFor(outline.metadata, register, register.table);
    const template = templateOf(register, record?.templateId, options.templates ?? []);
    const onTemplate = !!record;
    const range = `${register.firstColumn}${register.firstRow}:${register.lastColumn}${register.lastRow}`;
    const summary: ValidatedRegister = { sheet: register.sheet, kind: register.kind, templateId: template.id, range, rows: Math.max(0, register.lastRow - register.firstRow + 1), onTemplate, placeholderRows: 0 };
    if (!onTemplate && register.confidence < DRIFT_MIN_CONFIDENCE) {
      report.registers.push({ ...summary, skipped: `not checked: the columns were matched with ${Math.round(register.confidence * 100)}% confidence; confirm the mapping in the Registers panel first` });
      continue;
    }
    const rows = await readRegisterRows(host, register, template, onTemplate);
    summary.placeholderRows = rows.rows.filter((r) => isPlaceholderRow(r.cells)).length;
    summary.rows = rows.rows.length - summary.placeholderRows;
    report.registers.push(summary);
    report.findings.push(...validateRegister(rows, settings));
    // Drop-downs are the template's only once it was applied.
    if (onTemplate) report.findings.push(...(await lostDropdowns(host, register, template)));
  }
  return report;
}

/** Counts by rule and severity, for summaries: [{ rule, error, warning, info }], most findings first. */
export function countByRule(findings: readonly Finding[]): { rule: string; error: number; warning: number; info: number; total: number }[] {
  const by = new Map<string, { rule: string; error: number; warning: number; info: number; total: number }>();
  for (const f of findings) {
    const c = by.get(f.rule) ?? { rule: f.rule, error: 0, warning: 0, info: 0, total: 0 };
    c[f.severity]++;
    c.total++;
    by.set(f.rule, c);
  }
  return [...by.values()].sort((a, b) => b.total - a.total || a.rule.localeCompare(b.rule));
}
