/**
 * The detect job: which registers a workbook holds, where, and how their
 * columns map to template fields. Reads little: the outline's preview rows to
 * find headers, then only the register's columns down to the end of the used
 * range. A mapping a person confirmed (stored in the workbook) wins over
 * detection.
 */
import { columnIndex, columnLetter, formatRange, parseRange, type RangeAddress } from "../../core/grid/address";
import { measureExtent } from "../../core/detect/extent";
import {
  detectAtHeader,
  sheetSearch,
  detectTable,
  isFurtherRegister,
  registerArea,
  type DetectedRegister,
  type DetectOptions,
  type HeaderChoice,
  type MappedColumn,
  type TableInput,
} from "../../core/detect/detect";
import { HEADER_SEARCH_ROWS } from "../../core/detect/locate";
import type { SheetCells } from "../../core/detect/sheet-cells";
import { RowsNotRead } from "../../core/detect/extent";
import { lightBody } from "./light-body";
import { isHeatMapSheet, SNAPSHOT_SHEET } from "../../core/heatmap/names";
import { METADATA_SHEET, type RegisterRecord } from "../../core/metadata/schema";
import { builtInTemplate } from "../../core/templates/catalogue";
import { TemplateKindSchema } from "../../core/templates/schema";
import type { Grid, SheetOutline, WorkbookHost, WorkbookOutline } from "../../hosts/host";

/** Sheets the toolkit draws (heat maps and their snapshot) hold tables that read like registers but are output. */
function isToolkitOutput(sheet: SheetOutline): boolean {
  if (sheet.name === SNAPSHOT_SHEET) return true;
  const preview = sheet.preview;
  return !!preview && preview.address.startsWith("A1:") && isHeatMapSheet(preview.values[0]?.[0]);
}

/**
 * How detection reads. `lightBody`: a long register's rows below the preview
 * are read whole only where needed to tell where it ends, for a job that
 * reads just some of its columns afterwards (the heat map); a job that reads
 * every cell of the register anyway (validation) reads it whole at once.
 */
export interface RegisterSearch extends DetectOptions {
  lightBody?: boolean;
}

/** Rows of each sheet read to look for headers. */
export const PREVIEW_ROWS = 60;

export function gridToCells(grid: Grid, merges: readonly string[] = []): SheetCells {
  const r = parseRange(grid.address);
  if (!r) throw new Error(`host returned a grid with a bad address: ${grid.address}`);
  return {
    sheet: grid.sheet,
    top: r.top,
    left: r.left,
    values: grid.values,
    formulas: grid.formulas,
    numberFormats: grid.numberFormats,
    merges: merges.map((m) => parseRange(m)).filter((m): m is RangeAddress => m !== undefined),
  };
}

function normalisedHeader(text: unknown): string {
  return typeof text === "string" ? text.replace(/\s+/g, " ").trim().toLowerCase() : "";
}

async function fromStoredMapping(host: WorkbookHost, sheet: SheetOutline, record: RegisterRecord): Promise<DetectedRegister | null> {
  const used = sheet.usedRange ? parseRange(sheet.usedRange) : undefined;
  if (!used) return null;
  const headerGrid = await host.read(sheet.name, formatRange({ top: record.headerRow, bottom: record.headerRow, left: used.left, right: used.right }));
  const headers = headerGrid.values[0] ?? [];
  const columns: Record<string, MappedColumn> = {};
  const drift: string[] = [];
  const usedCols = new Set<number>();
  for (const [field, header] of Object.entries(record.mapping)) {
    const i = headers.findIndex((h) => normalisedHeader(h) === normalisedHeader(header));
    if (i < 0) {
      drift.push(`${field}: the confirmed header “${header}” is no longer in row ${record.headerRow}`);
      continue;
    }
    usedCols.add(used.left + i);
    columns[field] = { header: String(headers[i]), column: columnLetter(used.left + i), confidence: 1, lowConfidence: false, source: "stored" };
  }
  const filled = headers.map((h, i) => (normalisedHeader(h) ? used.left + i : 0)).filter((c) => c > 0);
  if (!filled.length) return null;
  const firstCol = Math.min(...filled);
  const lastCol = Math.max(...filled);
  const body = gridToCells(await host.read(sheet.name, formatRange({ top: record.headerRow, bottom: used.bottom, left: firstCol, right: lastCol })), sheet.merges);
  const idCol = columns.id ? columnIndex(columns.id.column) : undefined;
  const extent = measureExtent(body, { headerRow: record.headerRow, firstCol, lastCol, idCol });
  const kind = TemplateKindSchema.safeParse(record.kind);
  return {
    sheet: sheet.name,
    kind: kind.success ? kind.data : (builtInTemplate(record.templateId)?.kind ?? "risk"),
    templateId: record.templateId,
    ...(record.table ? { table: record.table } : {}),
    headerRow: record.headerRow,
    firstRow: extent.firstRow,
    lastRow: extent.lastRow,
    firstColumn: columnLetter(firstCol),
    lastColumn: columnLetter(lastCol),
    confidence: 1,
    columns,
    unmapped: filled.filter((c) => !usedCols.has(c)).map((c) => ({ header: String(headers[c - used.left]), column: columnLetter(c) })),
    skippedRows: { blank: extent.blankRows.filter((r) => r <= extent.lastRow), idOnly: extent.idOnlyRows },
    notes: [`mapping confirmed earlier (template ${record.templateId} ${record.templateVersion})`, ...extent.notes],
    drift,
  };
}

