/**
 * Draws the heat maps of a workbook, recalculates the result in LibreOffice
 * and reads back each map's count cells, beside the counts core placed.
 */
import { parseRange } from "../../src/core/grid/address";
import { countsOf, type MapBasis } from "../../src/core/heatmap/model";
import { countCellAddress } from "../../src/core/heatmap/sheet";
import { PackageWorkbook } from "../../src/hosts/xlsx/package-read";
import type { WorkbookHost } from "../../src/hosts/host";
import { PackageHost } from "../../src/hosts/xlsx/package-host";
import { planHeatMaps, type HeatMapOptions } from "../../src/jobs/heatmap/heatmap";
import { recalculate } from "./libreoffice";
import { compareCachedResults, type CachedComparison } from "./cached-results";

export interface ComparedMap {
  sheet: string;
  subject: string;
  size: [number, number];
  core: { inherent: number[][]; residual: number[][] | null };
  recalculated: { inherent: (unknown)[][]; residual: (unknown)[][] | null };
  formulas: number;
  /** The cached values the drawing wrote (every map of the workbook), against LibreOffice's results. */
  cached: CachedComparison;
}

export async function drawAndRecalculate(bytes: Uint8Array, name: string, options: HeatMapOptions = {}, prepare?: (host: WorkbookHost) => Promise<void>): Promise<ComparedMap[] | string> {
  // The package host, as pmo heatmap opens a workbook.
  const host = await PackageHost.open(bytes, name);
  if (prepare) await prepare(host);
  const drawing = await planHeatMaps(host, options);
  if (!drawing.ok) return drawing.message;
  await host.apply(drawing.plan);
  // The package reader: ExcelJS's model drops a formula's cached result when it is 0.
  const saved = await host.save();
  const recalculated = await recalculate(saved, name.replace(/\.xlsm$/i, ".xlsx"));
  const out = await PackageWorkbook.open(recalculated, name);
  const cached = await compareCachedResults(bytes, saved, recalculated, name);
  const result: ComparedMap[] = [];
  for (const m of drawing.maps) {
    const read = async (basis: MapBasis) => {
      const first = parseRange(countCellAddress(m.map, basis, m.map.size.probability, 1));
      const last = parseRange(countCellAddress(m.map, basis, 1, m.map.size.impact));
      if (!first || !last) throw new Error("bad map address");
      const grid = await out.read(m.sheet, `${countCellAddress(m.map, basis, m.map.size.probability, 1)}:${countCellAddress(m.map, basis, 1, m.map.size.impact)}`);
      return { values: grid.values, formulas: grid.formulas.flat().filter((f) => f !== null).length };
    };
    const inherent = await read("inherent");
    const residual = m.map.residual ? await read("residual") : null;
    result.push({
      sheet: m.sheet,
      subject: m.subject,
      size: [m.map.size.probability, m.map.size.impact],
      core: { inherent: countsOf(m.map.inherent), residual: m.map.residual ? countsOf(m.map.residual) : null },
      recalculated: { inherent: inherent.values, residual: residual?.values ?? null },
      formulas: inherent.formulas + (residual?.formulas ?? 0),
      cached,
    });
  }
  return result;
}

/** A map as text for the report: rows high → low, counts separated by spaces. */
export function mapText(counts: number[][]): string {
  return counts.map((r) => r.join(" ")).join(" / ");
}
