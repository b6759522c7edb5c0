/**
 * The Excel host wired to the fake: the fake's run stands in for Excel.run.
 * The fake implements the subset of Office.js the host uses, so the context
 * is handed over as an Excel.RequestContext.
 */
import { ExcelHost } from "../../../src/hosts/excel/excel-host";
import type { FakeExcel } from "./fake-excel";

export function excelHostOver(fake: FakeExcel, options: { supportsUndoGroup?: boolean; supportsMergedAreas?: boolean; supportsCharts?: boolean; supportsRangeCopy?: boolean } = {}): ExcelHost {
  return new ExcelHost({
    run: (opts, batch) => fake.run(opts, (ctx) => batch(ctx as unknown as Excel.RequestContext)),
    supportsUndoGroup: options.supportsUndoGroup ?? true,
    supportsMergedAreas: options.supportsMergedAreas ?? true,
    supportsCharts: options.supportsCharts ?? true,
    supportsRangeCopy: options.supportsRangeCopy ?? true,
  });
}
