/**
 * The package a plan is applied to (package-host.ts): every worksheet cut
 * down to the cells the plan reads and writes (plan-cells.ts decides which,
 * edit kind by edit kind), so the model loaded from it holds no more than
 * that. A worksheet the plan needs no cell of becomes its part without the
 * cells, as the reader holds it already (its columns, merged areas, rules,
 * tables and drawing stay, which the model's checks read): such a sheet's
 * text is neither inflated nor scanned, however many rows it has. Chart
 * sheets and every other part are copied as their compressed bytes.
 */
import type { RangeAddress } from "../../../core/grid/address";
import type { NeededCells } from "../plan-cells";
import type { OpcPackage } from "./opc";
import { sheetWithOnlyCells } from "./partial-sheet";

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
  for (const [part, { need, withoutCells }] of byPart) {
    if (need === "all") continue;
    if (!need.length && withoutCells !== undefined) {
      pkg.put(part, withoutCells);
      continue;
    }
    const xml = await pkg.text(part);
    if (xml === undefined) continue;
    const cut = sheetWithOnlyCells(xml, need);
    if (cut !== xml) pkg.put(part, cut);
  }
  // Every part but the cut sheets is copied as its compressed bytes.
  return pkg.bytes();
}
