/**
 * An in-memory Excel for testing the Excel host: `run` stands in for
 * `Excel.run`, each run gets a fresh request context whose syncs are counted
 * and measured; `seed` and `dump` set up and inspect the workbook as data.
 * A run with `mergeUndoGroup` keeps a snapshot so `undo()` can play Excel's
 * Ctrl+Z for that one group.
 */
import { formatRange, parseCell, parseRange } from "../../../src/core/grid/address";
import type { SeedCell, WorkbookSeed } from "../workbook-seed";
import { FakeOfficeError, type FakePlatform, type SyncRecord } from "./context";
import { FakeRequestContext, type FakeChangeHandler } from "./proxies";
import { newSheet, newWorkbookState, rowOf, subtractRange, type ConditionalFormatState, type StoredValue, type WorkbookState } from "./state";

export interface RunRecord {
  mergeUndoGroup: boolean;
  delayForCellEdit: boolean;
  /** Application.calculate calls queued in the run. */
  recalculations: number;
  syncs: SyncRecord[];
  suspendedCalculation: number;
  /** Commands still queued when the batch returned (Excel would run them in a last sync). */
  pendingAtEnd: number;
}

export interface DumpedCell {
  value: StoredValue;
  formula?: string;
  numberFormat?: string;
}

export interface SheetDump {
  name: string;
  position: number;
  visibility: string;
  cells: Record<string, DumpedCell>;
  tables: { name: string; address: string; showTotals: boolean; style: string }[];
  validations: { address: string; rule: Record<string, unknown>; ignoreBlanks: boolean; prompt?: unknown; errorAlert?: unknown }[];
  conditionalFormats: Omit<ConditionalFormatState, "id" | "range">[] & { address?: string }[];
  columnWidths: Record<string, number>;
  merges: string[];
}

const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;

function seedValue(cell: SeedCell): { v: StoredValue; f?: string } {
  if (cell !== null && typeof cell === "object") {
    if ("formula" in cell) return { v: null, f: cell.formula };
    return { v: { error: cell.error } };
  }
  return { v: cell };
}

export class FakeExcel {
  state: WorkbookState = newWorkbookState();
  readonly runs: RunRecord[] = [];
  private undoStack: WorkbookState[] = [];
  /** Snapshots for undo cost a copy of the workbook; the scale runs turn them off. */
  keepUndoSnapshots = true;
  /**
   * Which Excel this plays. The undo-group refusals differ: "Undo capabilities
   * with the Excel JavaScript API" lists Worksheet.delete as unsupported
   * everywhere and Worksheet.visibility as unsupported on Windows and Mac.
   */
  platform: FakePlatform = "windows";
  /**
   * The user is typing in a cell. RunOptions.delayForCellEdit: "When false, if
   * the user is in cell edit mode, the batch will automatically fail"; when
   * true the batch waits until the user leaves the cell.
   */
  editingCell = false;
  /** Handlers registered through worksheets.onChanged; they outlive the run that added them, as in Excel. */
  readonly changeHandlers = new Set<FakeChangeHandler>();
  /** Makes the run numbered `run` (index into `runs`) fail at its `command`-th command. */
  injectFailure: { run: number; command: number } | undefined;

  constructor(platform: FakePlatform = "windows") {
    this.platform = platform;
  }

  static fromSeed(seed: WorkbookSeed, platform: FakePlatform = "windows"): FakeExcel {
    const fake = new FakeExcel(platform);
    fake.seed(seed);
    return fake;
  }

