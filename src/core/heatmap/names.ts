/**
 * The names heat-map output goes by, alone in a module of their own so that
 * detection (in the pane's first download) can tell output from registers
 * without carrying the heat-map code.
 */
export const HEAT_MAP_TITLE = "Risk heat map";
export const SNAPSHOT_SHEET = "Risk Snapshot";

/** A sheet a heat-map draw made (its first cell says so): output, not a register. */
export function isHeatMapSheet(firstCell: unknown): boolean {
  return typeof firstCell === "string" && firstCell.startsWith(`${HEAT_MAP_TITLE}: `);
}
