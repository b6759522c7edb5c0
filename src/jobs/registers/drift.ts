/**
 * The drift job: for each register found, how it differs from the template
 * it is recorded as following (or, never applied, the one detection matched
 * with good confidence). Read-only.
 */
import type { DetectedRegister } from "../../core/detect/detect";
import { driftApplies, registerDrift, type DriftFinding } from "../../core/registers/drift";
import { storedRecordFor } from "../../core/registers/snapshot";
import { builtInTemplate, templateForKind } from "../../core/templates/catalogue";
import type { Template } from "../../core/templates/schema";
import type { WorkbookHost } from "../../hosts/host";
import { snapshotRegister } from "./apply";
import { detectRegisters, PREVIEW_ROWS, toInspectJson, type InspectJson } from "./detect";

/** The template a register is compared with: its recorded one when built in (or given), else its kind's. */
function templateOf(register: DetectedRegister, recordedId: string | undefined, custom: readonly Template[]): Template {
  const id = recordedId ?? register.templateId;
  return custom.find((t) => t.id === id) ?? builtInTemplate(id) ?? templateForKind(register.kind);
}

/** Drift per register, in the order given; an empty list for registers drift does not look at. */
export async function registersDrift(host: WorkbookHost, registers: DetectedRegister[], templates: readonly Template[] = []): Promise<DriftFinding[][]> {
  const outline = await host.outline({ previewRows: PREVIEW_ROWS });
  const out: DriftFinding[][] = [];
  for (const register of registers) {
    const record = storedRecordFor(outline.metadata, register, register.table);
    const template = templateOf(register, record?.templateId, templates);
    const snapshot = await snapshotRegister(host, outline, register, template.columns.length);
    out.push(driftApplies(snapshot) ? registerDrift(snapshot, template) : []);
  }
  return out;
}

/**
 * The `registers` list of `pmo inspect --json` (CLI contract, DESIGN §7):
 * detection's view of each register with `drift` as findings. Detection's own
 * remarks about a stored mapping that no longer fits stay in `notes`.
 */
export async function inspectRegisters(host: WorkbookHost, file: string): Promise<(Omit<InspectJson["registers"][number], "drift"> & { drift: DriftFinding[] })[]> {
  const registers = await detectRegisters(host);
  const drift = await registersDrift(host, registers);
  return toInspectJson(file, registers).registers.map((r, i) => ({
    ...r,
    notes: [...r.notes, ...r.drift],
    drift: drift[i] ?? [],
  }));
}