async function detectSheet(host: WorkbookHost, sheet: SheetOutline, options: RegisterSearch): Promise<DetectedRegister[]> {
  const found: DetectedRegister[] = [];
  const tableRanges: RangeAddress[] = [];
  for (const t of sheet.tables) {
    const range = parseRange(t.address);
    if (!range) continue;
    tableRanges.push(range);
    const table = { name: t.name, range, showTotals: t.showTotals };
    const light = options.lightBody ? await lightTable(host, sheet, table, options) : undefined;
    if (light !== undefined) {
      if (light) found.push(light);
      continue;
    }
    const cells = gridToCells(await host.read(sheet.name, t.address), sheet.merges);
    const reg = detectTable(cells, table, options);
    if (reg) found.push(reg);
  }
  if (!sheet.preview) return found;
  const preview = gridToCells(sheet.preview, sheet.merges);
  const used = sheet.usedRange ? parseRange(sheet.usedRange) : undefined;
  const exclude = [...tableRanges];
  // Registers stacked or side by side: each one found is left out of the next search.
  const own: DetectedRegister[] = [];
  const search = sheetSearch(preview, options);
  while (own.length < REGISTERS_PER_SHEET) {
    const finding = search.find(exclude);
    const first = finding.measure();
    if (!first || ((own.length > 0 || found.length > 0) && !isFurtherRegister(first))) break;
    const reg = (await withBody(host, sheet, preview, used, first, (body) => finding.measure(body), options.lightBody)) ?? first;
    own.push(reg);
    exclude.push(registerArea(reg));
  }
  return [...found, ...own];
}

/**
 * A long table whose header is the sheet's first row: mapped from the
 * preview (all the rows mapping looks at), measured down a light body
 * (light-body.ts). Undefined when that cannot be done, and the table is read
 * whole.
 */
async function lightTable(host: WorkbookHost, sheet: SheetOutline, table: TableInput, options: RegisterSearch): Promise<DetectedRegister | null | undefined> {
  if (!sheet.preview) return undefined;
  const preview = gridToCells(sheet.preview, sheet.merges);
  const previewBottom = preview.top + preview.values.length - 1;
  // Mapping reads the rows HEADER_SEARCH_ROWS down from the header: the preview must hold them all.
  if (table.range.top !== preview.top || previewBottom < table.range.top + HEADER_SEARCH_ROWS - 1 || table.range.bottom <= previewBottom) return undefined;
  // The table's columns alone, as reading the table gives them.
  const cut = <T>(rows: T[][] | undefined) => (rows ?? []).map((row) => row.slice(table.range.left - preview.left, table.range.right - preview.left + 1));
  const head: SheetCells = { ...preview, left: table.range.left, values: cut(preview.values), formulas: cut(preview.formulas), numberFormats: cut(preview.numberFormats) };
  const first = detectTable(head, table, options);
  if (!first) return undefined;
  const idCol = first.columns.id ? columnIndex(first.columns.id.column) : undefined;
  const body = await lightBody(host, { sheet: sheet.name, head, left: table.range.left, right: table.range.right, bottom: table.range.bottom, headerRow: table.range.top, firstRow: first.firstRow, idCol, merges: preview.merges });
  if (!body) return undefined;
  try {
    return detectTable(head, table, options, body);
  } catch (e) {
    if (e instanceof RowsNotRead) return undefined;
    throw e;
  }
}

/** Registers looked for on one sheet, beyond its Excel tables. */
const REGISTERS_PER_SHEET = 4;

/**
 * A register that runs past the preview: read just its columns to the end of
 * the used range and measure it again. With `light`, rows below the preview
 * proven plain records are not read whole (light-body.ts), unless measuring
 * needs them after all.
 */