  seed(seed: WorkbookSeed): void {
    const state = newWorkbookState();
    for (const s of seed.sheets) {
      const sheet = newSheet(state, s.name);
      sheet.visibility = VISIBILITY[s.visibility ?? "visible"];
      const origin = parseCell(s.origin ?? "A1");
      if (!origin) throw new Error(`seed: bad origin ${s.origin}`);
      (s.rows ?? []).forEach((line, i) =>
        line.forEach((cell, j) => {
          if (cell === null) return;
          const { v, f } = seedValue(cell);
          const store = rowOf(sheet, origin.row + i);
          store.v[origin.col + j] = v;
          store.f[origin.col + j] = f;
        }),
      );
      for (const [address, format] of Object.entries(s.numberFormats ?? {})) {
        const r = parseRange(address);
        if (!r) throw new Error(`seed: bad range ${address}`);
        for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) rowOf(sheet, row).nf[c] = format;
      }
      sheet.merges = (s.merges ?? []).map((m) => {
        const r = parseRange(m);
        if (!r) throw new Error(`seed: bad merge ${m}`);
        return r;
      });
      sheet.tables = (s.tables ?? []).map((t) => {
        const r = parseRange(t.address);
        if (!r) throw new Error(`seed: bad table range ${t.address}`);
        return { id: state.nextId++, name: t.name, range: r, showTotals: t.showTotals === true, style: "TableStyleMedium2" };
      });
      state.sheets.push(sheet);
    }
    this.state = state;
  }

  /** Stands in for `Excel.run(options, batch)`. */
  async run<T>(options: { mergeUndoGroup?: boolean; delayForCellEdit?: boolean }, batch: (ctx: FakeRequestContext) => Promise<T>): Promise<T> {
    const merge = options.mergeUndoGroup === true;
    const delay = options.delayForCellEdit === true;
    if (merge && this.keepUndoSnapshots) this.undoStack.push(structuredClone(this.state));
    const failure = this.injectFailure?.run === this.runs.length ? this.injectFailure.command : undefined;
    const ctx = new FakeRequestContext(this.state, { undoGroup: merge, platform: this.platform }, failure, this.changeHandlers);
    const record: RunRecord = { mergeUndoGroup: merge, delayForCellEdit: delay, recalculations: 0, syncs: ctx.core.syncs, suspendedCalculation: 0, pendingAtEnd: 0 };
    this.runs.push(record);
    if (this.editingCell && !delay) throw new FakeOfficeError("InvalidOperation", "the user is editing a cell and the batch did not ask to wait (delayForCellEdit)");
    try {
      const result = await batch(ctx);
      record.pendingAtEnd = ctx.core.pending;
      if (ctx.core.pending) await ctx.sync();
      return result;
    } finally {
      record.suspendedCalculation = ctx.core.suspendedCalculation;
      record.recalculations = ctx.core.recalculations;
    }
  }

  /** The person clicks (or Ctrl-clicks several areas: "B2:C3,E5") on a sheet, making it active. */
  userSelects(sheet: string, address: string, activeCell?: string): void {
    const s = this.state.sheets.find((x) => x.name.toLowerCase() === sheet.toLowerCase());
    if (!s) throw new Error(`no sheet ${sheet}`);
    this.state.activeSheetId = s.id;
    this.state.selection = { sheetId: s.id, address, ...(activeCell ? { activeCell } : {}) };
  }

  /**
   * The person types or pastes values into a range (values only, as typed).
   * A paste brings the copied cells' validation with it, so `paste` drops the
   * drop-downs there, as pasting from cells without one does. Then every
   * onChanged handler hears of it, as Excel raises WorksheetChanged.
   */
  async userEdits(sheet: string, address: string, values: StoredValue[][], how: "type" | "paste" = "type"): Promise<void> {
    const s = this.state.sheets.find((x) => x.name.toLowerCase() === sheet.toLowerCase());
    const r = parseRange(address);
    if (!s || !r) throw new Error(`bad edit ${sheet}!${address}`);
    values.forEach((line, i) =>
      line.forEach((v, j) => {
        const store = rowOf(s, r.top + i);
        store.v[r.left + j] = v;
        store.f[r.left + j] = undefined;
      }),
    );
    if (how === "paste") s.validations = s.validations.flatMap((v) => subtractRange(v.range, r).map((range) => ({ ...v, range })));
    const args = { type: "WorksheetChanged", worksheetId: `{sheet-${s.id}}`, address: formatRange(r), changeType: "RangeEdited", source: "Local" } as const;
    for (const handler of [...this.changeHandlers]) await handler(args);
  }

  /** Ctrl+Z after a merged-undo run: the workbook as it was before that run. */
  undo(): void {
    const previous = this.undoStack.pop();
    if (!previous) throw new Error("nothing to undo");
    this.state = previous;
  }

  get lastRun(): RunRecord {
    const r = this.runs[this.runs.length - 1];
    if (!r) throw new Error("no run yet");
    return r;
  }

  dump(): SheetDump[] {
    return this.state.sheets.map((sheet, position) => {
      const cells: Record<string, DumpedCell> = {};
      const rows = [...sheet.rows.keys()].sort((a, b) => a - b);
      for (const row of rows) {
        const store = sheet.rows.get(row);
        if (!store) continue;
        const width = Math.max(store.v.length, store.f.length, store.nf.length);
        for (let c = 1; c < width; c++) {
          const v = store.v[c] ?? null;
          const f = store.f[c];
          const nf = store.nf[c];
          if ((v === null || v === "") && f === undefined && nf === undefined) continue;
          const cell: DumpedCell = { value: v };
          if (f !== undefined) cell.formula = f;
          if (nf !== undefined) cell.numberFormat = nf;
          cells[formatRange({ top: row, bottom: row, left: c, right: c })] = cell;
        }
      }
      return {
        name: sheet.name,
        position,
        visibility: sheet.visibility,
        cells,
        tables: sheet.tables.map((t) => ({ name: t.name, address: formatRange(t.range), showTotals: t.showTotals, style: t.style })),
        validations: sheet.validations
          .map((v) => ({ address: formatRange(v.range), rule: v.rule, ignoreBlanks: v.ignoreBlanks, prompt: v.prompt, errorAlert: v.errorAlert }))
          .sort((a, b) => a.address.localeCompare(b.address)),
        conditionalFormats: sheet.conditionalFormats.map(({ id: _id, range, areas, ...rest }) => ({ address: (areas ?? [range]).map(formatRange).join(","), ...rest })),
        columnWidths: Object.fromEntries([...sheet.columnWidths].map(([c, w]) => [String(c), w])),
        merges: sheet.merges.map(formatRange),
      };
    });
  }
}
