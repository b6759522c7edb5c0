/**
 * Proxy objects of the fake Excel object model. As in Office.js, a proxy is
 * a handle: methods and property writes queue commands; `load()` queues a
 * read; a scalar property can be read only after it was loaded and the
 * context synced, otherwise it throws PropertyNotLoaded. A proxy resolves its
 * target once, when its first command runs, so a range taken from a used
 * range keeps its address as Excel's does.
 *
 * Only the subset the Excel host uses is modelled; anything else is absent
 * rather than approximated, so a host reaching past it fails loudly.
 */
import { columnLetter, formatRange, MAX_COLUMNS, MAX_ROWS, parseRange, quoteSheetName, rangeContains, rangesIntersect, type RangeAddress } from "../../../src/core/grid/address";
import { shiftFormula } from "../../../src/hosts/xlsx/formula-fill";
import { coerceTyped, coerceWritten } from "./coerce";
import { FakeContextCore, FakeOfficeError, READ_CELL_LIMIT, jsonBytes, type RunMode } from "./context";
import { fromR1C1, toR1C1 } from "./r1c1";
import {
  activeSheet,
  cfAreas,
  findSheet,
  newSheet,
  rowOf,
  subtractRange,
  usedRange,
  type CellStyle,
  type ChartState,
  type ConditionalFormatState,
  type SheetState,
  type StoredValue,
  type TableState,
  type ValidationState,
  type WorkbookState,
} from "./state";

type LoadSpec = string | string[] | undefined;

function splitPaths(spec: LoadSpec): string[] | undefined {
  if (spec === undefined) return undefined;
  const list = Array.isArray(spec) ? spec : spec.split(",");
  return list.map((s) => s.trim()).filter(Boolean);
}

function notFound(what: string): FakeOfficeError {
  return new FakeOfficeError("ItemNotFound", `${what} does not exist`);
}

/** Base of every proxy: target resolution, load bookkeeping, queued writes. */
abstract class FakeClientObject<T> {
  private resolved: { t: T | null } | undefined;
  protected readonly loaded = new Map<string, unknown>();

  constructor(
    readonly ctx: FakeRequestContext,
    private readonly locate: () => T | null,
    private readonly nullable = false,
  ) {}

  protected abstract readonly scalarNames: readonly string[];
  protected abstract readScalar(t: T, name: string): unknown;
  protected navigation(_name: string): FakeClientObject<unknown> | undefined {
    return undefined;
  }

  protected resolveOrNull(): T | null {
    if (!this.resolved) this.resolved = { t: this.locate() };
    return this.resolved.t;
  }

  /** The object this proxy stands for; throws (at sync) when it is a null object or missing. */
  target(): T {
    const t = this.resolveOrNull();
    if (t === null) {
      throw new FakeOfficeError(this.nullable ? "InvalidObjectPath" : "ItemNotFound", `${this.constructor.name}: the object does not exist (a null object cannot be used)`);
    }
    return t;
  }

  get isNullObject(): boolean {
    return this.get("isNullObject") as boolean;
  }

  protected get(name: string): unknown {
    if (!this.loaded.has(name)) {
      throw new FakeOfficeError("PropertyNotLoaded", `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    }
    return this.loaded.get(name);
  }

  protected enqueueOn(bytes: number, run: (t: T) => number | void): void {
    this.ctx.core.enqueue(bytes, () => run(this.target()));
  }

  load(spec?: LoadSpec): this {
    const paths = splitPaths(spec);
    this.ctx.core.enqueue(jsonBytes(paths ?? []), () => this.runLoad(paths));
    return this;
  }

  /** Runs a load now (inside sync); returns the response bytes. */
  runLoad(paths: string[] | undefined): number {
    const t = this.resolveOrNull();
    this.loaded.set("isNullObject", t === null);
    if (t === null) {
      if (!this.nullable) throw notFound(this.constructor.name);
      return 20;
    }
    let bytes = 0;
    const nested = new Map<string, string[]>();
    for (const p of paths ?? this.scalarNames) {
      const slash = p.indexOf("/");
      if (slash >= 0) {
        const head = p.slice(0, slash);
        nested.set(head, [...(nested.get(head) ?? []), p.slice(slash + 1)]);
        continue;
      }
      const nav = this.navigation(p);
      if (nav) {
        bytes += nav.runLoad(undefined);
        continue;
      }
      if (!this.scalarNames.includes(p)) throw new FakeOfficeError("InvalidArgument", `${this.constructor.name} has no property '${p}'`);
      const v = this.readScalar(t, p);
      this.loaded.set(p, v);
      bytes += jsonBytes(v) + p.length;
    }
    for (const [head, rest] of nested) {
      const nav = this.navigation(head);
      if (!nav) throw new FakeOfficeError("InvalidArgument", `${this.constructor.name} has no navigation property '${head}'`);
      bytes += nav.runLoad(rest);
    }
    return bytes;
  }
}

/** A collection: `items` is available after load; `load("name")` loads each item's name. */
abstract class FakeCollection<T, P extends FakeClientObject<T>> extends FakeClientObject<T[]> {
  protected readonly scalarNames = [] as const;
  protected readScalar(): unknown {
    return undefined;
  }
  protected abstract wrap(item: T): P;

  get items(): P[] {
    return this.get("items") as P[];
  }

  override runLoad(paths: string[] | undefined): number {
    const items = this.target().map((i) => this.wrap(i));
    this.loaded.set("items", items);
    this.loaded.set("isNullObject", false);
    const itemPaths = paths?.map((p) => (p.startsWith("items/") ? p.slice(6) : p)).filter((p) => p !== "items");
    let bytes = 2;
    for (const item of items) bytes += item.runLoad(itemPaths && itemPaths.length ? itemPaths : undefined);
    return bytes;
  }
}

/** Excel.WorksheetChangedEventArgs, as far as the host reads it. */
export interface FakeChangedArgs {
  type: "WorksheetChanged";
  worksheetId: string;
  address: string;
  changeType: "RangeEdited";
  source: "Local";
}
export type FakeChangeHandler = (args: FakeChangedArgs) => Promise<unknown>;

/** What `onChanged.add` returns: removed through its own context, as OfficeExtension.EventHandlerResult is. */
export class FakeEventHandlerResult {
  constructor(
    readonly context: FakeRequestContext,
    private readonly handlers: Set<FakeChangeHandler>,
    private readonly handler: FakeChangeHandler,
  ) {}
  remove(): void {
    this.context.core.enqueue(0, () => {
      this.handlers.delete(this.handler);
    });
  }
}

/** `worksheets.onChanged` (ExcelApi 1.9): a handler is registered when the context syncs. */
export class FakeChangedEvent {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly handlers: Set<FakeChangeHandler>,
  ) {}
  add(handler: FakeChangeHandler): FakeEventHandlerResult {
    this.ctx.core.enqueue(0, () => {
      this.handlers.add(handler);
    });
    return new FakeEventHandlerResult(this.ctx, this.handlers, handler);
  }
}

export class FakeRequestContext {
  readonly core: FakeContextCore;
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  constructor(
    readonly state: WorkbookState,
    mode?: RunMode,
    failAtCommand?: number,
    /** The workbook's change handlers (they outlive the run that registered them). */
    readonly changeHandlers: Set<FakeChangeHandler> = new Set(),
  ) {
    this.core = new FakeContextCore(mode, failAtCommand);
    this.workbook = new FakeWorkbook(this);
    this.application = new FakeApplication(this);
  }
  /** Throws UndoNotSupported (at sync) for an API the undo table lists as unsupported on this platform, inside an undo group. */
  refuseInUndoGroup(api: string, supportedOnWeb: boolean): void {
    const { undoGroup, platform } = this.core.mode;
    if (undoGroup && !(supportedOnWeb && platform === "web")) {
      throw new FakeOfficeError("UndoNotSupported", `${api} does not support undo in Excel on ${platform}, so it cannot run inside mergeUndoGroup`);
    }
  }
  sync(): Promise<void> {
    return this.core.sync();
  }
}

/** The workbook's calculation mode the user chose (Formulas > Calculation Options). */
export class FakeApplication extends FakeClientObject<WorkbookState> {
  protected readonly scalarNames = ["calculationMode"] as const;
  protected readScalar(s: WorkbookState): unknown {
    return s.calculationMode ?? "Automatic";
  }
  constructor(ctx: FakeRequestContext) {
    super(ctx, () => ctx.state);
  }
  get calculationMode(): string {
    return this.get("calculationMode") as string;
  }
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.core.enqueue(0, () => {
      this.ctx.core.suspendedCalculation++;
    });
  }
  calculate(type: string): void {
    this.ctx.core.enqueue(jsonBytes(type), () => {
      if (!["Recalculate", "Full", "FullRebuild"].includes(type)) throw new FakeOfficeError("InvalidArgument", `calculation type ${type}`);
      this.ctx.core.recalculations++;
    });
  }
}

/** ExcelApi 1.7: Workbook.protection; only `protected` is modelled. */
export class FakeWorkbookProtection extends FakeClientObject<WorkbookState> {
  protected readonly scalarNames = ["protected"] as const;
  protected readScalar(s: WorkbookState): unknown {
    return s.structureProtected === true;
  }
  constructor(ctx: FakeRequestContext) {
    super(ctx, () => ctx.state);
  }
  get protected(): boolean {
    return this.get("protected") as boolean;
  }
}

/** Excel refuses changes to the sheets of a workbook whose structure is protected. */
function refuseIfStructureLocked(state: WorkbookState, what: string): void {
  if (state.structureProtected) throw new FakeOfficeError("AccessDenied", `${what}: the workbook's structure is protected`);
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly protection: FakeWorkbookProtection;
  constructor(readonly ctx: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(ctx, () => ctx.state.sheets);
    this.tables = new FakeTableCollection(ctx, null);
    this.protection = new FakeWorkbookProtection(ctx);
  }
  /** ExcelApi 1.1: "If there are multiple ranges selected, this method will throw an error." */
  getSelectedRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, areas } = selectionOf(this.ctx.state);
      if (areas.length !== 1) throw new FakeOfficeError("InvalidSelection", "the current selection is not one range");
      return { sheet, r: areas[0] as RangeAddress };
    });
  }
  /** ExcelApi 1.7: the one cell typing goes into, inside the selection. */
  getActiveCell(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, areas, activeCell } = selectionOf(this.ctx.state);
      const r = activeCell ? parseRange(activeCell) : areas[0] && { ...areas[0], bottom: areas[0].top, right: areas[0].left };
      if (!r) throw new FakeOfficeError("InvalidSelection", "no active cell");
      return { sheet, r };
    });
  }
}

