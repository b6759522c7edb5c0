/**
 * The risk bands a rollup counts in, on their own: the CLI needs them
 * before any file is read, without loading what reading a workbook takes.
 */
import { readSettings, RISK_BAND_SETS, type RiskBand } from "../../core/metadata/settings";
import type { WorkbookOutline } from "../../hosts/host";

/** The risk bands a workbook counts in (its settings; the risk template's bands by default). */
export function bandsOf(outline: Pick<WorkbookOutline, "metadata">): RiskBand[] {
  return [...RISK_BAND_SETS[readSettings(outline.metadata.settings).settings.riskBands].bands];
}
