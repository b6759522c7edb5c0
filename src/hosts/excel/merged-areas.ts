/**
 * Merged areas of a range. Range.getMergedAreasOrNullObject (ExcelApi 1.13):
 * "if the merged areas count in this range is more than 512, then this method
 * will fail to return the result". A register with a merged cell per record
 * passes 512 areas after 512 rows, so a refused read is tried again in two
 * halves of rows until each half answers. Each read goes out in a sync of its
 * own, so its failure never takes other queued reads with it.
 */
import { formatRange, type RangeAddress } from "../../core/grid/address";
import { officeAreas } from "./read-rules";

/** Excel's own answer when a sheet or range does not exist: not a matter of too many areas. */
function isMissing(e: unknown): boolean {
  return (e as { code?: unknown })?.code === "ItemNotFound";
}

export async function readMergedAreas(ctx: Excel.RequestContext, sheet: string, range: RangeAddress): Promise<RangeAddress[]> {
  const areas = ctx.workbook.worksheets.getItem(sheet).getRange(formatRange(range)).getMergedAreasOrNullObject().load("address");
  try {
    await ctx.sync();
  } catch (e) {
    // The error Excel gives for too many areas is not documented; any refusal but a missing sheet splits the range.
    if (isMissing(e) || range.top === range.bottom) throw e;
    const middle = Math.floor((range.top + range.bottom) / 2);
    const upper = await readMergedAreas(ctx, sheet, { ...range, bottom: middle });
    const lower = await readMergedAreas(ctx, sheet, { ...range, top: middle + 1 });
    // An area crossing the cut is reported by both halves.
    return [...upper, ...lower.filter((a) => !upper.some((u) => formatRange(u) === formatRange(a)))];
  }
  return areas.isNullObject ? [] : officeAreas(areas.address);
}
