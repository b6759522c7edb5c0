/**
 * A host whose reads are remembered for one job: detection reads a long
 * register's columns to the end of the used range, then the snapshot reads
 * the same rectangle again for the planner. On a 100,000-row register that
 * second read costs as much as the first (and in Excel, round trips), so a
 * read inside a rectangle already read is cut from what came back.
 *
 * Only for the length of one planning job: the workbook must not change
 * while it runs (nothing here applies). Grids are shared, never copied, so
 * callers treat them as read-only, as core does.
 */
import { formatRange, parseRange, rangeContains, rangesIntersect, type RangeAddress } from "../../core/grid/address";
import type { CellsQuery, Grid, WorkbookHost } from "../../hosts/host";

interface Remembered {
  range: RangeAddress;
  grid: Grid;
}

function cut<T>(rows: T[][], from: RangeAddress, to: RangeAddress): T[][] {
  const out: T[][] = [];
  const left = to.left - from.left;
  const right = to.right - from.left + 1;
  const whole = left === 0 && right === rows[0]?.length;
  for (let r = to.top; r <= to.bottom; r++) {
    const row = rows[r - from.top];
    out.push(whole ? row : row.slice(left, right));
  }
  return out;
}

export function rememberingReads(host: WorkbookHost): WorkbookHost {
  const remembered = new Map<string, Remembered[]>(); // by sheet name, lower case
  const read = async (sheet: string, address: string): Promise<Grid> => {
    const key = sheet.toLowerCase();
    const range = parseRange(address);
    const earlier = range ? remembered.get(key)?.find((m) => rangeContains(m.range, range)) : undefined;
    if (range && earlier) {
      const { grid } = earlier;
      if (formatRange(range) === grid.address) return grid;
      return {
        sheet: grid.sheet,
        address: formatRange(range),
        values: cut(grid.values, earlier.range, range),
        formulas: cut(grid.formulas, earlier.range, range),
        numberFormats: cut(grid.numberFormats, earlier.range, range),
        ...(grid.merges ? { merges: grid.merges.filter((m) => { const r = parseRange(m); return !!r && rangesIntersect(r, range); }) } : {}),
      };
    }
    const grid = await host.read(sheet, address);
    const got = parseRange(grid.address);
    if (got) remembered.set(key, [...(remembered.get(key) ?? []), { range: got, grid }]);
    return grid;
  };
  return {
    outline: (opts) => host.outline(opts),
    read,
    apply: (plan, progress) => host.apply(plan, progress),
    ...(host.readRules ? { readRules: (sheet: string, addresses: string[]) => host.readRules!(sheet, addresses) } : {}),
    ...(host.readLooks ? { readLooks: (sheet: string, address: string) => host.readLooks!(sheet, address) } : {}),
    ...(host.queryCells ? { queryCells: (sheet: string, queries: readonly CellsQuery[]) => host.queryCells!(sheet, queries) } : {}),
  };
}
