/**
 * Validations, colour rules and header looks through Office.js, in the port's
 * shapes and with the xlsx host's meaning (hosts/xlsx/read-rules.ts), so a
 * job planning against either host leaves the same things alone.
 *
 * Syncs do not grow with rows or with the number of ranges asked about: one
 * sync queues every range's validation and colour-rule list, and one more
 * (only when there are colour rules) reads each rule's areas and details.
 * Header looks take one sync through getCellProperties (ExcelApi 1.9).
 * Excel answers for a whole range at once: its validation type says when the
 * cells differ, so no cell is read on its own.
 */
import { formatRange, MAX_COLUMNS, MAX_ROWS, parseRange, rangesIntersect, type RangeAddress } from "../../core/grid/address";
import type { ConditionalFormat, DataValidation } from "../../core/plan/edits";
import type { CellLook, RangeRules } from "../host";
import { loadRuleDetails, ruleFromLoaded, validationFromOffice, type LoadedRuleDetails } from "./office-rules";

/** Excel's answer when the cells of a range do not share one validation. */
const MIXED_TYPES = new Set(["Inconsistent", "MixedCriteria"]);

/** A range's validation as the xlsx host reports it: kinds a plan cannot express count as none. */
export function rangeValidation(dv: Pick<Excel.DataValidation, "type" | "rule" | "ignoreBlanks" | "prompt" | "errorAlert">): DataValidation | null | "mixed" {
  if (MIXED_TYPES.has(dv.type)) return "mixed";
  return validationFromOffice({ type: dv.type, rule: dv.rule, ignoreBlanks: dv.ignoreBlanks, prompt: dv.prompt, errorAlert: dv.errorAlert }) ?? null;
}

/**
 * The areas of an Office address list such as "Risks!H2:H40, 'My sheet'!J2:J40"
 * or "Risks!H:H". Commas inside a quoted sheet name do not split.
 */
export function officeAreas(address: string): RangeAddress[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  const out: RangeAddress[] = [];
  for (const part of parts) {
    const body = part.slice(part.lastIndexOf("!") + 1).trim().replace(/\$/g, "");
    const r = parseRange(body) ?? wholeLines(body);
    if (r) out.push(r);
  }
  return out;
}

/** "H:J" (whole columns) or "3:5" (whole rows), which Excel reports for rules laid over whole columns. */
function wholeLines(body: string): RangeAddress | undefined {
  const cols = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(body);
  if (cols) {
    const a = parseRange(`${cols[1]}1`);
    const b = parseRange(`${cols[2]}1`);
    return a && b ? { top: 1, bottom: MAX_ROWS, left: Math.min(a.left, b.left), right: Math.max(a.left, b.left) } : undefined;
  }
  const rows = /^(\d+):(\d+)$/.exec(body);
  if (rows) {
    const a = Number(rows[1]);
    const b = Number(rows[2]);
    return a >= 1 && b >= 1 ? { top: Math.min(a, b), bottom: Math.max(a, b), left: 1, right: MAX_COLUMNS } : undefined;
  }
  return undefined;
}

type CfRead = LoadedRuleDetails & { priority: number; areas: Excel.RangeAreas };

/**
 * Rules of each range on `sheet`, in the order asked. A colour rule comes
 * back once per area that touches the range; rules sharing an area are listed
 * together in priority order (what the xlsx host reports for one stored
 * entry). A rule of a kind a plan cannot express still names its area, with
 * no rule in the list, as the xlsx host does.
 */
export async function readRangeRules(ctx: Excel.RequestContext, sheet: string, ranges: RangeAddress[]): Promise<RangeRules[]> {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  const queued = ranges.map((r) => {
    const range = ws.getRange(formatRange(r));
    return {
      validation: range.dataValidation.load("type, rule, ignoreBlanks, prompt, errorAlert"),
      formats: range.conditionalFormats.load("items/type, items/priority"),
    };
  });
  await ctx.sync();

  // Each range's list is read on its own: Office.js numbers a rule's priority
  // (and id) within the list it came from, so the same rule seen from two
  // columns is not matched up across lists.
  const details = queued.map((q) =>
    q.formats.items.map((cf): CfRead => ({ ...loadRuleDetails(cf), priority: cf.priority, areas: cf.getRanges().load("address") })),
  );
  if (details.some((d) => d.length > 0)) await ctx.sync();

  return ranges.map((r, i) => {
    const q = queued[i] as (typeof queued)[number];
    const groups = new Map<string, ConditionalFormat[]>();
    const touching = [...(details[i] ?? [])].sort((a, b) => a.priority - b.priority);
    for (const cf of touching) {
      const rule = ruleFromLoaded(cf);
      for (const area of officeAreas(cf.areas.address)) {
        if (!rangesIntersect(area, r)) continue;
        const key = formatRange(area);
        const rules = groups.get(key) ?? [];
        if (rule) rules.push(rule);
        groups.set(key, rules);
      }
    }
    return {
      address: formatRange(r),
      validation: rangeValidation(q.validation),
      conditionalFormats: [...groups].map(([address, rules]) => ({ address, rules })),
    };
  });
}

const CELL_LOOK_OPTIONS: Excel.CellPropertiesLoadOptions = { format: { fill: { color: true, pattern: true }, font: { bold: true }, wrapText: true } };

/** Bold, solid fill and wrap of every cell of `range`, in one sync (a cell's fill counts only when solid, as in the xlsx host). */
export async function readCellLooks(ctx: Excel.RequestContext, sheet: string, range: RangeAddress): Promise<CellLook[][]> {
  const props = ctx.workbook.worksheets.getItem(sheet).getRange(formatRange(range)).getCellProperties(CELL_LOOK_OPTIONS);
  await ctx.sync();
  return props.value.map((row) =>
    row.map((cell) => {
      const fill = cell.format?.fill;
      return {
        bold: cell.format?.font?.bold === true,
        fill: fill?.pattern === "Solid" && fill.color && /^#[0-9A-Fa-f]{6}$/.test(fill.color) ? fill.color.toUpperCase() : null,
        wrapText: cell.format?.wrapText === true,
      };
    }),
  );
}