function selectionOf(state: WorkbookState): { sheet: SheetState; areas: RangeAddress[]; activeCell?: string } {
  const sheet = activeSheet(state);
  if (!sheet) throw new FakeOfficeError("ItemNotFound", "the workbook has no visible sheet");
  const chosen = state.selection?.sheetId === sheet.id ? state.selection : undefined;
  const areas = (chosen?.address ?? "A1").split(",").map((a) => parseRange(a.trim()));
  if (areas.some((a) => !a)) throw new FakeOfficeError("InvalidArgument", `bad selection ${chosen?.address}`);
  return { sheet, areas: areas as RangeAddress[], ...(chosen?.activeCell ? { activeCell: chosen.activeCell } : {}) };
}

// ---------------------------------------------------------------- worksheets

export class FakeWorksheetCollection extends FakeCollection<SheetState, FakeWorksheet> {
  private changed: FakeChangedEvent | undefined;
  /** Fires after cells of any sheet change (the person typing or pasting; see FakeExcel.userEdits). */
  get onChanged(): FakeChangedEvent {
    return (this.changed ??= new FakeChangedEvent(this.ctx, this.ctx.changeHandlers));
  }
  protected wrap(s: SheetState): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => (this.ctx.state.sheets.includes(s) ? s : null));
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = findSheet(this.ctx.state, name);
      if (!s) throw notFound(`worksheet '${name}'`);
      return s;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => findSheet(this.ctx.state, name) ?? null, true);
  }
  add(name: string): FakeWorksheet {
    let created: SheetState | undefined;
    this.ctx.core.enqueue(jsonBytes(name), () => {
      refuseIfStructureLocked(this.ctx.state, "Worksheets.add");
      if (findSheet(this.ctx.state, name)) throw new FakeOfficeError("ItemAlreadyExists", `a sheet named '${name}' already exists`);
      created = newSheet(this.ctx.state, name);
      this.ctx.state.sheets.push(created);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw notFound(`new worksheet '${name}'`);
      return created;
    });
  }
}

export class FakeWorksheet extends FakeClientObject<SheetState> {
  protected readonly scalarNames = ["name", "position", "visibility", "id"] as const;
  protected readScalar(s: SheetState, name: string): unknown {
    switch (name) {
      case "name":
        return s.name;
      case "position":
        return this.ctx.state.sheets.indexOf(s);
      case "visibility":
        return s.visibility;
      default:
        return `{sheet-${s.id}}`;
    }
  }
  get name(): string {
    return this.get("name") as string;
  }
  get position(): number {
    return this.get("position") as number;
  }
  get visibility(): string {
    return this.get("visibility") as string;
  }
  /** Excel's id of the sheet ("{…}"): what WorksheetChangedEventArgs.worksheetId names. */
  get id(): string {
    return this.get("id") as string;
  }
  set visibility(v: string) {
    this.enqueueOn(jsonBytes(v), (s) => {
      this.ctx.refuseInUndoGroup("Worksheet.visibility", true);
      if (v !== s.visibility) refuseIfStructureLocked(this.ctx.state, "Worksheet.visibility");
      if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden") throw new FakeOfficeError("InvalidArgument", `visibility ${v}`);
      s.visibility = v;
    });
  }
  private tablesProxy: FakeTableCollection | undefined;
  get tables(): FakeTableCollection {
    return (this.tablesProxy ??= new FakeTableCollection(this.ctx, this));
  }
  private chartsProxy: FakeChartCollection | undefined;
  get charts(): FakeChartCollection {
    return (this.chartsProxy ??= new FakeChartCollection(this.ctx, this));
  }
  /** Without an address, "the entire worksheet range is returned" (Worksheet.getRange). */
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      if (address === undefined) return { sheet: this.target(), r: { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLUMNS } };
      const r = parseRange(address);
      if (!r || address.includes("!")) throw new FakeOfficeError("InvalidArgument", `bad address '${address}'`);
      return { sheet: this.target(), r };
    });
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.target();
      return { sheet: s, r: usedRange(s, valuesOnly ?? false) ?? { top: 1, left: 1, bottom: 1, right: 1 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const s = this.target();
        const r = usedRange(s, valuesOnly ?? false);
        return r ? { sheet: s, r } : null;
      },
      true,
    );
  }
  /** Makes the sheet the one the user sees; Excel refuses for a hidden sheet. */
  activate(): void {
    this.enqueueOn(0, (s) => {
      if (s.visibility !== "Visible") throw new FakeOfficeError("InvalidOperation", "a hidden sheet cannot be activated");
      this.ctx.state.activeSheetId = s.id;
    });
  }
  delete(): void {
    this.enqueueOn(0, (s) => {
      this.ctx.refuseInUndoGroup("Worksheet.delete", false);
      refuseIfStructureLocked(this.ctx.state, "Worksheet.delete");
      const sheets = this.ctx.state.sheets;
      if (sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0) {
        throw new FakeOfficeError("InvalidOperation", "a workbook must keep at least one visible sheet");
      }
      sheets.splice(sheets.indexOf(s), 1);
    });
  }
}

// -------------------------------------------------------------------- ranges

interface RangeTarget {
  sheet: SheetState;
  r: RangeAddress;
}

function cellCount(r: RangeAddress): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

function qualified(t: RangeTarget): string {
  return `${quoteSheetName(t.sheet.name)}!${formatRange(t.r)}`;
}

/** Reads one per-cell property of a range as a 2-D array. */
function grid<T>(t: RangeTarget, cell: (row: ReturnType<typeof rowOf> | undefined, c: number) => T): T[][] {
  return gridAt(t, (store, _row, c) => cell(store, c));
}

function gridAt<T>(t: RangeTarget, cell: (store: ReturnType<typeof rowOf> | undefined, row: number, c: number) => T): T[][] {
  if (cellCount(t.r) > READ_CELL_LIMIT) throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `reading ${cellCount(t.r)} cells at once`);
  const out: T[][] = [];
  for (let row = t.r.top; row <= t.r.bottom; row++) {
    const store = t.sheet.rows.get(row);
    const line: T[] = new Array(t.r.right - t.r.left + 1);
    for (let c = t.r.left; c <= t.r.right; c++) line[c - t.r.left] = cell(store, row, c);
    out.push(line);
  }
  return out;
}

function valueOut(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return (v as { error: string }).error;
  return v as string | number | boolean;
}

