import { parseRange, rangeHeight, rangeWidth } from "../../../core/grid/address";
import { METADATA_SHEET, type RegisterRecord } from "../../../core/metadata/schema";
import type { SheetOutline, WorkbookOutline } from "../../../hosts/host";

export interface SheetSummary {
  name: string;
  /** The name has spaces at its start or end: formulas and lookups that type it will miss. */
  untidyName: boolean;
  visibility: SheetOutline["visibility"];
  usedRange: string | null;
  /** "39 rows × 12 columns", or null for an empty sheet. */
  size: string | null;
  tables: { name: string; address: string; columns: number; showTotals: boolean }[];
  /** Registers the workbook record says live on this sheet. */
  registers: RegisterRecord[];
}

export interface WorkbookSummary {
  name: string;
  sheets: SheetSummary[];
  tableCount: number;
  registerCount: number;
  /** True when no sheet holds anything: nothing for a job to work on. */
  empty: boolean;
}

function plural(n: number, one: string): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : `${one}s`}`;
}

function sizeOf(usedRange: string | null): string | null {
  const r = usedRange ? parseRange(usedRange) : undefined;
  return r ? `${plural(rangeHeight(r), "row")} × ${plural(rangeWidth(r), "column")}` : null;
}

/** What the Overview panel shows (and `pmo inspect` prints): the toolkit's own record sheet left out. */
export function summariseWorkbook(outline: WorkbookOutline): WorkbookSummary {
  const sheets = [...outline.sheets]
    .filter((s) => s.name !== METADATA_SHEET)
    .sort((a, b) => a.position - b.position)
    .map(
      (s): SheetSummary => ({
        name: s.name,
        untidyName: s.name !== s.name.trim(),
        visibility: s.visibility,
        usedRange: s.usedRange,
        size: sizeOf(s.usedRange),
        tables: s.tables.map((t) => ({ name: t.name, address: t.address, columns: t.headers.length, showTotals: t.showTotals })),
        registers: outline.metadata.registers.filter((r) => r.sheet === s.name),
      }),
    );
  return {
    name: outline.name,
    sheets,
    tableCount: sheets.reduce((n, s) => n + s.tables.length, 0),
    registerCount: outline.metadata.registers.length,
    empty: sheets.every((s) => s.usedRange === null),
  };
}

export { plural };
