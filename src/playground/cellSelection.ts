/**
 * The playground's answer to the port's optional selectCell and selection:
 * the file host has no screen, so choosing a finding in the pane switches the
 * playground's sheet view to that sheet and outlines the cell, as Excel would
 * select it, and the cell the person clicked in the sheet view is the
 * selection the pane reads.
 */
import type { CellSelection, WorkbookHost } from "../hosts/host";

export function withCellSelection(host: WorkbookHost, select: (sheet: string, address: string) => void, selected: () => CellSelection | null): WorkbookHost {
  const { readRules, readLooks, undoCoverage, notKeptBy, onCellsChanged } = host;
  return {
    outline: (opts) => host.outline(opts),
    read: (sheet, address) => host.read(sheet, address),
    apply: (plan, progress) => host.apply(plan, progress),
    ...(readRules ? { readRules: readRules.bind(host) } : {}),
    ...(readLooks ? { readLooks: readLooks.bind(host) } : {}),
    ...(undoCoverage ? { undoCoverage: undoCoverage.bind(host) } : {}),
    ...(notKeptBy ? { notKeptBy: notKeptBy.bind(host) } : {}),
    ...(onCellsChanged ? { onCellsChanged: onCellsChanged.bind(host) } : {}),
    selectCell: async (sheet, address) => select(sheet, address),
    selection: async () => selected() ?? (host.selection ? host.selection() : null),
  };
}