/** Checks a written 2-D array against the range (or takes one value for every cell). */
function eachWritten(t: RangeTarget, input: unknown, what: string, fn: (row: number, col: number, x: unknown) => void): void {
  const h = t.r.bottom - t.r.top + 1;
  const w = t.r.right - t.r.left + 1;
  // The sentence letting one value stand for every cell was removed from the docs in 2020
  // (office-js-docs-reference#578 reports it failing); only a 2-D array of the range's shape is relied on.
  if (!Array.isArray(input)) {
    throw new FakeOfficeError("InvalidArgument", `${what} for ${formatRange(t.r)} must be a 2-D array of ${h} × ${w}, not a single value`);
  }
  if (input.length !== h || input.some((line) => !Array.isArray(line) || line.length !== w)) {
    throw new FakeOfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what} for ${formatRange(t.r)}).`);
  }
  for (let i = 0; i < h; i++) {
    const line = input[i] as unknown[];
    for (let j = 0; j < w; j++) fn(t.r.top + i, t.r.left + j, line[j]);
  }
}

function writeCell(sheet: SheetState, row: number, col: number, x: unknown, asFormula: boolean): void {
  const store = rowOf(sheet, row);
  const written = asFormula && typeof x === "string" ? coerceTyped(x, store.nf[col]) : coerceWritten(x, store.nf[col]);
  if (!written) return;
  if (written.formula !== undefined && THIS_ROW_UNQUALIFIED.test(outsideStrings(written.formula)) && !sheet.tables.some((t) => row > t.range.top && row <= t.range.bottom && col >= t.range.left && col <= t.range.right)) {
    // "[@Col]" names a column of the table the cell is in; outside a table Excel refuses the formula.
    throw new FakeOfficeError("InvalidArgument", `the formula ${written.formula} uses [@…] outside a table`);
  }
  store.v[col] = written.value;
  store.f[col] = written.formula;
  if (written.numberFormat && (store.nf[col] === undefined || store.nf[col] === "General")) store.nf[col] = written.numberFormat;
  guardTableHeader(sheet, row, col);
}

const MERGED_AREAS_LIMIT = 512;

/** "[@Col]" or "[[#This Row],[Col]]" not preceded by a table name. */
const THIS_ROW_UNQUALIFIED = /(^|[^A-Za-z0-9_.\]])\[(@|\[#This Row\])/i;

/** A formula with its quoted strings blanked, so references are looked for only outside them. */
function outsideStrings(formula: string): string {
  return formula
    .split('"')
    .map((part, k) => (k % 2 ? "" : part))
    .join('"');
}

/**
 * Converting a table to a range turns its formulas' this-row references into
 * cell references ("=[@Likelihood]*[@Impact]" in row 5 reads "=C5*D5").
 */
function thisRowRefsToA1(sheet: SheetState, table: TableState, areas: RangeAddress[] = [table.range]): void {
  const header = rowOf(sheet, table.range.top);
  const columnOf = (name: string): number | undefined => {
    for (let c = table.range.left; c <= table.range.right; c++) if (String(header.v[c] ?? "").toLowerCase() === name.trim().toLowerCase()) return c;
    return undefined;
  };
  const name = table.name.replace(/[.\\]/g, "\\$&");
  const ref = new RegExp(`(^|[^A-Za-z0-9_.\\]])(?:${name})?\\[(?:@\\[([^\\]]+)\\]|@([^\\]\\[]+)|\\[#This Row\\],\\[([^\\]]+)\\])\\]?`, "gi");
  for (let row = table.range.top + 1; row <= table.range.bottom; row++) {
    const store = sheet.rows.get(row);
    if (!store) continue;
    for (let c = table.range.left; c <= table.range.right; c++) {
      if (!areas.some((a) => row >= a.top && row <= a.bottom && c >= a.left && c <= a.right)) continue;
      const f = store.f[c];
      if (f === undefined) continue;
      store.f[c] = f
        .split('"')
        .map((part, k) =>
          k % 2
            ? part
            : part.replace(ref, (whole, lead: string, a?: string, b?: string, d?: string) => {
                const col = columnOf(a ?? b ?? d ?? "");
                return col === undefined ? whole : `${lead}${columnLetter(col)}${row}`;
              }),
        )
        .join('"');
    }
  }
}

/** Excel shows a this-row reference to the table a cell is in without the table name ("Costs[@Cost]" reads "[@Cost]"). */
function formulaAsShown(sheet: SheetState, row: number, col: number, formula: string): string {
  const table = sheet.tables.find((t) => row > t.range.top && row <= t.range.bottom && col >= t.range.left && col <= t.range.right);
  if (!table) return formula;
  const name = table.name.replace(/[.\\]/g, "\\$&");
  return formula.replace(new RegExp(`(^|[^A-Za-z0-9_.\\]])${name}\\[(@|\\[#This Row\\])`, "gi"), "$1[$2");
}

/**
 * "Fill formulas in tables to create calculated columns" (on by default):
 * formulas written into an empty table column become one calculated column
 * of the first formula written, filled down the body, whatever else was
 * written (office-js #2093, "by design"). Runs `write`, then plays that.
 */
function withTableAutofill(t: RangeTarget, write: () => void): void {
  const columns: { table: TableState; col: number; top: number; bottom: number }[] = [];
  for (const table of t.sheet.tables) {
    const top = table.range.top + 1;
    const bottom = table.range.bottom - (table.showTotals ? 1 : 0);
    if (bottom < top) continue;
    for (let col = Math.max(t.r.left, table.range.left); col <= Math.min(t.r.right, table.range.right); col++) {
      if (t.r.bottom < top || t.r.top > bottom) continue;
      let empty = true;
      for (let row = top; row <= bottom && empty; row++) {
        const store = t.sheet.rows.get(row);
        const v = store?.v[col];
        if (store?.f[col] !== undefined || (v !== null && v !== undefined && v !== "")) empty = false;
      }
      if (empty) columns.push({ table, col, top, bottom });
    }
  }
  write();
  for (const { col, top, bottom } of columns) {
    let first: { row: number; formula: string } | undefined;
    for (let row = Math.max(top, t.r.top); row <= Math.min(bottom, t.r.bottom) && !first; row++) {
      const f = t.sheet.rows.get(row)?.f[col];
      if (f !== undefined) first = { row, formula: f };
    }
    if (!first) continue;
    for (let row = top; row <= bottom; row++) {
      const store = rowOf(t.sheet, row);
      store.f[col] = shiftFormula(first.formula, row - first.row, 0);
      store.v[col] = null;
    }
  }
}

/** Excel keeps table headers as unique text: a header cell written with a number becomes its text. */
function guardTableHeader(sheet: SheetState, row: number, col: number): void {
  const table = sheet.tables.find((t) => t.range.top === row && col >= t.range.left && col <= t.range.right);
  if (table) normaliseHeaders(sheet, table);
}

function setStyle(t: RangeTarget, patch: CellStyle): void {
  for (let row = t.r.top; row <= t.r.bottom; row++) {
    const store = rowOf(t.sheet, row);
    store.st ??= [];
    for (let c = t.r.left; c <= t.r.right; c++) {
      const next: CellStyle = { ...(store.st[c] ?? {}), ...patch };
      if (patch.fill === null) delete next.fill;
      store.st[c] = next;
    }
  }
}

function uniformStyle(t: RangeTarget, key: keyof CellStyle, fallback: unknown): unknown {
  let seen: unknown = undefined;
  let first = true;
  for (let row = t.r.top; row <= t.r.bottom; row++) {
    const store = t.sheet.rows.get(row);
    for (let c = t.r.left; c <= t.r.right; c++) {
      const v = store?.st?.[c]?.[key] ?? fallback;
      if (first) {
        seen = v;
        first = false;
      } else if (v !== seen) return null;
    }
  }
  return seen;
}

/** The cells a paste of `src` over `dst` fills: the source's size from dst's top-left, or dst whole when it holds exact repeats of it. */
function pasteArea(src: RangeAddress, dst: RangeAddress): RangeAddress {
  const h = src.bottom - src.top + 1;
  const w = src.right - src.left + 1;
  const dh = dst.bottom - dst.top + 1;
  const dw = dst.right - dst.left + 1;
  const rows = dh >= h && dh % h === 0 ? dh : h;
  const cols = dw >= w && dw % w === 0 ? dw : w;
  return { top: dst.top, left: dst.left, bottom: dst.top + rows - 1, right: dst.left + cols - 1 };
}

function copyCells(src: RangeTarget, dst: RangeTarget, copyType: "All" | "Formulas" | "Values" | "Formats"): void {
  const area = pasteArea(src.r, dst.r);
  const h = src.r.bottom - src.r.top + 1;
  const w = src.r.right - src.r.left + 1;
  const contents = copyType !== "Formats";
  const formats = copyType === "All" || copyType === "Formats";
  // Read first: source and target may overlap.
  const cells: { row: number; col: number; v: StoredValue | undefined; f: string | undefined; nf: string | undefined; st: CellStyle | undefined }[] = [];
  for (let row = area.top; row <= area.bottom; row++) {
    for (let col = area.left; col <= area.right; col++) {
      const sr = src.r.top + ((row - area.top) % h);
      const sc = src.r.left + ((col - area.left) % w);
      const store = src.sheet.rows.get(sr);
      const f = store?.f[sc];
      if (contents && copyType === "Values" && f !== undefined) throw new Error("fake: copying the values of formula cells is not modelled (the fake keeps no results)");
      cells.push({ row, col, v: store?.v[sc], f: f === undefined || copyType === "Values" ? undefined : shiftFormula(f, row - sr, col - sc), nf: store?.nf[sc], st: store?.st?.[sc] });
    }
  }
  for (const c of cells) {
    if (c.v === undefined && c.f === undefined && c.nf === undefined && c.st === undefined && !dst.sheet.rows.has(c.row)) continue;
    const store = rowOf(dst.sheet, c.row);
    if (contents) {
      store.v[c.col] = c.v ?? null;
      store.f[c.col] = c.f;
    }
    if (formats) {
      store.nf[c.col] = c.nf;
      if (c.st !== undefined || store.st) (store.st ??= [])[c.col] = c.st;
    }
  }
  if (copyType !== "All") return;
  // Validation and merged areas come with "All": the target's own are replaced by the source's, moved.
  const shift = (r: RangeAddress, dr: number, dc: number): RangeAddress => ({ top: r.top + dr, bottom: r.bottom + dr, left: r.left + dc, right: r.right + dc });
  const cut = (r: RangeAddress, to: RangeAddress): RangeAddress => ({ top: Math.max(r.top, to.top), left: Math.max(r.left, to.left), bottom: Math.min(r.bottom, to.bottom), right: Math.min(r.right, to.right) });
  const sourceValidations = src.sheet.validations.filter((v) => rangesIntersect(v.range, src.r)).map((v) => ({ ...v, range: cut(v.range, src.r) }));
  const sourceMerges = src.sheet.merges.filter((m) => rangeContains(src.r, m));
  dst.sheet.validations = dst.sheet.validations.flatMap((v) => subtractRange(v.range, area).map((range) => ({ ...v, range })));
  dst.sheet.merges = dst.sheet.merges.filter((m) => !rangesIntersect(m, area));
  for (let dr = 0; dr < area.bottom - area.top + 1; dr += h) {
    for (let dc = 0; dc < area.right - area.left + 1; dc += w) {
      const down = area.top + dr - src.r.top;
      const across = area.left + dc - src.r.left;
      for (const v of sourceValidations) dst.sheet.validations.push({ ...structuredClone(v), range: shift(v.range, down, across) });
      for (const m of sourceMerges) dst.sheet.merges.push(shift(m, down, across));
    }
  }
}

export class FakeRange extends FakeClientObject<RangeTarget> {
  protected readonly scalarNames = ["address", "rowCount", "columnCount", "rowIndex", "columnIndex", "values", "formulas", "formulasR1C1", "numberFormat", "valueTypes"] as const;
  protected readScalar(t: RangeTarget, name: string): unknown {
    switch (name) {
      case "address":
        return qualified(t);
      case "rowCount":
        return t.r.bottom - t.r.top + 1;
      case "columnCount":
        return t.r.right - t.r.left + 1;
      case "rowIndex":
        return t.r.top - 1;
      case "columnIndex":
        return t.r.left - 1;
      case "values":
        return grid(t, (s, c) => (s?.f[c] !== undefined ? "" : valueOut(s?.v[c])));
      case "formulas":
        return gridAt(t, (s, row, c) => (s?.f[c] !== undefined ? formulaAsShown(t.sheet, row, c, s.f[c] as string) : valueOut(s?.v[c])));
      case "formulasR1C1":
        return gridAt(t, (s, row, c) => (s?.f[c] !== undefined ? toR1C1(s.f[c] as string, row, c) : valueOut(s?.v[c])));
      case "numberFormat":
        return grid(t, (s, c) => s?.nf[c] ?? "General");
      default: // valueTypes
        return grid(t, (s, c) => {
          const v = s?.v[c];
          if (s?.f[c] !== undefined || v === null || v === undefined || v === "") return "Empty";
          if (typeof v === "object") return "Error";
          return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
        });
    }
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "format") return this.format as unknown as FakeClientObject<unknown>;
    if (name === "worksheet") return this.worksheet as unknown as FakeClientObject<unknown>;
    return undefined;
  }

  private worksheetProxy: FakeWorksheet | undefined;
  /** The sheet the range is on (load "worksheet/name" with the range). */
  get worksheet(): FakeWorksheet {
    return (this.worksheetProxy ??= new FakeWorksheet(this.ctx, () => this.target().sheet));
  }

  get address(): string {
    return this.get("address") as string;
  }
  get rowCount(): number {
    return this.get("rowCount") as number;
  }
  get columnCount(): number {
    return this.get("columnCount") as number;
  }
  get rowIndex(): number {
    return this.get("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.get("columnIndex") as number;
  }
  get values(): unknown[][] {
    return this.get("values") as unknown[][];
  }
  set values(input: unknown[][]) {
    this.enqueueOn(jsonBytes(input), (t) => withTableAutofill(t, () => eachWritten(t, input, "values", (row, col, x) => writeCell(t.sheet, row, col, x, false))));
  }
  get formulas(): unknown[][] {
    return this.get("formulas") as unknown[][];
  }
  set formulas(input: unknown[][]) {
    this.enqueueOn(jsonBytes(input), (t) => withTableAutofill(t, () => eachWritten(t, input, "formulas", (row, col, x) => writeCell(t.sheet, row, col, x, true))));
  }
  /** ExcelApi 1.2: formulas in R1C1 notation, so one relative formula reads the same in every cell. */
  get formulasR1C1(): unknown[][] {
    return this.get("formulasR1C1") as unknown[][];
  }
  set formulasR1C1(input: unknown[][]) {
    this.enqueueOn(jsonBytes(input), (t) =>
      withTableAutofill(t, () => eachWritten(t, input, "formulasR1C1", (row, col, x) => writeCell(t.sheet, row, col, typeof x === "string" ? fromR1C1(x, row, col) : x, true))),
    );
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat") as string[][];
  }
  set numberFormat(input: unknown[][]) {
    this.enqueueOn(jsonBytes(input), (t) =>
      eachWritten(t, input, "numberFormat", (row, col, x) => {
        if (x === null || x === undefined) return;
        if (typeof x !== "string") throw new FakeOfficeError("InvalidArgument", "a number format is text");
        rowOf(t.sheet, row).nf[col] = x === "General" ? undefined : x;
      }),
    );
  }
  get valueTypes(): string[][] {
    return this.get("valueTypes") as string[][];
  }

  private derived(fn: (t: RangeTarget) => RangeAddress | null, nullable = false): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const t = this.target();
        const r = fn(t);
        return r ? { sheet: t.sheet, r } : null;
      },
      nullable,
    );
  }
  getRow(i: number): FakeRange {
    return this.derived((t) => ({ ...t.r, top: t.r.top + i, bottom: t.r.top + i }));
  }
  getCell(i: number, j: number): FakeRange {
    return this.derived((t) => ({ top: t.r.top + i, bottom: t.r.top + i, left: t.r.left + j, right: t.r.left + j }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived((t) => {
      const r = { ...t.r, bottom: t.r.bottom + deltaRows, right: t.r.right + deltaColumns };
      if (r.bottom < r.top || r.right < r.left || r.bottom > 1_048_576 || r.right > 16_384) throw new FakeOfficeError("InvalidArgument", "resized range out of the sheet");
      return r;
    });
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived((t) => {
      const r = { top: t.r.top + rowOffset, bottom: t.r.bottom + rowOffset, left: t.r.left + columnOffset, right: t.r.right + columnOffset };
      if (r.top < 1 || r.left < 1) throw new FakeOfficeError("InvalidArgument", "offset range out of the sheet");
      return r;
    });
  }
  private intersect(other: FakeRange | string, nullable: boolean): FakeRange {
    return this.derived((t) => {
      const o = typeof other === "string" ? parseRange(other) : other.target().r;
      if (!o) throw new FakeOfficeError("InvalidArgument", "bad address");
      if (!rangesIntersect(t.r, o)) {
        if (nullable) return null;
        throw new FakeOfficeError("InvalidArgument", "the ranges do not intersect");
      }
      return { top: Math.max(t.r.top, o.top), left: Math.max(t.r.left, o.left), bottom: Math.min(t.r.bottom, o.bottom), right: Math.min(t.r.right, o.right) };
    }, nullable);
  }
  getIntersection(other: FakeRange | string): FakeRange {
    return this.intersect(other, false);
  }
  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    return this.intersect(other, true);
  }
  /** ExcelApi 1.9, the kinds the host asks for: the cells holding formulas ("Formulas"), as areas of one column each; a null object when none. */
  getSpecialCellsOrNullObject(cellType: string): FakeRangeAreas {
    if (cellType !== "Formulas") throw new FakeOfficeError("NotImplemented", `the fake plays special cells of type Formulas only, not ${cellType}`);
    return new FakeRangeAreas(
      this.ctx,
      () => {
        const t = this.target();
        const areas: RangeAddress[] = [];
        for (let c = t.r.left; c <= t.r.right; c++) {
          let start = 0;
          for (let row = t.r.top; row <= t.r.bottom + 1; row++) {
            const has = row <= t.r.bottom && t.sheet.rows.get(row)?.f[c] !== undefined;
            if (has && !start) start = row;
            if (!has && start) {
              areas.push({ top: start, bottom: row - 1, left: c, right: c });
              start = 0;
            }
          }
        }
        return areas.length ? { sheet: t.sheet, areas } : null;
      },
      true,
    );
  }
  /**
   * ExcelApi 1.9: the first cell of the range whose shown text contains `text`
   * (any case unless `matchCase`; the whole text with `completeMatch`); a null
   * object when none. Over one cell Excel searches the whole sheet: the fake
   * refuses that, so a host relying on it shows up.
   */
  findOrNullObject(text: string, criteria: { completeMatch?: boolean; matchCase?: boolean } = {}): FakeRange {
    return this.derived((t) => {
      if (t.r.top === t.r.bottom && t.r.left === t.r.right) throw new FakeOfficeError("NotImplemented", "find over one cell searches the whole sheet");
      const want = criteria.matchCase ? text : text.toLowerCase();
      for (let row = t.r.top; row <= t.r.bottom; row++) {
        const s = t.sheet.rows.get(row);
        if (!s) continue;
        for (let c = t.r.left; c <= t.r.right; c++) {
          const v = s.v[c];
          if (typeof v !== "string") continue;
          const shown = criteria.matchCase ? v : v.toLowerCase();
          if (criteria.completeMatch ? shown === want : shown.includes(want)) return { top: row, bottom: row, left: c, right: c };
        }
      }
      return null;
    }, true);
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(
      this.ctx,
      () => {
        const t = this.target();
        const areas = t.sheet.merges.filter((m) => rangesIntersect(m, t.r));
        // Range.getMergedAreasOrNullObject: "if the merged areas count in this range is more than 512, then this method will fail to return the result".
        if (areas.length > MERGED_AREAS_LIMIT) throw new FakeOfficeError("GeneralException", `the range holds ${areas.length} merged areas, more than ${MERGED_AREAS_LIMIT}`);
        return areas.length ? { sheet: t.sheet, areas } : null;
      },
      true,
    );
  }
  /**
   * ExcelApi 1.2. Merges the range into one cell (or, `across`, each row of
   * it into one cell). As Excel does: only the top-left value of each new
   * area stays, merged areas wholly inside are absorbed, a merge that would
   * cut across another merged area or touch a table is refused.
   */
  merge(across = false): void {
    this.enqueueOn(jsonBytes(across), (t) => {
      if (t.sheet.tables.some((table) => rangesIntersect(table.range, t.r))) throw new FakeOfficeError("InvalidOperation", "cells of a table cannot be merged");
      const cut = t.sheet.merges.find((m) => rangesIntersect(m, t.r) && !rangeContains(t.r, m));
      if (cut) throw new FakeOfficeError("InvalidOperation", `the range cuts across the merged area ${formatRange(cut)}`);
      const areas = across ? Array.from({ length: t.r.bottom - t.r.top + 1 }, (_, i) => ({ ...t.r, top: t.r.top + i, bottom: t.r.top + i })) : [t.r];
      t.sheet.merges = t.sheet.merges.filter((m) => !rangeContains(t.r, m));
      for (const area of areas) {
        if (area.top === area.bottom && area.left === area.right) continue;
        for (let row = area.top; row <= area.bottom; row++) {
          const store = t.sheet.rows.get(row);
          if (!store) continue;
          for (let c = area.left; c <= area.right; c++) {
            if (row === area.top && c === area.left) continue;
            store.v[c] = null;
            store.f[c] = undefined;
          }
        }
        t.sheet.merges.push({ ...area });
      }
    });
  }
  /** Selects the range; Excel selects only on the active sheet. */
  select(): void {
    this.enqueueOn(0, (t) => {
      if (activeSheet(this.ctx.state)?.id !== t.sheet.id) throw new FakeOfficeError("InvalidOperation", "a range can be selected only on the active sheet");
      this.ctx.state.selection = { sheetId: t.sheet.id, address: formatRange(t.r) };
    });
  }
  /** ExcelApi 1.2. Splits every merged area that touches the range; values stay where they are (in each area's top-left cell). */
  unmerge(): void {
    this.enqueueOn(0, (t) => {
      t.sheet.merges = t.sheet.merges.filter((m) => !rangesIntersect(m, t.r));
    });
  }
  /**
   * ExcelApi 1.9. Copies cells from `source` (a Range, or an address on this
   * range's sheet) to this range, as a paste does: relative references in
   * formulas move with the cells; "All" brings values, formulas, number
   * formats, styles, data validation and merged areas, replacing what the
   * target held; "Formulas" and "Values" leave formats alone, "Formats" the
   * contents. Runs at sync in queue order, reading the source as the earlier
   * commands of the batch left it; the request carries the source's address
   * and the copy type, a few bytes whatever the size. A target smaller than
   * the source grows to the source's size from its top-left cell, and one an
   * exact multiple of it is filled with repeats, as the docs describe. Not
   * modelled (refused): skipBlanks, transpose, "Link", and "Values" of formula
   * cells (the fake keeps no results). Colour rules are not copied.
   */
  copyFrom(source: FakeRange | string, copyType: "All" | "Formulas" | "Values" | "Formats" | "Link" = "All", skipBlanks = false, transpose = false): void {
    const from = typeof source === "string" ? undefined : source;
    const bytes = jsonBytes({ source: typeof source === "string" ? source : "range#", copyType, skipBlanks, transpose });
    this.enqueueOn(bytes, (t) => {
      if (skipBlanks || transpose || copyType === "Link") throw new Error(`fake: copyFrom with ${copyType}, skipBlanks ${skipBlanks}, transpose ${transpose} is not modelled`);
      let src: RangeTarget;
      if (from) src = from.target();
      else {
        const r = parseRange(source as string);
        if (!r) throw new FakeOfficeError("InvalidArgument", `bad source address '${String(source)}'`);
        src = { sheet: t.sheet, r };
      }
      copyCells(src, t, copyType);
    });
  }
  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
    this.enqueueOn(jsonBytes(applyTo), (t) => {
      for (const [row, store] of t.sheet.rows) {
        if (row < t.r.top || row > t.r.bottom) continue;
        // Only as far as the row holds cells: a whole-sheet clear must not fill 16,384 columns of every row.
        const right = Math.min(t.r.right, Math.max(store.v.length, store.f.length, store.nf.length, store.st?.length ?? 0) - 1);
        for (let c = t.r.left; c <= right; c++) {
          if (applyTo !== "Formats") {
            store.v[c] = null;
            store.f[c] = undefined;
          }
          if (applyTo !== "Contents") {
            store.nf[c] = undefined;
            if (store.st) store.st[c] = undefined;
          }
        }
      }
    });
  }

  /**
   * ExcelApi 1.9: chosen format properties of every cell, as a 2-D array in
   * `value` once the context has synced. Only what the options ask for comes
   * back; a cell without fill reads as pattern "None" with a white colour.
   */
  getCellProperties(options: CellPropertiesOptions): FakeClientResult<Record<string, unknown>[][]> {
    const result = new FakeClientResult<Record<string, unknown>[][]>();
    this.enqueueOn(jsonBytes(options), (t) => {
      const value = grid(t, (store, c) => cellProperties(store?.st?.[c], options));
      result.set(value);
      return jsonBytes(value);
    });
    return result;
  }

  private formatProxy: FakeRangeFormat | undefined;
  get format(): FakeRangeFormat {
    return (this.formatProxy ??= new FakeRangeFormat(this.ctx, () => this.target()));
  }
  private validationProxy: FakeDataValidation | undefined;
  get dataValidation(): FakeDataValidation {
    return (this.validationProxy ??= new FakeDataValidation(this.ctx, () => this.target()));
  }
  private conditionalFormatsProxy: FakeConditionalFormatCollection | undefined;
  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.conditionalFormatsProxy ??= new FakeConditionalFormatCollection(this.ctx, this));
  }
}

