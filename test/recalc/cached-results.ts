/**
 * The cached values a job wrote with its formulas, against what LibreOffice
 * calculates for the same cells. A cell counts as the job's when the output
 * holds a formula with a cached value that the input did not hold in that
 * cell (same formula, same value): the user's own formulas are not compared.
 */
import { formatCell } from "../../src/core/grid/address";
import { isCellError, type CellValue } from "../../src/core/grid/cell";
import type { Grid } from "../../src/hosts/host";
import { PackageWorkbook } from "../../src/hosts/xlsx/package-read";

export interface CachedMismatch {
  sheet: string;
  cell: string;
  formula: string;
  cached: CellValue;
  recalculated: CellValue;
}

export interface CachedComparison {
  /** Formula cells the job wrote with a cached value, each compared. */
  compared: number;
  /** Formula cells the job wrote with no cached value (results it could not vouch for). */
  withoutResult: number;
  bySheet: Record<string, number>;
  withoutBySheet: Record<string, number>;
  mismatches: CachedMismatch[];
}

function same(cached: CellValue, recalculated: CellValue): boolean {
  if (typeof cached === "number") return typeof recalculated === "number" && Math.abs(cached - recalculated) <= Math.max(1e-9, Math.abs(cached) * 1e-12);
  // LibreOffice may store an empty text result as no value at all.
  if (cached === "") return recalculated === "" || recalculated === null;
  if (isCellError(cached)) return isCellError(recalculated) && cached.error === recalculated.error;
  return cached === recalculated;
}

async function grids(bytes: Uint8Array, name: string): Promise<Map<string, Grid>> {
  // The package reader: ExcelJS's model drops a formula's cached result when it is 0 or FALSE.
  const book = await PackageWorkbook.open(bytes, name);
  const outline = await book.outline({ previewRows: 0 });
  const out = new Map<string, Grid>();
  for (const s of outline.sheets) {
    if (!s.usedRange) continue;
    // From A1, so row and column indexes are the same in every file.
    out.set(s.name, await book.read(s.name, `A1:${s.usedRange.split(":").pop()}`));
  }
  return out;
}

export async function compareCachedResults(input: Uint8Array | null, output: Uint8Array, recalculated: Uint8Array, name = "book.xlsx"): Promise<CachedComparison> {
  const before = input ? await grids(input, name) : new Map<string, Grid>();
  const written = await grids(output, name);
  const after = await grids(recalculated, name);
  const result: CachedComparison = { compared: 0, withoutResult: 0, bySheet: {}, withoutBySheet: {}, mismatches: [] };
  for (const [sheet, g] of written) {
    const was = before.get(sheet);
    const now = after.get(sheet);
    g.formulas.forEach((line, i) =>
      line.forEach((formula, j) => {
        if (formula === null) return;
        const cached = g.values[i]?.[j] ?? null;
        const wasFormula = was?.formulas[i]?.[j] ?? null;
        const wasValue = was?.values[i]?.[j] ?? null;
        if (wasFormula === formula && JSON.stringify(wasValue) === JSON.stringify(cached)) return; // the file's own
        if (cached === null) {
          result.withoutResult++;
          result.withoutBySheet[sheet] = (result.withoutBySheet[sheet] ?? 0) + 1;
          return;
        }
        result.compared++;
        result.bySheet[sheet] = (result.bySheet[sheet] ?? 0) + 1;
        const recalc = now?.values[i]?.[j] ?? null;
        if (!same(cached, recalc)) result.mismatches.push({ sheet, cell: formatCell({ row: i + 1, col: j + 1 }), formula, cached, recalculated: recalc });
      }),
    );
  }
  return result;
}
