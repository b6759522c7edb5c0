/**
 * One style object for every group of cells that look the same.
 *
 * ExcelJS gives each cell it creates (a new cell, or one read from a file
 * without an `s` attribute) a style object of its own. When it saves, it finds
 * a cell's style id through a WeakMap keyed by the style OBJECT, so every
 * distinct object costs the slow path (render the style's XML, look it up)
 * and a WeakMap entry: at 100,000 rows that is seconds and a lot of garbage.
 * Cells read with a style already share ExcelJS's object per style id; this
 * gives the others the same treatment.
 *
 * Sharing is safe because nothing here mutates a cell's style object: edits
 * replace `cell.style` whole (see apply.ts), as ExcelJS itself does when it
 * merges cells. Code that sets `cell.numFmt`/`cell.font` on a workbook the
 * host opened would change every cell sharing that object; it must assign
 * `cell.style` instead.
 */
import type ExcelJS from "exceljs";

type Style = Partial<ExcelJS.Style>;

/** The style of every cell that has none; frozen so a stray mutation cannot restyle the whole workbook. */
export const NO_STYLE: Style = Object.freeze({}) as Style;

function isEmptyStyle(style: Style | undefined): boolean {
  if (!style) return true;
  for (const key in style) if ((style as Record<string, unknown>)[key] !== undefined) return false;
  return true;
}

/**
 * Interns styles by their parts. Two styles are the same when their number
 * format text is equal and their font, fill, border, alignment and protection
 * are the same objects (ExcelJS shares those parts between the styles it reads
 * and the ones it merges from a row or column), so no deep comparison is needed.
 */
export class StyleInterner {
  private readonly partIds = new WeakMap<object, number>();
  private nextPartId = 1;
  private readonly byKey = new Map<string, Style>();
  private readonly byObject = new WeakMap<object, Style>();

  private partId(part: unknown): number {
    if (part === undefined || part === null || typeof part !== "object") return 0;
    let id = this.partIds.get(part);
    if (id === undefined) this.partIds.set(part, (id = this.nextPartId++));
    return id;
  }

  /** The shared object equal to style (style itself the first time a look is seen). */
  share(style: Style | undefined): Style {
    if (isEmptyStyle(style)) return NO_STYLE;
    const s = style as Style;
    const known = this.byObject.get(s);
    if (known) return known;
    const key = `${s.numFmt ?? ""}\u0000${this.partId(s.font)}.${this.partId(s.fill)}.${this.partId(s.border)}.${this.partId(s.alignment)}.${this.partId(s.protection)}`;
    let shared = this.byKey.get(key);
    if (!shared) this.byKey.set(key, (shared = s));
    this.byObject.set(s, shared);
    return shared;
  }
}

/**
 * Points every unstyled cell of the workbook at NO_STYLE. Run once after a
 * file is read: ExcelJS gives each such cell its own empty object.
 */
export function shareEmptyStyles(workbook: ExcelJS.Workbook): void {
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.style !== NO_STYLE && isEmptyStyle(cell.style)) cell.style = NO_STYLE;
      });
    });
  }
}

/** The cell's style, as NO_STYLE when it has none: the key to use when caching what a style becomes. */
export function styleOf(cell: ExcelJS.Cell): Style {
  return isEmptyStyle(cell.style) ? NO_STYLE : cell.style;
}

/** Gives a cell ExcelJS just created (with an empty style object of its own) the shared NO_STYLE. */
export function shareIfUnstyled(cell: ExcelJS.Cell): void {
  if (cell.style !== NO_STYLE && isEmptyStyle(cell.style)) cell.style = NO_STYLE;
}
