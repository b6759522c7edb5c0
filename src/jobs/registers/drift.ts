/**
 * The drift job: for each register found, how it differs from the template
 * it is recorded as following (or, never applied, the one detection matched
 * with good confidence). Read-only.
 */
import type { DetectedRegister } from "../../core/detect/detect";
import { DRIFT_MIN_CONFIDENCE, driftApplies, registerDrift, type DriftFinding } from "../../core/registers/drift";
import { storedRecordFor } from "../../core/registers/snapshot";
import { builtInTemplate, templateForKind } from "../../core/templates/catalogue";
import type { Template } from "../../core/templates/schema";
import type { WorkbookHost, WorkbookOutline } from "../../hosts/host";
import { snapshotRegister } from "./apply";
import { detectRegisters, PREVIEW_ROWS, toInspectJson } from "./detect";

/** The template a register is compared with: its recorded one when built in (or given), else its kind's. */
function templateOf(register: DetectedRegister, recordedId: string | undefined, custom: readonly Template[]): Template {
  const id = recordedId ?? register.templateId;
  return custom.find((t) => t.id === id) ?? builtInTemplate(id) ?? templateForKind(register.kind);
}

export interface RegisterComparison {
  template: Template;
  /** False when the register has no stored record and detection is too unsure to compare it. */
  compared: boolean;
  findings: DriftFinding[];
}

/**
 * Each register against its template, in the order given. Registers that are
 * not compared are not read. A caller that already read the outline (with
 * PREVIEW_ROWS preview rows, e.g. for detection) passes it in.
 */
export async function compareRegisters(host: WorkbookHost, registers: DetectedRegister[], templates: readonly Template[] = [], knownOutline?: WorkbookOutline): Promise<RegisterComparison[]> {
  const outline = knownOutline ?? (await host.outline({ previewRows: PREVIEW_ROWS }));
  const out: RegisterComparison[] = [];
  for (const register of registers) {
    const record = storedRecordFor(outline.metadata, register, register.table);
    const template = templateOf(register, record?.templateId, templates);
    const compared = !!record || register.confidence >= DRIFT_MIN_CONFIDENCE;
    if (!compared) {
      out.push({ template, compared, findings: [] });
      continue;
    }
    const snapshot = await snapshotRegister(host, outline, register, template.columns.length);
    out.push({ template, compared: driftApplies(snapshot), findings: driftApplies(snapshot) ? registerDrift(snapshot, template) : [] });
  }
  return out;
}

/** Drift per register, in the order given; an empty list for registers drift does not look at. */
export async function registersDrift(host: WorkbookHost, registers: DetectedRegister[], templates: readonly Template[] = [], knownOutline?: WorkbookOutline): Promise<DriftFinding[][]> {
  return (await compareRegisters(host, registers, templates, knownOutline)).map((c) => c.findings);
}

/**
 * The `registers` list of `pmo inspect --json` (CLI contract, DESIGN §7):
 * detection's view of each register with `drift` as findings, plus the
 * template it was compared with and whether it was compared at all.
 * Detection's own remarks about a stored mapping that no longer fits stay in
 * `notes`.
 */
export async function inspectRegisters(host: WorkbookHost, file: string) {
  const outline = await host.outline({ previewRows: PREVIEW_ROWS });
  const registers = await detectRegisters(host, {}, outline);
  const comparisons = await compareRegisters(host, registers, [], outline);
  return toInspectJson(file, registers).registers.map((r, i) => {
    const c = comparisons[i];
    return {
      ...r,
      notes: [...r.notes, ...r.drift],
      template: c ? { id: c.template.id, name: c.template.name, version: c.template.version } : null,
      compared: c?.compared ?? false,
      drift: c?.findings ?? [],
    };
  });
}
