/**
 * The jobs the Registers panel runs, over any host: find the registers and
 * their drift, plan a template over one register (with the person's mapping
 * when they corrected it), or plan a new register. Nothing here writes; the
 * panel shows the plan and the host applies it.
 */
import type { DetectedRegister } from "../../../core/detect/detect";
import { registerDrift, type DriftFinding } from "../../../core/registers/drift";
import { LISTS_SHEET, planApplyTemplate, type ApplyProblem } from "../../../core/registers/plan-apply";
import { storedRecordFor } from "../../../core/registers/snapshot";
import type { Plan } from "../../../core/plan/plan";
import { BUILT_IN_TEMPLATES } from "../../../core/templates/catalogue";
import type { Template } from "../../../core/templates/schema";
import type { WorkbookHost } from "../../../hosts/host";
import { planTemplateApplication, savingLosses, snapshotRegister } from "../../../jobs/registers/apply";
import { detectRegisterAt, detectRegisters, PREVIEW_ROWS } from "../../../jobs/registers/detect";
import { METADATA_SHEET } from "../../../core/metadata/schema";
import { registersDrift } from "../../../jobs/registers/drift";
import { withMapping, type ColumnMapping } from "./columnMapping";

export interface FoundRegisters {
  registers: DetectedRegister[];
  /** Drift per register, same order; empty where drift does not look (low confidence, never applied). */
  drift: DriftFinding[][];
}

/** Registers in the workbook, detected with the imported templates too, so a PMO's own headers count. */
export async function findRegisters(host: WorkbookHost, imported: readonly Template[]): Promise<FoundRegisters> {
  const templates = imported.length ? [...imported, ...BUILT_IN_TEMPLATES.filter((b) => !imported.some((t) => t.id === b.id))] : undefined;
  const outline = await host.outline({ previewRows: PREVIEW_ROWS });
  const registers = await detectRegisters(host, templates ? { templates } : {}, outline);
  const drift = await registersDrift(host, registers, imported, outline);
  return { registers, drift };
}

export type RegisterPlan =
  | { kind: "existing"; plan: Plan; notes: string[]; drift: DriftFinding[] }
  | { kind: "new"; sheet: string; plan: Plan; notes: string[] }
  | { kind: "refused"; problem: ApplyProblem };

export interface PlanForRegisterOptions {
  /** The person's mapping; undefined to use detection's. */
  mapping?: ColumnMapping;
  /** Record the mapping as confirmed, so detection honours it next time. */
  confirmed: boolean;
  /** Computed columns whose typed-over formulas the person chose to restore. */
  restoreFormulas?: readonly string[];
}

/** The template over one register as it was detected (no second detection, so the register shown is the one planned). */
export async function planForRegister(host: WorkbookHost, register: DetectedRegister, template: Template, options: PlanForRegisterOptions): Promise<RegisterPlan> {
  const outline = await host.outline({ previewRows: PREVIEW_ROWS });
  const target = options.mapping ? withMapping(register, options.mapping, template) : register;
  const snapshot = await snapshotRegister(host, outline, target, template.columns.length);
  const planning = planApplyTemplate(snapshot, template, { confirmedMapping: options.confirmed, restoreFormulas: options.restoreFormulas });
  if (!planning.ok) return { kind: "refused", problem: planning.problem };
  // Drift measured against the mapping being applied, not a stored one it replaces.
  const record = options.confirmed ? storedRecordFor(snapshot.metadata, target, target.table) : undefined;
  const forDrift = record ? { ...snapshot, metadata: { ...snapshot.metadata, registers: snapshot.metadata.registers.filter((r) => r !== record) } } : snapshot;
  return { kind: "existing", plan: planning.plan, notes: [...planning.notes, ...savingLosses(host, outline, planning.plan)], drift: registerDrift(forDrift, template) };
}

/** The register whose header is on the row a person points to, read as the template they chose; null when that row holds no header. */
export async function registerAt(host: WorkbookHost, sheet: string, headerRow: number, template: Template, imported: readonly Template[], column?: number): Promise<DetectedRegister | null> {
  const outline = await host.outline({ previewRows: 0 });
  const templates = [template, ...imported.filter((t) => t.id !== template.id), ...BUILT_IN_TEMPLATES.filter((b) => b.id !== template.id && !imported.some((t) => t.id === b.id))];
  return detectRegisterAt(host, outline, sheet, { headerRow, templateId: template.id, ...(column !== undefined ? { column } : {}) }, { templates });
}

/** The names of the workbook's sheets a register can be on. */
export async function sheetNames(host: WorkbookHost): Promise<string[]> {
  const outline = await host.outline({ previewRows: 0 });
  return outline.sheets.filter((s) => s.usedRange && s.name !== METADATA_SHEET && s.name !== LISTS_SHEET).map((s) => s.name);
}

/** A new register of the template on a new sheet (the workbook has none to apply it to). */
export async function planNewRegister(host: WorkbookHost, template: Template): Promise<RegisterPlan> {
  const application = await planTemplateApplication(host, template);
  if (application.kind === "refused") return application;
  if (application.kind === "new") return { kind: "new", sheet: application.sheet, plan: application.plan, notes: application.notes };
  return { kind: "existing", plan: application.plan, notes: application.notes, drift: application.drift };
}
