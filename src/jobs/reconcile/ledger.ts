/**
 * Reading a finance ledger export: its header and columns are found like a
 * register's (detection with the ledger template), then every line after the
 * header is added up as it streams past. The rows come in blocks, from a CSV
 * file streamed in bounded memory or from a workbook's sheet read in row
 * blocks through the host port.
 */
import { columnIndex, formatRange, parseRange } from "../../core/grid/address";
import type { CellValue } from "../../core/grid/cell";
import { detectInSheet, type DetectedRegister } from "../../core/detect/detect";
import { LedgerTally, type KeyFields, type LedgerColumns, type LedgerSummary } from "../../core/reconcile";
import { builtInTemplate } from "../../core/templates/catalogue";
import { WorkbookError, type WorkbookHost } from "../../hosts/host";
import { detectRegisters, PREVIEW_ROWS } from "../registers/detect";

export interface LedgerBlock {
  values: CellValue[][];
  /** Number formats, where the source has them (dates in a workbook). */
  formats?: string[][];
}

/** A ledger's rows from its first row, in blocks. */
export interface LedgerRows {
  file: string;
  sheet: string;
  blocks: AsyncIterable<LedgerBlock>;
}

export interface LedgerRead {
  summary: LedgerSummary;
  keyFields: KeyFields;
  /** field id → "header (column)", for the report. */
  columns: Record<string, string>;
  headerRow: number;
  notes: string[];
}

const LEDGER_TEMPLATE = [builtInTemplate("ledger")].filter((t) => t !== undefined);

function columnsOf(reg: DetectedRegister): LedgerColumns {
  const at = (field: string): number | undefined => {
    const c = reg.columns[field];
    const i = c ? columnIndex(c.column) : undefined;
    return i === undefined ? undefined : i - 1;
  };
  const amount = at("amount");
  if (amount === undefined) throw new Error("ledger without an amount column");
  const picked: LedgerColumns = { amount };
  for (const f of ["project", "costCode", "period", "postingDate", "documentId", "description"] as const) {
    const i = at(f);
    if (i !== undefined) picked[f] = i;
  }
  return picked;
}

function keyFieldsFor(trackerHas: { project: boolean; costCode: boolean; period: boolean }, ledger: LedgerColumns, file: string, notes: string[]): KeyFields {
  const fields: KeyFields = {
    project: trackerHas.project && ledger.project !== undefined,
    costCode: trackerHas.costCode && ledger.costCode !== undefined,
    byPeriod: trackerHas.period && (ledger.period !== undefined || ledger.postingDate !== undefined),
  };
  if (!fields.project && !fields.costCode) {
    const t = [trackerHas.project && "project", trackerHas.costCode && "cost code"].filter(Boolean).join(" and ") || "neither project nor cost code";
    const l = [ledger.project !== undefined && "project", ledger.costCode !== undefined && "cost code"].filter(Boolean).join(" and ") || "neither project nor cost code";
    throw new WorkbookError(`cannot match the tracker to ${file}: the tracker has ${t}, the ledger has ${l}; both need a project or a cost code column`, { file });
  }
  if (trackerHas.project && !fields.project) notes.push("the ledger has no project column, so lines are matched by cost code alone");
  if (trackerHas.costCode && !fields.costCode && ledger.costCode === undefined) notes.push("the ledger has no cost code column, so lines are matched by project alone");
  if (!trackerHas.period) notes.push("the tracker has actuals to date, not by period, so ledger lines of every period are added up per key");
  else if (!fields.byPeriod) notes.push("the ledger has no period or posting date, so actuals are compared in total per key");
  return fields;
}

/** Reads and adds up a ledger for a tracker with these key fields. */
export async function readLedger(rows: LedgerRows, trackerHas: { project: boolean; costCode: boolean; period: boolean }, progress?: (linesRead: number) => void): Promise<LedgerRead> {
  const iterator = rows.blocks[Symbol.asyncIterator]();
  const head: LedgerBlock = { values: [], formats: [] };
  let done = false;
  while (head.values.length < PREVIEW_ROWS && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else {
      head.values.push(...next.value.values);
      head.formats?.push(...(next.value.formats ?? next.value.values.map((r) => r.map(() => "General"))));
    }
  }
  const register = detectInSheet({ sheet: rows.sheet, top: 1, left: 1, values: head.values.slice(0, PREVIEW_ROWS), numberFormats: head.formats?.slice(0, PREVIEW_ROWS), merges: [] }, { templates: LEDGER_TEMPLATE });
  if (!register || !register.columns.amount) {
    const firstRow = head.values.find((r) => r.some((v) => v !== null && v !== ""));
    throw new WorkbookError(
      `${rows.file}: no ledger header with an amount column found in its first ${PREVIEW_ROWS} rows${firstRow ? ` (the first row reads ${firstRow.slice(0, 8).map((v) => `“${String(v ?? "")}”`).join(", ")})` : " (it is empty)"}`,
      { file: rows.file, sheet: rows.sheet },
    );
  }
  const notes: string[] = [];
  const columns = columnsOf(register);
  const keyFields = keyFieldsFor(trackerHas, columns, rows.file, notes);
  const tally = new LedgerTally({ file: rows.file, sheet: rows.sheet, firstColumn: 1 }, columns, keyFields);
  let rowNumber = 0;
  const feed = (block: LedgerBlock) => {
    for (let i = 0; i < block.values.length; i++) {
      rowNumber++;
      if (rowNumber <= register.headerRow) continue;
      tally.add(block.values[i], rowNumber, block.formats?.[i]);
    }
    progress?.(rowNumber);
  };
  feed(head);
  while (!done) {
    const next = await iterator.next();
    if (next.done) break;
    feed(next.value);
  }
  const summary = tally.summary();
  if (summary.totalRows) notes.push(`${summary.totalRows} total ${summary.totalRows === 1 ? "row" : "rows"} in the ledger left out (they would count lines twice)`);
  return {
    summary,
    keyFields,
    columns: Object.fromEntries(Object.entries(register.columns).map(([f, c]) => [f, `${c.header} (${c.column})`])),
    headerRow: register.headerRow,
    notes,
  };
}

/** Rows per read when a ledger lives in a workbook. */
const READ_BLOCK = 20_000;

/** A ledger kept in a workbook (.xlsx): the sheet whose register is a ledger, read in row blocks. */
export async function ledgerRowsFromHost(host: WorkbookHost, file: string): Promise<LedgerRows> {
  const outline = await host.outline({ previewRows: PREVIEW_ROWS });
  const ledgers = (await detectRegisters(host, {}, outline)).filter((r) => r.kind === "ledger").sort((a, b) => b.lastRow - b.firstRow - (a.lastRow - a.firstRow));
  const sheet = ledgers[0]?.sheet ?? outline.sheets.find((s) => s.usedRange && s.visibility === "visible")?.name;
  const used = outline.sheets.find((s) => s.name === sheet)?.usedRange;
  const range = used ? parseRange(used) : undefined;
  if (!sheet || !range) throw new WorkbookError(`${file} has no sheet with a ledger in it`, { file });
  const name = sheet;
  const { bottom: last, right } = range;
  async function* blocks(): AsyncGenerator<LedgerBlock> {
    for (let top = 1; top <= last; top += READ_BLOCK) {
      const bottom = Math.min(last, top + READ_BLOCK - 1);
      const grid = await host.read(name, formatRange({ top, bottom, left: 1, right }));
      yield { values: grid.values, formats: grid.numberFormats };
    }
  }
  return { file, sheet, blocks: blocks() };
}