interface CellPropertiesOptions {
  format?: {
    fill?: { color?: boolean; pattern?: boolean };
    font?: { bold?: boolean; italic?: boolean; color?: boolean };
    wrapText?: boolean;
    horizontalAlignment?: boolean;
    verticalAlignment?: boolean;
  };
}

const CELL_PROPERTY_OPTIONS = new Set(["format"]);
const FORMAT_OPTIONS = new Set(["fill", "font", "wrapText", "horizontalAlignment", "verticalAlignment"]);

function cellProperties(st: CellStyle | undefined, options: CellPropertiesOptions): Record<string, unknown> {
  for (const k of Object.keys(options)) if (!CELL_PROPERTY_OPTIONS.has(k)) throw new FakeOfficeError("InvalidArgument", `getCellProperties: '${k}' is not modelled by the fake`);
  const out: Record<string, unknown> = {};
  const f = options.format;
  if (!f) return out;
  for (const k of Object.keys(f)) if (!FORMAT_OPTIONS.has(k)) throw new FakeOfficeError("InvalidArgument", `getCellProperties: format.${k} is not modelled by the fake`);
  const format: Record<string, unknown> = {};
  if (f.fill) {
    const fill: Record<string, unknown> = {};
    if (f.fill.color) fill.color = st?.fill ?? "#FFFFFF";
    if (f.fill.pattern) fill.pattern = st?.fill ? "Solid" : "None";
    format.fill = fill;
  }
  if (f.font) {
    const font: Record<string, unknown> = {};
    if (f.font.bold) font.bold = st?.bold ?? false;
    if (f.font.italic) font.italic = st?.italic ?? false;
    if (f.font.color) font.color = st?.fontColor ?? "#000000";
    format.font = font;
  }
  if (f.wrapText) format.wrapText = st?.wrapText ?? false;
  if (f.horizontalAlignment) format.horizontalAlignment = st?.horizontalAlignment ?? "General";
  if (f.verticalAlignment) format.verticalAlignment = st?.verticalAlignment ?? "Bottom";
  out.format = format;
  return out;
}

