/**
 * Applies the template of every register detection finds in a workbook, one
 * after another, then recalculates the result in LibreOffice and compares it
 * with the original recalculated the same way: which cells turned into errors
 * and which values a person typed were changed. Header cells the plan renames
 * (and says so in the preview) are the only typed cells allowed to change.
 */
import { parseRange } from "../../src/core/grid/address";
import { isCellError, type CellValue } from "../../src/core/grid/cell";
import { planApplyTemplate } from "../../src/core/registers/plan-apply";
import { BUILT_IN_TEMPLATES } from "../../src/core/templates/catalogue";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { snapshotRegister } from "../../src/jobs/registers/apply";
import { detectRegisters, PREVIEW_ROWS } from "../../src/jobs/registers/detect";
import { nonEmptyCells } from "../unit/jobs/preservation";
import { recalculateMany } from "./libreoffice";

export interface ApplyEveryRegisterResult {
  applied: string[];
  refused: string[];
  /** sheet!cell: was a value or blank, is an error after apply and recalculation. */
  newErrors: string[];
  /** sheet!cell: a typed value that changed (not a header the plan named). */
  typedChanged: string[];
  notes: string[];
}

function same(a: CellValue, b: CellValue): boolean {
  if (a instanceof Date || b instanceof Date) return String(a) === String(b);
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function applyEveryRegister(bytes: Uint8Array, name: string): Promise<ApplyEveryRegisterResult> {
  const host = await XlsxHost.open(bytes, name);
  const registers = await detectRegisters(host);
  const result: ApplyEveryRegisterResult = { applied: [], refused: [], newErrors: [], typedChanged: [], notes: [] };
  const namedHeaders = new Set<string>();
  for (const register of registers) {
    const template = BUILT_IN_TEMPLATES.find((t) => t.id === register.templateId) ?? BUILT_IN_TEMPLATES.find((t) => t.kind === register.kind);
    if (!template) continue;
    const outline = await host.outline({ previewRows: PREVIEW_ROWS });
    const snapshot = await snapshotRegister(host, outline, register, template.columns.length);
    const planning = planApplyTemplate(snapshot, template);
    const where = `${register.sheet}!${register.headerRow} (${template.id})`;
    if (!planning.ok) {
      result.refused.push(`${where}: ${planning.problem.message}`);
      continue;
    }
    for (const e of planning.plan.edits) {
      if (e.type !== "setCells" || e.sheet !== register.sheet) continue;
      const a = parseRange(e.address);
      if (a && a.top === register.headerRow && a.bottom === register.headerRow) namedHeaders.add(`${e.sheet}!${e.address}`);
    }
    await host.apply(planning.plan);
    result.applied.push(where);
    result.notes.push(...planning.notes.map((n) => `${where}: ${n}`));
  }
  const [recalculatedBefore, recalculatedAfter] = await recalculateMany([
    { bytes, name: `before-${name}` },
    { bytes: await host.save(), name: `after-${name}` },
  ]);
  const before = await nonEmptyCells(await XlsxHost.open(recalculatedBefore, name));
  const after = await nonEmptyCells(await XlsxHost.open(recalculatedAfter, name));
  const typedBefore = await nonEmptyCells(await XlsxHost.open(bytes, name));
  for (const [address, b] of before) {
    const a = after.get(address);
    if (a && isCellError(a.value) && !isCellError(b.value)) result.newErrors.push(`${address} ${JSON.stringify(b.value)} → ${JSON.stringify(a.value)}`);
  }
  for (const [address, cell] of after) {
    if (isCellError(cell.value) && !before.has(address)) result.newErrors.push(`${address} (new cell) → ${JSON.stringify(cell.value)}`);
  }
  for (const [address, t] of typedBefore) {
    if (t.formula !== null || t.value === null) continue;
    if (namedHeaders.has(address)) continue;
    const a = after.get(address);
    // LibreOffice itself rewrites some stored values on the untouched original
    // (a pivot table's output is re-rendered from its source on load): those
    // are the engine's, not the plan's, so they count only if the apply moved them too.
    const b = before.get(address);
    const engineRewrote = !b || (b.formula === null && !same(b.value, t.value));
    const asEngineLeftIt = b ? a !== undefined && a.formula === null && same(a.value, b.value) : a === undefined;
    if (engineRewrote && asEngineLeftIt) {
      result.notes.push(`${address}: LibreOffice rewrites this stored value on the original too (${JSON.stringify(t.value)} → ${b ? JSON.stringify(b.value) : "(empty)"})`);
      continue;
    }
    if (!a || a.formula !== null || !same(a.value, t.value)) result.typedChanged.push(`${address} ${JSON.stringify(t.value)} → ${a ? (a.formula ?? JSON.stringify(a.value)) : "(empty)"}`);
  }
  return result;
}
