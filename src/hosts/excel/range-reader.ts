/**
 * Reads the cells of ranges (values, formulas, number formats) in as few
 * syncs as the payload limit allows: small ranges share a sync, a big one is
 * read in row blocks sized from what the previous block weighed. A block
 * Excel refuses as too large is read again in halves.
 */
import { formatRange, rangeHeight, rangeWidth, type RangeAddress } from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import { cellValueFrom, formulaFrom } from "./cell-read";
import { READ_BYTES_PER_CELL_GUESS, SYNC_BUDGET_BYTES, readBlockRows, rowBytes } from "./payload";
import { readsInSyncsOfItsOwn } from "./undo-sheet";

export interface CellsRead {
  values: CellValue[][];
  formulas: (string | null)[][];
  numberFormats: string[][];
}

export interface ReadRequest {
  sheet: string;
  range: RangeAddress;
}

const FIELDS = "values, formulas, numberFormat, valueTypes";

/** Excel refused the sync's request or response as over its payload limit. */
export function isPayloadRefusal(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" && /PayloadSizeLimitExceeded/.test(code);
}

function convert(range: Excel.Range, into: CellsRead): number {
  const values = range.values;
  const formulas = range.formulas;
  const formats = range.numberFormat as unknown[][];
  const types = range.valueTypes as string[][];
  let bytes = 0;
  values.forEach((row, i) => {
    const f = formulas[i] ?? [];
    const t = types[i] ?? [];
    const nf = formats[i] ?? [];
    bytes += rowBytes(row) + rowBytes(f) + rowBytes(nf) + rowBytes(t);
    into.values.push(row.map((v, j) => cellValueFrom(v, t[j])));
    into.formulas.push(row.map((v, j) => formulaFrom(f[j], v, t[j])));
    into.numberFormats.push(nf.map((x) => (typeof x === "string" && x !== "" ? x : "General")));
  });
  return bytes;
}

function emptyRead(): CellsRead {
  return { values: [], formulas: [], numberFormats: [] };
}

/** Reads every request; results come back in request order. */
export async function readRanges(ctx: Excel.RequestContext, requests: ReadRequest[], budget = SYNC_BUDGET_BYTES): Promise<CellsRead[]> {
  const results = requests.map(() => emptyRead());
  const small: number[] = [];
  const big: number[] = [];
  requests.forEach((r, i) => (readsInSyncsOfItsOwn(rangeWidth(r.range) * rangeHeight(r.range), budget) ? big : small).push(i));

  // Small ranges: packed into shared syncs by their estimated size.
  let pending: { index: number; proxy: Excel.Range }[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    pendingBytes = 0;
    try {
      await ctx.sync();
    } catch (e) {
      // The guess was too light (long text): each range is read again in row blocks sized from what they weigh.
      if (!isPayloadRefusal(e)) throw e;
      for (const p of batch) await readInBlocks(ctx, requests[p.index] as ReadRequest, results[p.index] as CellsRead, budget);
      return;
    }
    for (const p of batch) convert(p.proxy, results[p.index] as CellsRead);
  };
  for (const i of small) {
    const r = requests[i] as ReadRequest;
    const estimate = rangeWidth(r.range) * rangeHeight(r.range) * READ_BYTES_PER_CELL_GUESS;
    if (pendingBytes + estimate > budget) await flush();
    const proxy = ctx.workbook.worksheets.getItem(r.sheet).getRange(formatRange(r.range)).load(FIELDS);
    pending.push({ index: i, proxy });
    pendingBytes += estimate;
  }
  await flush();

  for (const i of big) await readInBlocks(ctx, requests[i] as ReadRequest, results[i] as CellsRead, budget);
  return results;
}

async function readInBlocks(ctx: Excel.RequestContext, req: ReadRequest, into: CellsRead, budget: number): Promise<void> {
  const width = rangeWidth(req.range);
  let perCell = READ_BYTES_PER_CELL_GUESS;
  let top = req.range.top;
  while (top <= req.range.bottom) {
    const rows = Math.min(readBlockRows(width, perCell, budget), req.range.bottom - top + 1);
    const block = { ...req.range, top, bottom: top + rows - 1 };
    const proxy = ctx.workbook.worksheets.getItem(req.sheet).getRange(formatRange(block)).load(FIELDS);
    try {
      await ctx.sync();
    } catch (e) {
      if (!isPayloadRefusal(e) || rows === 1) throw e;
      perCell *= 2;
      continue;
    }
    const bytes = convert(proxy, into);
    // Size the next block from this one, with room for heavier rows further down.
    perCell = Math.max(8, (bytes / (rows * width)) * 1.5);
    top += rows;
  }
}