/** OfficeExtension.ClientResult: `value` is there only after the sync that fills it. */
export class FakeClientResult<T> {
  private filled: { v: T } | undefined;
  set(v: T): void {
    this.filled = { v };
  }
  get value(): T {
    if (!this.filled) throw new FakeOfficeError("ValueNotLoaded", "The value of the result object has not been loaded yet. Before reading the value property, call \"context.sync()\" on the associated request context.");
    return this.filled.v;
  }
}

export class FakeRangeAreas extends FakeClientObject<{ sheet: SheetState; areas: RangeAddress[] }> {
  protected readonly scalarNames = ["address", "areaCount", "cellCount"] as const;
  protected readScalar(t: { sheet: SheetState; areas: RangeAddress[] }, name: string): unknown {
    if (name === "areaCount") return t.areas.length;
    if (name === "cellCount") return t.areas.reduce((n, a) => n + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0);
    return t.areas.map((a) => `${quoteSheetName(t.sheet.name)}!${formatRange(a)}`).join(",");
  }
  get address(): string {
    return this.get("address") as string;
  }
}

// ------------------------------------------------------------------- formats

class FakeRangeFormat extends FakeClientObject<RangeTarget> {
  protected readonly scalarNames = ["wrapText", "horizontalAlignment", "verticalAlignment", "columnWidth"] as const;
  protected readScalar(t: RangeTarget, name: string): unknown {
    if (name === "columnWidth") {
      const widths = new Set<number>();
      for (let c = t.r.left; c <= t.r.right; c++) widths.add(t.sheet.columnWidths.get(c) ?? 48);
      return widths.size === 1 ? [...widths][0] : null;
    }
    const fallback = name === "wrapText" ? false : name === "horizontalAlignment" ? "General" : "Bottom";
    return uniformStyle(t, name as keyof CellStyle, fallback);
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "fill") return this.fill as unknown as FakeClientObject<unknown>;
    if (name === "font") return this.font as unknown as FakeClientObject<unknown>;
    return undefined;
  }
  readonly fill = new FakeRangeFill(this.ctx, () => this.target());
  readonly font = new FakeRangeFont(this.ctx, () => this.target());
  get wrapText(): boolean | null {
    return this.get("wrapText") as boolean | null;
  }
  set wrapText(v: boolean | null) {
    this.enqueueOn(8, (t) => setStyle(t, { wrapText: v ?? false }));
  }
  get horizontalAlignment(): string {
    return this.get("horizontalAlignment") as string;
  }
  set horizontalAlignment(v: string) {
    this.enqueueOn(jsonBytes(v), (t) => setStyle(t, { horizontalAlignment: v }));
  }
  get verticalAlignment(): string {
    return this.get("verticalAlignment") as string;
  }
  set verticalAlignment(v: string) {
    this.enqueueOn(jsonBytes(v), (t) => setStyle(t, { verticalAlignment: v }));
  }
  get columnWidth(): number {
    return this.get("columnWidth") as number;
  }
  set columnWidth(points: number) {
    this.enqueueOn(8, (t) => {
      for (let c = t.r.left; c <= t.r.right; c++) t.sheet.columnWidths.set(c, points);
    });
  }
}

class FakeRangeFill extends FakeClientObject<RangeTarget> {
  protected readonly scalarNames = ["color"] as const;
  protected readScalar(t: RangeTarget): unknown {
    return uniformStyle(t, "fill", "#FFFFFF");
  }
  get color(): string | null {
    return this.get("color") as string | null;
  }
  set color(v: string) {
    this.enqueueOn(jsonBytes(v), (t) => setStyle(t, { fill: v.toUpperCase() }));
  }
  clear(): void {
    this.enqueueOn(0, (t) => setStyle(t, { fill: null }));
  }
}

class FakeRangeFont extends FakeClientObject<RangeTarget> {
  protected readonly scalarNames = ["bold", "italic", "color"] as const;
  protected readScalar(t: RangeTarget, name: string): unknown {
    if (name === "color") return uniformStyle(t, "fontColor", "#000000");
    return uniformStyle(t, name as keyof CellStyle, false);
  }
  get bold(): boolean | null {
    return this.get("bold") as boolean | null;
  }
  set bold(v: boolean) {
    this.enqueueOn(8, (t) => setStyle(t, { bold: v }));
  }
  get italic(): boolean | null {
    return this.get("italic") as boolean | null;
  }
  set italic(v: boolean) {
    this.enqueueOn(8, (t) => setStyle(t, { italic: v }));
  }
  get color(): string | null {
    return this.get("color") as string | null;
  }
  set color(v: string) {
    this.enqueueOn(jsonBytes(v), (t) => setStyle(t, { fontColor: v.toUpperCase() }));
  }
}

// ---------------------------------------------------------- data validation

const VALIDATION_TYPES: Record<string, string> = { list: "List", wholeNumber: "WholeNumber", decimal: "Decimal", date: "Date", time: "Time", textLength: "TextLength", custom: "Custom" };

function validationType(rule: Record<string, unknown>): string {
  const key = Object.keys(rule)[0];
  return key ? (VALIDATION_TYPES[key] ?? "Custom") : "None";
}

/** A cell's whole validation as Excel keeps it: rule, blanks, prompt and alert. */
function validationKey(v: ValidationState): string {
  return JSON.stringify([v.rule, v.ignoreBlanks, v.prompt ?? null, v.errorAlert ?? null]);
}

/**
 * The validation a whole range shares, "None" when it has none, or the kind
 * of mixture, as Excel.DataValidationType names them: "Inconsistent" when
 * cells have different rules, "MixedCriteria" when some cells have one and
 * others none.
 */
function validationOf(t: RangeTarget): { type: string; v?: ValidationState } {
  const touching = t.sheet.validations.filter((v) => rangesIntersect(v.range, t.r));
  if (touching.length === 0) return { type: "None" };
  const first = touching[0] as ValidationState;
  const same = touching.every((v) => validationKey(v) === validationKey(first));
  if (!same) return { type: "Inconsistent" };
  const covered = touching.reduce((n, v) => {
    const i = { top: Math.max(v.range.top, t.r.top), left: Math.max(v.range.left, t.r.left), bottom: Math.min(v.range.bottom, t.r.bottom), right: Math.min(v.range.right, t.r.right) };
    return n + cellCount(i);
  }, 0);
  if (covered < cellCount(t.r)) return { type: "MixedCriteria" };
  return { type: validationType(first.rule), v: first };
}

const EPOCH = Date.UTC(1899, 11, 30);

