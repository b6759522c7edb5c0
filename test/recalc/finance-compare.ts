/**
 * Runs the variance job on a workbook, applies its plan, recalculates the
 * result in LibreOffice and compares every computed cell of the summary
 * sheet with the figure core expects there (amounts to the cent).
 */
import { PackageHost } from "../../src/hosts/xlsx/package-host";
import { PackageWorkbook } from "../../src/hosts/xlsx/package-read";
import { planVariance, type VarianceReport } from "../../src/jobs/finance/variance";
import { formatRange } from "../../src/core/grid/address";
import type { CellValue } from "../../src/core/grid/cell";
import { recalculate } from "./libreoffice";
import { compareCachedResults, type CachedComparison } from "./cached-results";

export interface Mismatch {
  cell: string;
  expected: unknown;
  actual: unknown;
}

export interface FinanceComparison {
  report: VarianceReport;
  compared: number;
  mismatches: Mismatch[];
  /** The recalculated output, for a second run (idempotence). */
  output: Uint8Array;
  /** The summary sheet's values as the engine computed them. */
  summary: CellValue[][];
  /** The cached values the job wrote with its formulas, against LibreOffice's results. */
  cached: CachedComparison;
}

function close(expected: unknown, actual: unknown): boolean {
  if (typeof expected === "number") return typeof actual === "number" && Math.abs(expected - actual) <= Math.max(0.005, Math.abs(expected) * 1e-12);
  if (expected === "") return actual === null || actual === "";
  return expected === actual;
}

/** The input is recalculated first, so core reads the same values the engine shows (formulas with no cached result). */
export async function compareFinance(bytes: Uint8Array, name = "book.xlsx"): Promise<FinanceComparison> {
  const fresh = await recalculate(bytes, name);
  // The package host, as pmo variance opens a workbook.
  const host = await PackageHost.open(fresh, name);
  const report = await planVariance(host);
  await host.apply(report.plan);
  const saved = await host.save();
  const output = await recalculate(saved, name);
  const cached = await compareCachedResults(fresh, saved, output, name);
  const after = await PackageWorkbook.open(output, name);
  const { rows, width } = report.layout;
  const grid = await after.read(report.sheet, formatRange({ top: 1, left: 1, bottom: Math.max(1, rows.length), right: Math.max(1, width) }));
  const mismatches: Mismatch[] = [];
  let compared = 0;
  rows.forEach((row, i) =>
    row.forEach((cell, j) => {
      if (cell.expect === undefined) return;
      compared++;
      const actual = grid.values[i]?.[j] ?? null;
      if (!close(cell.expect, actual)) mismatches.push({ cell: formatRange({ top: i + 1, bottom: i + 1, left: j + 1, right: j + 1 }).split(":")[0], expected: cell.expect, actual });
    }),
  );
  return { report, compared, mismatches, output, summary: grid.values, cached };
}
