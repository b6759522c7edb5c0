/**
 * Drop-downs a paste removed. Pasting over cells brings the copied cells'
 * validation with it, so a column that had the template's drop-down ends up
 * with holes where nothing checks typing any more. For a register applied
 * from a template, each list column whose cells disagree ("mixed") is read
 * again in halves, level by level (one rules read per level for every column
 * at once), down to the runs of cells with no drop-down; the drop-down the
 * rest of the column keeps is the one to put back. A column with no
 * drop-down at all is left alone: applying the template may have chosen
 * that (values mostly outside the list), and the Registers panel reports it.
 */
import { columnIndex, formatRange, parseRange, type RangeAddress } from "../../core/grid/address";
import type { DataValidation } from "../../core/plan/edits";
import type { DetectedRegister } from "../../core/detect/detect";
import type { Template } from "../../core/templates/schema";
import type { Finding } from "../../core/validate";
import { problemMessage } from "../../core/validate/messages";
import type { WorkbookHost } from "../../hosts/host";

/** Pieces read at once at one level; past it the rest of a mixed range is counted as lost (putting the same drop-down on cells that have it changes nothing). */
const MAX_PIECES = 2048;

interface ColumnWatch {
  field: string;
  header: string;
  letter: string;
  lost: RangeAddress[];
  kept: DataValidation | null;
}

function halves(r: RangeAddress): RangeAddress[] {
  if (r.top === r.bottom) return [r];
  const mid = Math.floor((r.top + r.bottom) / 2);
  return [
    { ...r, bottom: mid },
    { ...r, top: mid + 1 },
  ];
}

/** Joins runs of cells one below the other. */
function joined(ranges: RangeAddress[]): RangeAddress[] {
  const out: RangeAddress[] = [];
  for (const r of [...ranges].sort((a, b) => a.top - b.top)) {
    const last = out[out.length - 1];
    if (last && last.bottom + 1 >= r.top) last.bottom = Math.max(last.bottom, r.bottom);
    else out.push({ ...r });
  }
  return out;
}

export async function lostDropdowns(host: WorkbookHost, register: DetectedRegister, template: Template): Promise<Finding[]> {
  if (!host.readRules || register.lastRow < register.firstRow) return [];
  const watches: ColumnWatch[] = [];
  for (const column of template.columns) {
    const mapped = register.columns[column.id];
    if (!column.allowedValues?.length || !mapped) continue;
    watches.push({ field: column.id, header: mapped.header.replace(/\s+/g, " ").trim() || column.header, letter: mapped.column, lost: [], kept: null });
  }
  let pending: { watch: ColumnWatch; range: RangeAddress }[] = watches.flatMap((watch) => {
    const col = columnIndex(watch.letter);
    return col ? [{ watch, range: { top: register.firstRow, bottom: register.lastRow, left: col, right: col } }] : [];
  });
  let first = true;
  while (pending.length) {
    const rules = await host.readRules(register.sheet, pending.map((p) => formatRange(p.range)));
    const next: typeof pending = [];
    pending.forEach((p, i) => {
      const v = rules[i]?.validation;
      if (v === null || v === undefined) {
        // A column with no drop-down anywhere is not one a paste broke.
        if (!first) p.watch.lost.push(p.range);
      } else if (v === "mixed") {
        if (p.range.top === p.range.bottom || next.length >= MAX_PIECES) p.watch.lost.push(p.range);
        else for (const h of halves(p.range)) next.push({ watch: p.watch, range: h });
      } else p.watch.kept ??= v;
    });
    pending = next;
    first = false;
  }
  const out: Finding[] = [];
  for (const w of watches) {
    if (!w.lost.length || !w.kept) continue;
    const runs = joined(w.lost);
    const ranges = runs.map(formatRange);
    const cells = runs.reduce((n, r) => n + r.bottom - r.top + 1, 0);
    const problem = { code: "dropdown_missing", cells, ranges } as const;
    const at = parseRange(ranges[0] as string) as RangeAddress;
    out.push({
      sheet: register.sheet,
      cell: `${w.letter}${at.top}`,
      row: at.top,
      column: w.letter,
      field: w.field,
      rule: "dropdown",
      severity: "warning",
      problem,
      message: problemMessage(problem, w.header),
      fix: { dropdown: { ranges, validation: w.kept }, description: `put the drop-down back on ${cells} ${cells === 1 ? "cell" : "cells"}` },
    });
  }
  return out;
}