/** A criterion operand read back: "When retrieving the value, it will always be returned as a string formula, for example: "=10"". */
function operandAsRead(x: unknown): unknown {
  if (typeof x === "number") return `=${x}`;
  if (typeof x !== "string" || x.startsWith("=")) return x;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(x);
  if (iso) return `=${(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) - EPOCH) / 86_400_000}`;
  return `=${x}`;
}

function ruleAsRead(rule: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(rule);
  for (const [key, c] of Object.entries(out)) {
    if (key === "list" || !c || typeof c !== "object") continue;
    const criterion = c as Record<string, unknown>;
    for (const f of ["formula1", "formula2"]) if (criterion[f] !== undefined) criterion[f] = operandAsRead(criterion[f]);
  }
  return out;
}

class FakeDataValidation extends FakeClientObject<RangeTarget> {
  protected readonly scalarNames = ["type", "rule", "ignoreBlanks", "prompt", "errorAlert", "valid"] as const;
  protected readScalar(t: RangeTarget, name: string): unknown {
    const found = validationOf(t);
    switch (name) {
      case "type":
        return found.type;
      case "rule":
        return found.v ? ruleAsRead(found.v.rule) : {};
      case "ignoreBlanks":
        return found.v ? found.v.ignoreBlanks : true;
      case "prompt":
        return found.v?.prompt ? { ...found.v.prompt } : { message: "", showPrompt: false, title: "" };
      case "errorAlert":
        return found.v?.errorAlert ? { ...found.v.errorAlert } : { message: "", showAlert: true, style: "Stop", title: "" };
      default:
        return null;
    }
  }
  get type(): string {
    return this.get("type") as string;
  }
  get rule(): Record<string, unknown> {
    return this.get("rule") as Record<string, unknown>;
  }
  set rule(rule: Record<string, unknown>) {
    this.enqueueOn(jsonBytes(rule), (t) => {
      const key = Object.keys(rule)[0];
      if (!key || !VALIDATION_TYPES[key]) throw new FakeOfficeError("InvalidArgument", "a validation rule needs one criterion");
      const date = (rule as { date?: { formula1?: unknown; formula2?: unknown } }).date;
      // DateTimeDataValidation: "a Date, a Range object, or a string formula (... a stringified date/time in ISO8601 format ...)" — never a number.
      for (const operand of [date?.formula1, date?.formula2]) {
        if (typeof operand === "number") throw new FakeOfficeError("InvalidArgument", "a date validation takes an ISO-8601 date string or a formula, not a number");
      }
      const list = (rule as { list?: { source?: unknown } }).list;
      if (list && typeof list.source === "string" && !list.source.startsWith("=") && list.source.length > 255) {
        throw new FakeOfficeError("InvalidArgument", "a list source typed in is at most 255 characters");
      }
      t.sheet.validations = t.sheet.validations.flatMap((v) => subtractRange(v.range, t.r).map((range) => ({ ...v, range })));
      t.sheet.validations.push({ range: { ...t.r }, rule: structuredClone(rule), ignoreBlanks: true });
    });
  }
  private patch(bytes: number, fn: (v: ValidationState) => void): void {
    this.enqueueOn(bytes, (t) => {
      for (const v of t.sheet.validations) if (rangeContains(t.r, v.range)) fn(v);
    });
  }
  get ignoreBlanks(): boolean {
    return this.get("ignoreBlanks") as boolean;
  }
  set ignoreBlanks(b: boolean) {
    this.patch(8, (v) => (v.ignoreBlanks = b));
  }
  get prompt(): ValidationState["prompt"] {
    return this.get("prompt") as ValidationState["prompt"];
  }
  set prompt(p: ValidationState["prompt"]) {
    this.patch(jsonBytes(p), (v) => (v.prompt = { ...p }));
  }
  get errorAlert(): ValidationState["errorAlert"] {
    return this.get("errorAlert") as ValidationState["errorAlert"];
  }
  set errorAlert(e: ValidationState["errorAlert"]) {
    this.patch(jsonBytes(e), (v) => (v.errorAlert = { ...e }));
  }
  clear(): void {
    this.enqueueOn(0, (t) => {
      t.sheet.validations = t.sheet.validations.flatMap((v) => subtractRange(v.range, t.r).map((range) => ({ ...v, range })));
    });
  }
}

// ------------------------------------------------------ conditional formats

interface CfTarget {
  sheet: SheetState;
  cf: ConditionalFormatState;
}

export class FakeConditionalFormatCollection extends FakeCollection<CfTarget, FakeConditionalFormat> {
  constructor(
    ctx: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(ctx, () => {
      const t = range.target();
      return t.sheet.conditionalFormats.filter((cf) => cfAreas(cf).some((a) => rangesIntersect(a, t.r))).map((cf) => ({ sheet: t.sheet, cf }));
    });
  }
  protected wrap(item: CfTarget): FakeConditionalFormat {
    return new FakeConditionalFormat(this.ctx, () => (item.sheet.conditionalFormats.includes(item.cf) ? item : null));
  }
  add(type: string): FakeConditionalFormat {
    let created: CfTarget | undefined;
    this.ctx.core.enqueue(jsonBytes(type), () => {
      if (type !== "Custom" && type !== "CellValue") throw new FakeOfficeError("InvalidArgument", `conditional format type ${type} is not modelled`);
      const t = this.range.target();
      const cf: ConditionalFormatState = { id: this.ctx.state.nextId++, range: { ...t.r }, type };
      // Office.js adds a new conditional format at the first/top priority; the list is kept in priority order.
      t.sheet.conditionalFormats.unshift(cf);
      created = { sheet: t.sheet, cf };
    });
    return new FakeConditionalFormat(this.ctx, () => {
      if (!created) throw notFound("new conditional format");
      return created;
    });
  }
  /** ExcelApi 1.6: a format by its id. */
  getItem(id: string): FakeConditionalFormat {
    return new FakeConditionalFormat(this.ctx, () => {
      const t = this.range.target();
      const cf = t.sheet.conditionalFormats.find((c) => String(c.id) === id);
      if (!cf) throw notFound(`conditional format ${id}`);
      return { sheet: t.sheet, cf };
    });
  }
  clearAll(): void {
    this.ctx.core.enqueue(0, () => {
      const t = this.range.target();
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.flatMap((cf) => cfAreas(cf).flatMap((a) => subtractRange(a, t.r)).map((range) => ({ ...cf, range, areas: undefined })));
    });
  }
}

export class FakeConditionalFormat extends FakeClientObject<CfTarget> {
  protected readonly scalarNames = ["type", "id", "priority"] as const;
  protected readScalar(t: CfTarget, name: string): unknown {
    if (name === "type") return t.cf.type;
    if (name === "priority") return t.sheet.conditionalFormats.indexOf(t.cf);
    return String(t.cf.id);
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "custom") return this.custom as unknown as FakeClientObject<unknown>;
    if (name === "cellValue") return this.cellValue as unknown as FakeClientObject<unknown>;
    if (name === "customOrNullObject") return this.customOrNullObject as unknown as FakeClientObject<unknown>;
    if (name === "cellValueOrNullObject") return this.cellValueOrNullObject as unknown as FakeClientObject<unknown>;
    return undefined;
  }
  get type(): string {
    return this.get("type") as string;
  }
  get id(): string {
    return this.get("id") as string;
  }
  get priority(): number {
    return this.get("priority") as number;
  }
  /** `custom` on a format of another type fails at sync, as in Office.js; the OrNullObject form is a null object instead. */
  readonly custom = new FakeCfKind(this.ctx, () => this.kind("Custom"), "Custom", false);
  readonly cellValue = new FakeCfKind(this.ctx, () => this.kind("CellValue"), "CellValue", false);
  readonly customOrNullObject = new FakeCfKind(this.ctx, () => this.kind("Custom"), "Custom", true);
  readonly cellValueOrNullObject = new FakeCfKind(this.ctx, () => this.kind("CellValue"), "CellValue", true);
  private kind(type: string): CfTarget | null {
    const t = this.target();
    return t.cf.type === type ? t : null;
  }
  /** ConditionalFormat.getRange: "Throws an error if the conditional format is applied to multiple ranges." */
  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      if (cfAreas(t.cf).length > 1) throw new FakeOfficeError("InvalidOperation", "the conditional format applies to several ranges; use getRanges()");
      return { sheet: t.sheet, r: t.cf.range };
    });
  }
  getRangeOrNullObject(): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const t = this.target();
        return cfAreas(t.cf).length > 1 ? null : { sheet: t.sheet, r: t.cf.range };
      },
      true,
    );
  }
  /** ExcelApi 1.9: every area the format applies to. */
  getRanges(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, areas: cfAreas(t.cf) };
    });
  }
  delete(): void {
    this.enqueueOn(0, (t) => {
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => cf !== t.cf);
    });
  }
}

/** `cf.custom` or `cf.cellValue`: a rule plus a format (fill and font colour). */
class FakeCfKind extends FakeClientObject<CfTarget> {
  protected readonly scalarNames = [] as const;
  protected readScalar(): unknown {
    return undefined;
  }
  constructor(
    ctx: FakeRequestContext,
    locate: () => CfTarget | null,
    private readonly kindName: string,
    nullable: boolean,
  ) {
    super(ctx, locate, nullable);
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "rule") return this.rule as unknown as FakeClientObject<unknown>;
    if (name === "format") return this.format as unknown as FakeClientObject<unknown>;
    return undefined;
  }
  readonly format = new FakeCfFormat(this.ctx, () => this.target());
  private ruleProxy: FakeCfRule | undefined;
  /** custom.rule is an object with a `formula`; cellValue.rule is a plain value object. */
  get rule(): FakeCfRule & { formula1?: string; formula2?: string; operator?: string } {
    return (this.ruleProxy ??= new FakeCfRule(this.ctx, () => this.target()));
  }
  set rule(r: { formula1?: string; formula2?: string; operator?: string }) {
    if (this.kindName !== "CellValue") throw new FakeOfficeError("InvalidArgument", "only cellValue.rule is set as a whole");
    this.enqueueOn(jsonBytes(r), (t) => {
      t.cf.formula1 = r.formula1;
      t.cf.formula2 = r.formula2;
      t.cf.operator = r.operator;
    });
  }
}

