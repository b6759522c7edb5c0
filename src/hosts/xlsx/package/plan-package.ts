/**
 * The package a plan is applied to (package-host.ts): every worksheet cut
 * down to the cells the plan reads and writes (plan-cells.ts decides which,
 * edit kind by edit kind), so the model loaded from it holds no more than
 * that. A worksheet the plan needs no cell of becomes its part without the
 * cells, as the reader holds it already (its columns, merged areas, rules,
 * tables and drawing stay, which the model's checks read): such a sheet's
 * text is neither inflated nor scanned, however many rows it has. The
 * shared strings keep only those the cells kept use. Chart sheets and
 * every other part are copied as their compressed bytes.
 */
import type { RangeAddress } from "../../../core/grid/address";
import type { NeededCells } from "../plan-cells";
import { REL_NS, resolveTarget, type OpcPackage } from "./opc";
import { sheetWithOnlyCells } from "./partial-sheet";
import { prefixOf } from "./xml-text";

const WORKBOOK = "xl/workbook.xml";
const SHARED_STRINGS_REL = `${REL_NS}/sharedStrings`;

/** A worksheet of the package, as the reader knows it. */
export interface WorksheetPart {
  name: string;
  part: string;
  /** The part with an empty sheetData where its cells were, when the reader holds it. */
  withoutCells?: string;
}

/** The package with each worksheet's cells cut down to those a plan needs (all of them where it needs the whole sheet). */
export async function packageForPlan(pkg: OpcPackage, sheets: readonly WorksheetPart[], needed: NeededCells): Promise<Uint8Array> {
  const byPart = new Map<string, { need: RangeAddress[] | "all"; withoutCells?: string }>();
  for (const s of sheets) {
    const need = needed.get(s.name.toLowerCase());
    const have = byPart.get(s.part);
    const all = need === "all" || have?.need === "all";
    byPart.set(s.part, { need: all ? "all" : [...((have?.need as RangeAddress[] | undefined) ?? []), ...((need as RangeAddress[] | undefined) ?? [])], withoutCells: have?.withoutCells ?? s.withoutCells });
  }
  const kept: string[] = [];
  for (const [part, { need, withoutCells }] of byPart) {
    if (need !== "all" && !need.length && withoutCells !== undefined) {
      pkg.put(part, withoutCells);
      continue;
    }
    const xml = await pkg.text(part);
    if (xml === undefined) continue;
    const cut = need === "all" ? xml : sheetWithOnlyCells(xml, need);
    if (cut !== xml) pkg.put(part, cut);
    kept.push(cut);
  }
  await keepOnlyStringsUsed(pkg, kept);
  // Every part but the cut sheets and the shared strings is copied as its compressed bytes.
  return pkg.bytes();
}

/** A cell that holds a shared string, and the string's index (any prefix, either quote). */
const SHARED_STRING_CELL = /<(?:[\w.-]+:)?c\b[^>]*?\st\s*=\s*["']s["'][^>]*>\s*<(?:[\w.-]+:)?v>\s*(\d+)\s*</g;

/**
 * The shared strings with only those the cells kept use: every other entry
 * is left empty, and those past the last one used left out, so each index
 * still names its string. A big register's strings are megabytes that the
 * model would otherwise parse for cells it never holds.
 */
async function keepOnlyStringsUsed(pkg: OpcPackage, sheets: readonly string[]): Promise<void> {
  const rel = (await pkg.relationships(WORKBOOK)).find((r) => r.type === SHARED_STRINGS_REL && !r.external);
  const part = rel && resolveTarget(WORKBOOK, rel.target);
  const xml = part && (await pkg.text(part));
  if (!part || !xml) return;
  const used = new Set<number>();
  for (const sheet of sheets) for (const m of sheet.matchAll(SHARED_STRING_CELL)) used.add(Number(m[1]));
  const p = prefixOf(xml, "sst");
  const open = new RegExp(`<${p.replace(/\./g, "\\.")}si(?=[\\s/>])`, "g");
  const close = `</${p}si>`;
  let last = -1;
  for (const i of used) if (i > last) last = i;
  const out: string[] = [];
  let end = -1;
  for (let i = 0, m = open.exec(xml); m; i++, m = open.exec(xml)) {
    if (end < 0) out.push(xml.slice(0, m.index));
    const gt = xml.indexOf(">", m.index);
    end = xml.charCodeAt(gt - 1) === 47 ? gt + 1 : xml.indexOf(close, gt) + close.length;
    if (gt < 0 || end < close.length) return;
    // Entries past the last one used are left out.
    if (i <= last) out.push(used.has(i) ? xml.slice(m.index, end) : `<${p}si/>`);
    open.lastIndex = end;
  }
  if (end < 0) return;
  out.push(xml.slice(end));
  pkg.put(part, out.join(""));
}