async function withBody(
  host: WorkbookHost,
  sheet: SheetOutline,
  preview: SheetCells,
  used: RangeAddress | undefined,
  first: DetectedRegister,
  again: (body: SheetCells) => DetectedRegister | null,
  light = false,
): Promise<DetectedRegister | null> {
  const previewBottom = preview.top + preview.values.length - 1;
  if (!used || used.bottom <= previewBottom || first.lastRow < previewBottom - 5) return first;
  const left = columnIndex(first.firstColumn) ?? preview.left;
  const right = columnIndex(first.lastColumn) ?? left;
  if (light) {
    const idCol = first.columns.id ? columnIndex(first.columns.id.column) : undefined;
    const body = await lightBody(host, { sheet: sheet.name, head: preview, left, right, bottom: used.bottom, headerRow: first.headerRow, firstRow: first.firstRow, idCol, merges: preview.merges });
    try {
      if (body) return again(body);
    } catch (e) {
      if (!(e instanceof RowsNotRead)) throw e;
    }
  }
  const body = gridToCells(await host.read(sheet.name, formatRange({ top: preview.top, bottom: used.bottom, left, right })), sheet.merges);
  return again(body);
}

/**
 * The register whose header is on the row a person gave (or whose header
 * holds the cell they selected), on one sheet.
 */
export async function detectRegisterAt(host: WorkbookHost, outline: WorkbookOutline, sheetName: string, choice: HeaderChoice, options: DetectOptions = {}): Promise<DetectedRegister | null> {
  const sheet = outline.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  const used = sheet?.usedRange ? parseRange(sheet.usedRange) : undefined;
  if (!sheet || !used || choice.headerRow > used.bottom) return null;
  const top = Math.max(1, choice.headerRow - 4);
  const cells = gridToCells(await host.read(sheet.name, formatRange({ top, bottom: Math.min(used.bottom, choice.headerRow + PREVIEW_ROWS), left: 1, right: used.right })), sheet.merges);
  const first = detectAtHeader(cells, choice, options);
  if (!first) return null;
  return (await withBody(host, sheet, cells, used, first, (body) => detectAtHeader(cells, choice, options, body))) ?? first;
}

/**
 * Every register the workbook holds, in sheet order. A caller that already
 * read the outline (with PREVIEW_ROWS preview rows) passes it in: in Excel an
 * outline costs round trips.
 */
export async function detectRegisters(host: WorkbookHost, options: RegisterSearch = {}, knownOutline?: WorkbookOutline): Promise<DetectedRegister[]> {
  const outline = knownOutline ?? (await host.outline({ previewRows: PREVIEW_ROWS }));
  const confirmed = outline.metadata.registers.filter((r) => r.confirmed);
  const out: DetectedRegister[] = [];
  for (const sheet of outline.sheets) {
    if (sheet.name === METADATA_SHEET || isToolkitOutput(sheet)) continue;
    const stored = confirmed.filter((r) => r.sheet === sheet.name);
    if (stored.length) {
      for (const record of stored) {
        const reg = await fromStoredMapping(host, sheet, record);
        if (reg) out.push(reg);
      }
      continue;
    }
    out.push(...(await detectSheet(host, sheet, options)));
  }
  return out;
}

/** One register as `pmo inspect --json` shows it: detection's view without its working detail (how each column was matched, skipped rows). */
export type InspectRegister = Pick<
  DetectedRegister,
  "sheet" | "kind" | "templateId" | "table" | "headerRow" | "firstRow" | "lastRow" | "firstColumn" | "lastColumn" | "confidence" | "unmapped" | "notes" | "drift" | "doubts" | "uncertainKind" | "repeatedHeaderRows" | "subtotalRows"
> & { columns: Record<string, Omit<MappedColumn, "source">> };

export interface InspectJson {
  file: string;
  registers: InspectRegister[];
}

/** The `pmo inspect --json` document (CLI contract, DESIGN §7). */
export function toInspectJson(file: string, registers: DetectedRegister[]): InspectJson {
  return {
    file,
    registers: registers.map((r) => ({
      sheet: r.sheet,
      kind: r.kind,
      templateId: r.templateId,
      ...(r.table ? { table: r.table } : {}),
      headerRow: r.headerRow,
      firstRow: r.firstRow,
      lastRow: r.lastRow,
      firstColumn: r.firstColumn,
      lastColumn: r.lastColumn,
      confidence: r.confidence,
      columns: Object.fromEntries(
        Object.entries(r.columns).map(([field, c]) => [field, { header: c.header, column: c.column, confidence: c.confidence, lowConfidence: c.lowConfidence }]),
      ),
      unmapped: r.unmapped,
      notes: r.notes,
      drift: r.drift,
      ...(r.doubts ? { doubts: r.doubts } : {}),
      ...(r.uncertainKind ? { uncertainKind: true } : {}),
      ...(r.repeatedHeaderRows ? { repeatedHeaderRows: r.repeatedHeaderRows, subtotalRows: r.subtotalRows ?? [] } : {}),
    })),
  };
}
