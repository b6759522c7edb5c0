/**
 * "This is a register", started from the person's selection: the sheet and
 * header row of the register they point at. A cell inside a register the
 * toolkit found gives that register's header (and kind); any other cell gives
 * the header row of the block it is in, read from the rows above it.
 */
import { registerArea, type DetectedRegister } from "../../core/detect/detect";
import { headerRowAt } from "../../core/detect/pointed-header";
import { formatRange, parseRange } from "../../core/grid/address";
import type { TemplateKind } from "../../core/templates/schema";
import type { WorkbookHost } from "../../hosts/host";
import { gridToCells, PREVIEW_ROWS } from "./detect";

export interface PointedRegister {
  sheet: string;
  /** The selected cell (the top-left one of a selected range), e.g. "C7". */
  cell: string;
  headerRow: number;
  /** A column of the register's block, so blocks side by side on the header row are told apart. */
  column: number;
  /** When the cell lies in a register the toolkit found: its kind and template. */
  kind?: TemplateKind;
  templateId?: string;
}

/** Where the selection points, or null when the host cannot say (no selection, or not on a sheet with cells). */
export async function registerAtSelection(host: WorkbookHost, found: readonly DetectedRegister[] = []): Promise<PointedRegister | null> {
  const selection = await host.selection?.();
  const range = selection ? parseRange(selection.address) : undefined;
  if (!selection || !range) return null;
  const cell = formatRange({ ...range, bottom: range.top, right: range.left });
  const sheetKey = selection.sheet.toLowerCase();
  const inside = found.find((r) => {
    if (r.sheet.toLowerCase() !== sheetKey) return false;
    const a = registerArea(r);
    return range.top >= a.top && range.top <= a.bottom && range.left >= a.left && range.left <= a.right;
  });
  if (inside) return { sheet: inside.sheet, cell, headerRow: inside.headerRow, column: range.left, kind: inside.kind, templateId: inside.templateId };

  const outline = await host.outline({ previewRows: 0 });
  const sheet = outline.sheets.find((s) => s.name.toLowerCase() === sheetKey);
  const used = sheet?.usedRange ? parseRange(sheet.usedRange) : undefined;
  if (!sheet || !used || range.top > used.bottom) return sheet ? { sheet: sheet.name, cell, headerRow: range.top, column: range.left } : null;
  const top = Math.max(used.top, range.top - PREVIEW_ROWS);
  const grid = await host.read(sheet.name, formatRange({ top, bottom: Math.max(top, range.top), left: used.left, right: used.right }));
  const pointed = headerRowAt(gridToCells(grid, grid.merges ?? []), range.top, range.left);
  return { sheet: sheet.name, cell, headerRow: pointed?.headerRow ?? range.top, column: pointed?.column ?? range.left };
}
