/**
 * Plain-words preview of a plan: what the task pane shows before Apply and
 * what `pmo apply --dry-run` prints. One line per edit, grouped by sheet.
 */
import { formatCell, formatRange, parseRange, rangeHeight, rangeWidth, type RangeAddress } from "../grid/address";
import type { Edit } from "./edits";
import type { Plan } from "./plan";

function cellCount(address: string): number {
  const r = parseRange(address);
  return r ? rangeWidth(r) * rangeHeight(r) : 0;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

function quoteList(items: string[], max = 6): string {
  const shown = items.slice(0, max).map((s) => `“${s}”`);
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/** Long header or category text cut for one preview line. */
function shorten(text: string, max = 40): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** The cells of a merged area other than its top-left one, in words: a range when they form one, else a count. */
function otherCells(r: RangeAddress): string {
  if (r.top === r.bottom) return formatRange({ ...r, left: r.left + 1 });
  if (r.left === r.right) return formatRange({ ...r, top: r.top + 1 });
  return `the other ${plural(rangeWidth(r) * rangeHeight(r) - 1, "cell")}`;
}

export function describeEdit(e: Edit): string {
  switch (e.type) {
    case "addSheet":
      return e.hidden === "visible" ? `Adds sheet “${e.sheet}”` : `Adds hidden sheet “${e.sheet}”`;
    case "deleteSheet":
      return `Removes sheet “${e.sheet}”`;
    case "setCells": {
      const formulas = e.cells.flat().filter((c) => c !== null && typeof c === "object").length;
      const what = formulas ? `${plural(cellCount(e.address), "cell")} (${plural(formulas, "formula")})` : plural(cellCount(e.address), "cell");
      return `Writes ${what} in ${e.address}${e.label ? ` — ${e.label}` : ""}`;
    }
    case "fillFormula":
      return `Writes formula ${e.formula} in ${plural(cellCount(e.address), "cell")} (${e.address})${e.label ? ` — ${e.label}` : ""}`;
    case "copyCells":
      return `Puts back ${plural(cellCount(e.address), "cell")} in ${e.address} as they were (kept on sheet “${e.fromSheet}”)`;
    case "createTable":
      return `Makes ${e.address} an Excel table named “${e.name}”`;
    case "removeTable":
      return `Turns table “${e.name}” back into a plain range (cells kept)`;
    case "addTableColumns":
      return `Adds ${plural(e.columns.length, "column")} ${quoteList(e.columns.map((c) => c.header))} at the end of table “${e.table}”`;
    case "removeTableColumns":
      return `Removes the last ${plural(e.count, "column")} of table “${e.table}”`;
    case "resizeTable":
      return `Resizes table “${e.table}” to ${e.address}`;
    case "unmergeCells": {
      const r = parseRange(e.address);
      const corner = r ? formatCell({ row: r.top, col: r.left }) : e.address;
      const kept = e.label !== undefined && e.label.trim() !== "" ? `${quoteList([shorten(e.label)])} stays in ${corner}` : `the value stays in ${corner}`;
      const rest = r ? otherCells(r) : "the other cells";
      return `Unmerges ${e.address} (${kept}; ${rest} ${r && rangeWidth(r) * rangeHeight(r) === 2 ? "becomes an empty cell" : "become empty cells"})`;
    }
    case "mergeCells": {
      const r = parseRange(e.address);
      return `Merges ${e.address} back into one cell (the value of ${r ? formatCell({ row: r.top, col: r.left }) : "its top-left cell"} stays)`;
    }
    case "setNumberFormat":
      return typeof e.format === "string"
        ? `Formats ${e.address} as ${e.format}${e.label ? ` — ${e.label}` : ""}`
        : `Restores number formats in ${e.address}`;
    case "setStyle": {
      const s = e.style;
      const parts = [
        s.bold ? "bold" : null,
        s.italic ? "italic" : null,
        s.fill ? `fill ${s.fill}` : s.fill === null ? "no fill" : null,
        s.fontColor ? `text ${s.fontColor}` : null,
        s.wrapText ? "wrapped text" : null,
        s.horizontalAlignment ? `aligned ${s.horizontalAlignment.toLowerCase()}` : null,
      ].filter((x): x is string => x !== null);
      return `Styles ${e.address}${parts.length ? ` (${parts.join(", ")})` : ""}`;
    }
    case "setColumnWidths":
      return `Sets the width of ${plural(e.widths.length, "column")} (${e.widths.map((w) => w.column).join(", ")})`;
    case "setDataValidation": {
      const where = `${e.address}${e.label ? ` (${e.label})` : ""}`;
      if (!e.validation) return `Removes the drop-down or validation from ${where}`;
      const r = e.validation.rule;
      if (r.kind === "list") return `Adds a drop-down to ${where} (${plural(r.values.length, "value")})`;
      if (r.kind === "listRange") return `Adds a drop-down to ${where} from ${r.source.slice(1)}`;
      return `Restricts ${where} to ${r.kind === "wholeNumber" ? "whole numbers" : r.kind === "decimal" ? "numbers" : "dates"} ${r.operator} ${r.formula1}${r.formula2 !== undefined ? ` and ${r.formula2}` : ""}`;
    }
    case "replaceConditionalFormats":
      return e.rules.length
        ? `Replaces the colour rules on ${e.address}${e.label ? ` (${e.label})` : ""} with ${plural(e.rules.length, "rule")}`
        : `Removes the colour rules on ${e.address}`;
    case "setChart":
      return `Draws line chart “${e.name}” over ${e.anchor} (${quoteList(e.series.map((s) => s.name))} by ${e.categories}), replacing the sheet's chart of that name if there is one`;
    case "removeChart":
      return `Removes chart “${e.name}”`;
    case "setMetadata":
      return e.value === null ? `Forgets stored setting “${e.key}”` : `Records “${e.key}” in the workbook`;
  }
}

function editSheet(e: Edit): string | null {
  return "sheet" in e ? e.sheet : null;
}

export interface PlanPreviewGroup {
  /** null for workbook-wide edits (metadata). */
  sheet: string | null;
  lines: string[];
}

export interface PlanPreview {
  title: string;
  /** Number of edits of each type: the counts the pane shows beside the groups. */
  counts: Partial<Record<Edit["type"], number>>;
  groups: PlanPreviewGroup[];
}

/** The preview as data, grouped by sheet in plan order. */
export function previewPlan(p: Plan): PlanPreview {
  const groups: PlanPreviewGroup[] = [];
  const counts: PlanPreview["counts"] = {};
  for (const e of p.edits) {
    counts[e.type] = (counts[e.type] ?? 0) + 1;
    const sheet = editSheet(e);
    let g = groups.find((x) => x.sheet === sheet);
    if (!g) groups.push((g = { sheet, lines: [] }));
    g.lines.push(describeEdit(e));
  }
  return { title: p.title, counts, groups };
}

/** The preview as text lines, for the CLI. */
export function describe(p: Plan): string[] {
  if (p.edits.length === 0) return [`${p.title}: nothing to change.`];
  const out = [`${p.title}: ${plural(p.edits.length, "change")}`];
  for (const g of previewPlan(p).groups) {
    out.push(g.sheet === null ? "Workbook:" : `Sheet “${g.sheet}”:`);
    for (const line of g.lines) out.push(`  - ${line}`);
  }
  return out;
}
