/**
 * "Fix the safe ones": the findings whose fix says the same thing stored as
 * what it is (a number typed as text, a date that reads one way, a list value
 * in another case). The fixes are a Plan, so the pane previews them and the
 * host applies them as one undoable step; nothing else in the workbook moves.
 */
import { formatRange, columnIndex } from "../../core/grid/address";
import { plan, type Plan } from "../../core/plan/plan";
import type { Edit } from "../../core/plan/edits";
import type { Finding } from "../../core/validate";
import { isDropdownFix, type ValueFix } from "../../core/validate/finding";
import type { ApplyResult, Progress, WorkbookHost } from "../../hosts/host";
import { validateWorkbook, type ValidateOptions } from "./validate";

type Fixable = Finding & { fix: NonNullable<Finding["fix"]> };

/** Runs of findings in one column on consecutive rows, so a host writes each run as one block. */
export function runs<F extends Finding>(fixes: F[]): F[][] {
  const sorted = [...fixes].sort((a, b) => a.sheet.localeCompare(b.sheet) || (columnIndex(a.column) ?? 0) - (columnIndex(b.column) ?? 0) || a.row - b.row);
  const out: F[][] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (prev && prev.sheet === f.sheet && prev.column === f.column && prev.row + 1 === f.row) last.push(f);
    else out.push([f]);
  }
  return out;
}

export function isFixable(f: Finding): f is Fixable {
  return f.fix !== undefined;
}

type ValueFixable = Finding & { fix: ValueFix };

/** The plan that applies every safe fix among the findings (one per cell: the first wins); lost drop-downs are put back last. */
export function safeFixPlan(findings: readonly Finding[]): Plan {
  const seen = new Set<string>();
  const dropdowns = findings.filter(isFixable).flatMap((f) => (isDropdownFix(f.fix) ? [{ f, fix: f.fix }] : []));
  const fixes = findings.filter((f): f is ValueFixable => isFixable(f) && !isDropdownFix(f.fix)).filter((f) => {
    const key = `${f.sheet}!${f.cell}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const edits: Edit[] = [];
  for (const run of runs(fixes)) {
    const col = columnIndex(run[0].column) ?? 1;
    const address = formatRange({ top: run[0].row, bottom: run[run.length - 1].row, left: col, right: col });
    const label = run.length === 1 ? `${run[0].cell}: ${run[0].fix.description}` : `${run.length} cells of ${run[0].field}: values typed as text stored as what they say`;
    edits.push({ type: "setCells", sheet: run[0].sheet, address, cells: run.map((f) => [f.fix.value]), label });
  }
  for (const run of runs(fixes.filter((f) => f.fix.numberFormat))) {
    const col = columnIndex(run[0].column) ?? 1;
    const address = formatRange({ top: run[0].row, bottom: run[run.length - 1].row, left: col, right: col });
    edits.push({ type: "setNumberFormat", sheet: run[0].sheet, address, format: run.map((f) => [f.fix.numberFormat as string]), label: `${address}: shown as ${run[0].fix.numberFormat}` });
  }
  for (const { f, fix } of dropdowns) {
    for (const address of fix.dropdown.ranges) edits.push({ type: "setDataValidation", sheet: f.sheet, address, validation: fix.dropdown.validation, label: `${f.field}: drop-down put back on ${address}` });
  }
  const count = fixes.length + dropdowns.length;
  return plan(`Fix ${count} ${count === 1 ? "finding" : "findings"} that validation can put right safely`, edits);
}

function sameFix(a: Fixable, b: Fixable): boolean {
  return a.sheet === b.sheet && a.cell === b.cell && a.rule === b.rule && JSON.stringify(a.fix) === JSON.stringify(b.fix);
}

/**
 * Reads the workbook again and applies the safe fixes it finds now, so a cell
 * the user changed since the last check is never overwritten with an old fix.
 * Given the findings a preview showed, only those fixes that still hold are
 * applied: nothing the person did not see.
 */
export async function applySafeFixes(host: WorkbookHost, options: ValidateOptions = {}, progress?: Progress, shown?: readonly Finding[]): Promise<{ plan: Plan; result: ApplyResult | null }> {
  const report = await validateWorkbook(host, options);
  const seen = shown?.filter(isFixable);
  const fixPlan = safeFixPlan(seen ? report.findings.filter((f) => isFixable(f) && seen.some((s) => sameFix(s, f))) : report.findings);
  if (fixPlan.edits.length === 0) return { plan: fixPlan, result: null };
  return { plan: fixPlan, result: await host.apply(fixPlan, progress) };
}