class FakeCfRule extends FakeClientObject<CfTarget> {
  protected readonly scalarNames = ["formula", "formula1", "formula2", "operator"] as const;
  protected readScalar(t: CfTarget, name: string): unknown {
    return (t.cf as unknown as Record<string, unknown>)[name] ?? null;
  }
  get formula(): string {
    return this.get("formula") as string;
  }
  set formula(f: string) {
    this.enqueueOn(jsonBytes(f), (t) => {
      t.cf.formula = f;
    });
  }
  get formula1(): string {
    return this.get("formula1") as string;
  }
  get formula2(): string {
    return this.get("formula2") as string;
  }
  get operator(): string {
    return this.get("operator") as string;
  }
}

class FakeCfFormat extends FakeClientObject<CfTarget> {
  protected readonly scalarNames = [] as const;
  protected readScalar(): unknown {
    return undefined;
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "fill") return this.fill as unknown as FakeClientObject<unknown>;
    if (name === "font") return this.font as unknown as FakeClientObject<unknown>;
    return undefined;
  }
  readonly fill = new FakeCfColour(this.ctx, () => this.target(), "fill");
  readonly font = new FakeCfColour(this.ctx, () => this.target(), "fontColor");
}

class FakeCfColour extends FakeClientObject<CfTarget> {
  protected readonly scalarNames = ["color"] as const;
  constructor(
    ctx: FakeRequestContext,
    locate: () => CfTarget | null,
    private readonly key: "fill" | "fontColor",
  ) {
    super(ctx, locate);
  }
  protected readScalar(t: CfTarget): unknown {
    return t.cf[this.key] ?? null;
  }
  get color(): string | null {
    return this.get("color") as string | null;
  }
  set color(c: string) {
    this.enqueueOn(jsonBytes(c), (t) => {
      t.cf[this.key] = c.toUpperCase();
    });
  }
}

// -------------------------------------------------------------------- tables

interface TableTarget {
  sheet: SheetState;
  table: TableState;
}

function allTableTargets(state: WorkbookState): TableTarget[] {
  return state.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
}

function findTable(state: WorkbookState, name: string): TableTarget | undefined {
  const lower = name.toLowerCase();
  return allTableTargets(state).find((t) => t.table.name.toLowerCase() === lower);
}

/**
 * What Excel does to a header row: every header is text, blanks become
 * "ColumnN", duplicates get a number ("Owner2"). Formulas in headers are
 * replaced by their text.
 */
export function normaliseHeaders(sheet: SheetState, table: TableState): void {
  const store = rowOf(sheet, table.range.top);
  const seen = new Set<string>();
  for (let c = table.range.left; c <= table.range.right; c++) {
    const v = store.v[c];
    let text = v === null || v === undefined ? "" : typeof v === "object" ? v.error : String(v);
    if (store.f[c] !== undefined) text = "";
    store.f[c] = undefined;
    if (text.trim() === "") {
      let n = c - table.range.left + 1;
      while (seen.has(`column${n}`)) n++;
      text = `Column${n}`;
    }
    let unique = text;
    for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${text}${n}`;
    seen.add(unique.toLowerCase());
    store.v[c] = unique;
  }
}

function checkFree(state: WorkbookState, sheet: SheetState, r: RangeAddress, except?: TableState): void {
  for (const t of sheet.tables) {
    if (t !== except && rangesIntersect(t.range, r)) throw new FakeOfficeError("InvalidOperation", `the range overlaps table ${t.name}`);
  }
  const merged = sheet.merges.find((m) => rangesIntersect(m, r));
  if (merged) throw new FakeOfficeError("InvalidOperation", `a table cannot overlap a range that contains merged cells (${formatRange(merged)})`);
  void state;
}

export class FakeTableCollection extends FakeCollection<TableTarget, FakeTable> {
  constructor(ctx: FakeRequestContext, sheet: FakeWorksheet | null) {
    super(ctx, () => {
      if (!sheet) return allTableTargets(ctx.state);
      const s = sheet.target();
      return s.tables.map((table) => ({ sheet: s, table }));
    });
  }
  protected wrap(item: TableTarget): FakeTable {
    return new FakeTable(this.ctx, () => (item.sheet.tables.includes(item.table) ? item : null));
  }
  getItem(name: string): FakeTable {
    return new FakeTable(this.ctx, () => {
      const t = findTable(this.ctx.state, name);
      if (!t) throw notFound(`table '${name}'`);
      return t;
    });
  }
  getItemOrNullObject(name: string): FakeTable {
    return new FakeTable(this.ctx, () => findTable(this.ctx.state, name) ?? null, true);
  }
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    let created: TableTarget | undefined;
    this.ctx.core.enqueue(jsonBytes(typeof address === "string" ? address : "range"), () => {
      let sheet: SheetState;
      let r: RangeAddress | undefined;
      if (typeof address !== "string") {
        ({ sheet, r } = address.target());
      } else {
        // TableCollection.add: "If the address does not contain a sheet name, the currently-active sheet is used" (on a worksheet's collection too).
        const bang = address.lastIndexOf("!");
        const sheetName = address.slice(0, Math.max(bang, 0)).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
        const s = bang < 0 ? activeSheet(this.ctx.state) : findSheet(this.ctx.state, sheetName);
        if (!s) throw notFound(`worksheet '${sheetName}'`);
        sheet = s;
        r = parseRange(address.slice(bang + 1));
      }
      if (!r) throw new FakeOfficeError("InvalidArgument", `bad table address ${String(address)}`);
      if (hasHeaders && r.bottom === r.top) r = { ...r, bottom: r.top + 1 };
      checkFree(this.ctx.state, sheet, r);
      const used = new Set(allTableTargets(this.ctx.state).map((t) => t.table.name.toLowerCase()));
      let n = 1;
      while (used.has(`table${n}`)) n++;
      const table: TableState = { id: this.ctx.state.nextId++, name: `Table${n}`, range: r, showTotals: false, style: "TableStyleMedium2" };
      if (!hasHeaders) {
        // Excel inserts a header row above the data.
        throw new FakeOfficeError("InvalidArgument", "tables without a header row are not modelled by the fake");
      }
      sheet.tables.push(table);
      normaliseHeaders(sheet, table);
      created = { sheet, table };
    });
    return new FakeTable(this.ctx, () => {
      if (!created) throw notFound("new table");
      return created;
    });
  }
}

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]{0,254}$/;

export class FakeTable extends FakeClientObject<TableTarget> {
  protected readonly scalarNames = ["name", "showTotals", "showHeaders", "style", "id"] as const;
  protected readScalar(t: TableTarget, name: string): unknown {
    switch (name) {
      case "name":
        return t.table.name;
      case "showTotals":
        return t.table.showTotals;
      case "showHeaders":
        return true;
      case "style":
        return t.table.style;
      default:
        return String(t.table.id);
    }
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "worksheet") return this.worksheet as unknown as FakeClientObject<unknown>;
    return undefined;
  }
  get name(): string {
    return this.get("name") as string;
  }
  set name(n: string) {
    this.enqueueOn(jsonBytes(n), (t) => {
      if (!TABLE_NAME.test(n) || /^[A-Za-z]{1,3}\d+$/.test(n)) throw new FakeOfficeError("InvalidArgument", `'${n}' is not a valid table name`);
      const other = findTable(this.ctx.state, n);
      if (other && other.table !== t.table) throw new FakeOfficeError("InvalidArgument", `a table named '${n}' already exists`);
      t.table.name = n;
    });
  }
  get showTotals(): boolean {
    return this.get("showTotals") as boolean;
  }
  set showTotals(b: boolean) {
    this.enqueueOn(8, (t) => {
      t.table.showTotals = b;
    });
  }
  get style(): string {
    return this.get("style") as string;
  }
  set style(s: string) {
    this.enqueueOn(jsonBytes(s), (t) => {
      t.table.style = s;
    });
  }
  private worksheetProxy: FakeWorksheet | undefined;
  get worksheet(): FakeWorksheet {
    return (this.worksheetProxy ??= new FakeWorksheet(this.ctx, () => this.target().sheet));
  }
  private part(fn: (r: RangeAddress) => RangeAddress): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, r: fn(t.table.range) };
    });
  }
  getRange(): FakeRange {
    return this.part((r) => ({ ...r }));
  }
  getHeaderRowRange(): FakeRange {
    return this.part((r) => ({ ...r, bottom: r.top }));
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, r: { ...t.table.range, top: t.table.range.top + 1, bottom: t.table.range.bottom - (t.table.showTotals ? 1 : 0) } };
    });
  }
  getTotalRowRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      if (!t.table.showTotals) throw new FakeOfficeError("InvalidOperation", "the table does not show its totals row");
      return { sheet: t.sheet, r: { ...t.table.range, top: t.table.range.bottom } };
    });
  }
  resize(newRange: string | FakeRange): void {
    this.enqueueOn(jsonBytes(typeof newRange === "string" ? newRange : "range"), (t) => {
      const r = typeof newRange === "string" ? parseRange(newRange) : newRange.target().r;
      if (!r) throw new FakeOfficeError("InvalidArgument", "bad address");
      if (r.top !== t.table.range.top || !rangesIntersect(r, t.table.range) || r.bottom === r.top) {
        throw new FakeOfficeError("InvalidArgument", "the headers must stay in the same row and the new range must overlap the table");
      }
      checkFree(this.ctx.state, t.sheet, r, t.table);
      // Cells the table leaves behind lose their this-row references, as on converting to a range.
      const leaving = subtractRange(t.table.range, r);
      if (leaving.length) thisRowRefsToA1(t.sheet, t.table, leaving);
      t.table.range = r;
      normaliseHeaders(t.sheet, t.table);
      // Formulas the table takes in show their this-row references to it without its name.
      for (let row = r.top + 1; row <= r.bottom; row++) {
        const store = t.sheet.rows.get(row);
        for (let c = r.left; c <= r.right; c++) if (store?.f[c] !== undefined) store.f[c] = formulaAsShown(t.sheet, row, c, store.f[c] as string);
      }
    });
  }
  convertToRange(): FakeRange {
    let before: RangeTarget | undefined;
    this.enqueueOn(0, (t) => {
      before = { sheet: t.sheet, r: { ...t.table.range } };
      thisRowRefsToA1(t.sheet, t.table);
      t.sheet.tables = t.sheet.tables.filter((x) => x !== t.table);
    });
    return new FakeRange(this.ctx, () => before ?? null);
  }
  get columns(): FakeTableColumnCollection {
    return new FakeTableColumnCollection(this.ctx, this);
  }
}

export class FakeTableColumn extends FakeClientObject<{ t: TableTarget; col: number }> {
  protected readonly scalarNames = ["name", "index"] as const;
  protected readScalar(x: { t: TableTarget; col: number }, name: string): unknown {
    if (name === "index") return x.col - x.t.table.range.left;
    return valueOut(x.t.sheet.rows.get(x.t.table.range.top)?.v[x.col]);
  }
  get name(): string {
    return this.get("name") as string;
  }
}

export class FakeTableColumnCollection extends FakeCollection<{ t: TableTarget; col: number }, FakeTableColumn> {
  constructor(
    ctx: FakeRequestContext,
    private readonly table: FakeTable,
  ) {
    super(ctx, () => {
      const t = table.target();
      const out: { t: TableTarget; col: number }[] = [];
      for (let c = t.table.range.left; c <= t.table.range.right; c++) out.push({ t, col: c });
      return out;
    });
  }
  protected wrap(item: { t: TableTarget; col: number }): FakeTableColumn {
    return new FakeTableColumn(this.ctx, () => item);
  }
  /**
   * Adds a column at the table's end. Excel inserts cells there, shifting what
   * stands right of the table (in the table's rows) one column right.
   * `values` includes the header.
   */
  add(index?: number | null, values?: unknown[][] | null, name?: string): FakeTableColumn {
    let created: { t: TableTarget; col: number } | undefined;
    this.ctx.core.enqueue(jsonBytes(values ?? null) + jsonBytes(name), () => {
      const t = this.table.target();
      if (index !== undefined && index !== null && index !== t.table.range.right - t.table.range.left + 1) {
        throw new FakeOfficeError("InvalidArgument", "the fake only adds columns at a table's end");
      }
      const col = t.table.range.right + 1;
      for (let row = t.table.range.top; row <= t.table.range.bottom; row++) {
        const store = t.sheet.rows.get(row);
        if (!store) continue;
        for (const key of ["v", "f", "nf", "st"] as const) {
          const arr = store[key] as unknown[] | undefined;
          if (arr && arr.length > col) arr.splice(col, 0, undefined);
        }
        if (store.v[col] === undefined) store.v[col] = null;
      }
      t.table.range = { ...t.table.range, right: col };
      if (values) {
        const h = t.table.range.bottom - t.table.range.top + 1;
        if (values.length !== h) throw new FakeOfficeError("InvalidArgument", "column values must cover the header and every row");
        values.forEach((line, i) => writeCell(t.sheet, t.table.range.top + i, col, line[0], false));
      }
      if (name !== undefined) rowOf(t.sheet, t.table.range.top).v[col] = name;
      normaliseHeaders(t.sheet, t.table);
      created = { t, col };
    });
    return new FakeTableColumn(this.ctx, () => created ?? null);
  }
}

export { columnLetter };

// ---------------------------------------------------------------------------
// Charts (ExcelApi 1.1–1.7, as far as the host uses them): a chart has a
// name, a type, a title, series that read ranges of its sheet, and the cells
// setPosition placed it over.

interface ChartTarget {
  sheet: SheetState;
  chart: ChartState;
}

const CHART_TYPES = new Set(["Line", "LineMarkers", "LineStacked", "ColumnClustered", "BarClustered", "Pie", "Area", "XYScatter"]);

/** A range argument of a chart method: a Range of the chart's own sheet (the host passes ranges, never text). */
function chartRange(sheet: SheetState, range: FakeRange): RangeAddress {
  const t = range.target();
  if (t.sheet !== sheet) throw new FakeOfficeError("InvalidArgument", "the fake models charts over ranges of their own sheet only");
  return t.r;
}

export class FakeChartCollection extends FakeCollection<ChartTarget, FakeChart> {
  constructor(
    ctx: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {
    super(ctx, () => {
      const s = sheet.target();
      return (s.charts ?? []).map((chart) => ({ sheet: s, chart }));
    });
  }
  protected wrap(item: ChartTarget): FakeChart {
    return new FakeChart(this.ctx, () => (item.sheet.charts?.includes(item.chart) ? item : null));
  }
  /** "If there are multiple charts with the same name, the first one will be returned." */
  private find(name: string): ChartTarget | null {
    const s = this.sheet.target();
    const chart = (s.charts ?? []).find((c) => c.name === name);
    return chart ? { sheet: s, chart } : null;
  }
  getItem(name: string): FakeChart {
    return new FakeChart(this.ctx, () => {
      const t = this.find(name);
      if (!t) throw notFound(`chart '${name}'`);
      return t;
    });
  }
  getItemOrNullObject(name: string): FakeChart {
    return new FakeChart(this.ctx, () => this.find(name), true);
  }
  /** add(type, sourceData, seriesBy): a series for each column (or row) of the source, named "Series1"…, placed at Excel's default spot. */
  add(type: string, sourceData: FakeRange, seriesBy: string = "Auto"): FakeChart {
    let created: ChartTarget | undefined;
    this.ctx.core.enqueue(jsonBytes([type, seriesBy]) + 40, () => {
      if (!CHART_TYPES.has(type)) throw new FakeOfficeError("InvalidArgument", `chart type '${type}' is not modelled`);
      const s = this.sheet.target();
      const r = chartRange(s, sourceData);
      const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && r.right - r.left > r.bottom - r.top);
      const count = byRows ? r.bottom - r.top + 1 : r.right - r.left + 1;
      const series = Array.from({ length: count }, (_, k) => ({
        name: `Series${k + 1}`,
        values: byRows ? { ...r, top: r.top + k, bottom: r.top + k } : { ...r, left: r.left + k, right: r.left + k },
        xValues: null,
      }));
      const charts = (s.charts ??= []);
      const taken = new Set(charts.map((c) => c.name));
      let n = 1;
      while (taken.has(`Chart ${n}`)) n++;
      const chart: ChartState = { id: this.ctx.state.nextId++, name: `Chart ${n}`, chartType: type, title: "", series, position: null };
      charts.push(chart);
      created = { sheet: s, chart };
    });
    return new FakeChart(this.ctx, () => {
      if (!created) throw notFound("new chart");
      return created;
    });
  }
}

export class FakeChart extends FakeClientObject<ChartTarget> {
  protected readonly scalarNames = ["name", "chartType", "id"] as const;
  protected readScalar(t: ChartTarget, name: string): unknown {
    if (name === "name") return t.chart.name;
    if (name === "chartType") return t.chart.chartType;
    return `{chart-${t.chart.id}}`;
  }
  get name(): string {
    return this.get("name") as string;
  }
  set name(v: string) {
    this.enqueueOn(jsonBytes(v), (t) => {
      if (!v) throw new FakeOfficeError("InvalidArgument", "a chart name cannot be empty");
      t.chart.name = v;
    });
  }
  get title(): { text: string } {
    const chart = this;
    return {
      get text(): string {
        throw new FakeOfficeError("PropertyNotLoaded", "the fake does not read chart titles");
      },
      set text(v: string) {
        chart.enqueueOn(jsonBytes(v), (t) => {
          t.chart.title = v;
        });
      },
    };
  }
  private seriesProxy: FakeChartSeriesCollection | undefined;
  get series(): FakeChartSeriesCollection {
    return (this.seriesProxy ??= new FakeChartSeriesCollection(this.ctx, this));
  }
  /** setPosition(startCell, endCell): cell addresses of the chart's sheet. */
  setPosition(startCell: string, endCell?: string): void {
    this.enqueueOn(jsonBytes([startCell, endCell ?? null]), (t) => {
      const start = parseRange(startCell);
      const end = parseRange(endCell ?? startCell);
      if (!start || !end || startCell.includes("!")) throw new FakeOfficeError("InvalidArgument", `bad chart position ${startCell}:${endCell}`);
      t.chart.position = { start, end };
    });
  }
  delete(): void {
    this.enqueueOn(20, (t) => {
      t.sheet.charts = (t.sheet.charts ?? []).filter((c) => c !== t.chart);
    });
  }
}

interface SeriesTarget {
  chart: ChartTarget;
  index: number;
}

export class FakeChartSeriesCollection extends FakeCollection<SeriesTarget, FakeChartSeries> {
  constructor(
    ctx: FakeRequestContext,
    private readonly chart: FakeChart,
  ) {
    super(ctx, () => {
      const c = chart.target();
      return c.chart.series.map((_, index) => ({ chart: c, index }));
    });
  }
  protected wrap(item: SeriesTarget): FakeChartSeries {
    return new FakeChartSeries(this.ctx, () => item);
  }
  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(this.ctx, () => {
      const c = this.chart.target();
      if (index < 0 || index >= c.chart.series.length) throw notFound(`series ${index}`);
      return { chart: c, index };
    });
  }
  /** add(name?, index?) (ExcelApi 1.7): a new series at the end, reading nothing until its values are set. */
  add(name?: string): FakeChartSeries {
    let created: SeriesTarget | undefined;
    this.ctx.core.enqueue(jsonBytes(name ?? ""), () => {
      const c = this.chart.target();
      c.chart.series.push({ name: name ?? `Series${c.chart.series.length + 1}`, values: null, xValues: null });
      created = { chart: c, index: c.chart.series.length - 1 };
    });
    return new FakeChartSeries(this.ctx, () => {
      if (!created) throw notFound("new series");
      return created;
    });
  }
}

export class FakeChartSeries extends FakeClientObject<SeriesTarget> {
  protected readonly scalarNames = ["name"] as const;
  protected readScalar(t: SeriesTarget): unknown {
    return t.chart.chart.series[t.index]?.name;
  }
  private series(t: SeriesTarget) {
    const s = t.chart.chart.series[t.index];
    if (!s) throw notFound(`series ${t.index}`);
    return s;
  }
  set name(v: string) {
    this.enqueueOn(jsonBytes(v), (t) => {
      this.series(t).name = v;
    });
  }
  /** setValues(sourceData) (ExcelApi 1.7). */
  setValues(sourceData: FakeRange): void {
    this.enqueueOn(40, (t) => {
      this.series(t).values = chartRange(t.chart.sheet, sourceData);
    });
  }
  /** setXAxisValues(sourceData) (ExcelApi 1.7). */
  setXAxisValues(sourceData: FakeRange): void {
    this.enqueueOn(40, (t) => {
      this.series(t).xValues = chartRange(t.chart.sheet, sourceData);
    });
  }
}
