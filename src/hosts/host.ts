/**
 * The WorkbookHost port: the only interface jobs see. Two hosts implement it,
 * Excel (Office.js) and xlsx (ExcelJS); one contract suite holds them to the
 * same behaviour.
 */
import { parseRange, type RangeAddress } from "../core/grid/address";
import type { CellValue } from "../core/grid/cell";
import type { CellStyle, ConditionalFormat, DataValidation } from "../core/plan/edits";
import type { Plan } from "../core/plan/plan";
import type { WorkbookMetadata, MetadataIssue } from "../core/metadata/schema";

/** A rectangle of cells as read: values and, where a cell has one, its formula. */
export interface Grid {
  sheet: string;
  /** A1 range the grid covers, e.g. "B3:N40". */
  address: string;
  values: CellValue[][];
  /** Same shape as values; null where the cell holds no formula. */
  formulas: (string | null)[][];
  /** Same shape as values; the cell's number format ("General" when none). */
  numberFormats: string[][];
  /**
   * Merged areas touching the range (e.g. ["A6:A15"]), where the host can
   * read them; absent when there are none or the host cannot tell.
   */
  merges?: string[];
}

export interface TableOutline {
  name: string;
  sheet: string;
  /** Header row included, totals row included when shown. */
  address: string;
  headers: string[];
  showTotals: boolean;
}

export interface SheetOutline {
  name: string;
  /** 0-based position in the workbook's tab order. */
  position: number;
  visibility: "visible" | "hidden" | "veryHidden";
  /** null when the sheet is empty. */
  usedRange: string | null;
  tables: TableOutline[];
  /** Merged areas that touch the preview rows, e.g. ["A1:K1"]. */
  merges: string[];
  /** The first rows of the used range (previewRows of them), for detection. */
  preview: Grid | null;
}

export interface WorkbookOutline {
  /** File name where there is one (xlsx host); "" inside Excel. */
  name: string;
  sheets: SheetOutline[];
  /** The toolkit's own record in the workbook; empty when it has none yet. */
  metadata: WorkbookMetadata;
  /** Problems reading that record back (never thrown: the workbook still opens). */
  metadataIssues: MetadataIssue[];
  /**
   * Parts of the file the host cannot write back, in words (sheet, cells, what),
   * so a preview can say what saving will drop. Absent when nothing is dropped.
   */
  notKeptOnSave?: string[];
}

export interface ApplyResult {
  editsApplied: number;
  /**
   * How the apply can be undone: Excel's own undo stack (one Ctrl+Z, where
   * `excelUndoGroup`), and the inverse plan, which always undoes all of it.
   * `notInExcelUndo` names changes Ctrl+Z does not take back (Excel on
   * Windows and Mac cannot undo adding a hidden sheet, for one).
   */
  undo: { excelUndoGroup: boolean; inverse: Plan; notInExcelUndo?: string[] };
  /** Changes of the plan this host left out, in words (a chart where Excel has no chart API); absent when none. */
  notDone?: string[];
}

export type Progress = (done: number, total: number) => void;

/** The validation and colour rules over one range (outline and read do not carry them). */
export interface RangeRules {
  address: string;
  /** The validation every cell of the range has; null when no cell has one; "mixed" when the cells differ. */
  validation: DataValidation | null | "mixed";
  /** Colour rules whose ranges touch the address, each with its own range. Kinds a plan cannot express are left out. */
  conditionalFormats: { address: string; rules: ConditionalFormat[] }[];
}

/** Where the person's selection is: its sheet and the A1 address of the selected range ("B4" or "B4:H4"). */
export interface CellSelection {
  sheet: string;
  address: string;
}

/** Cells that changed: their sheet and A1 range. */
export interface CellsChanged {
  sheet: string;
  address: string;
}

/**
 * One question `queryCells` answers about a range of a sheet: lighter than a
 * `read`, so a job reads only what it needs of a long register.
 * - "values": what the cells hold, without formulas or formats (errors as { error }).
 * - "formulas": each cell's formula text ("=…"), else its constant, as Excel's
 *   `Range.formulas` gives them: an error typed in as its text ("#N/A"), an
 *   empty cell as null. A text that starts with "=" reads the same as a formula.
 * - "numberFormats": each cell's number format ("General" when none).
 * - "hasFormulas": whether any cell holds a formula.
 * - "hasText": whether any cell holds text containing `text`, in any case
 *   (asked only of cells without formulas: what a formula's result gives is not defined).
 */
export type CellsQuery =
  | { address: string; ask: "values" | "formulas" | "numberFormats"; bytesPerCell?: number }
  | { address: string; ask: "hasFormulas" }
  | { address: string; ask: "hasText"; text: string };

/** The answer to one CellsQuery: `cells` for "values", "formulas" and "numberFormats" (rows of the range), `found` for the others. */
export interface CellsAnswer {
  address: string;
  cells?: CellValue[][];
  found?: boolean;
}

/** Ends a subscription. */
export type StopListening = () => Promise<void>;

/** The parts of a cell's look that templates set on header rows. */
export type CellLook = Pick<CellStyle, "bold" | "fill" | "wrapText">;

export interface WorkbookHost {
  outline(opts?: { previewRows?: number }): Promise<WorkbookOutline>;
  /**
   * Optional: the outline with each sheet read only as far as its preview,
   * but the sheets named in `whole`; `cut` names the sheets that go on past
   * what was read (their used range stops there). A job that needs a few
   * sheets of a big workbook looks at the heads, then asks for those whole.
   */
  outlineHeads?(opts: { previewRows: number; whole?: readonly string[] }): Promise<{ outline: WorkbookOutline; cut: string[] }>;
  read(sheet: string, address: string): Promise<Grid>;
  apply(plan: Plan, progress?: Progress): Promise<ApplyResult>;
  /**
   * Optional: rules of each range, so a job can tell that a validation or
   * colour rule is already there and leave it (re-applying gives an empty plan).
   */
  readRules?(sheet: string, addresses: string[]): Promise<RangeRules[]>;
  /**
   * Optional: answers to several questions about ranges of one sheet at once
   * (see CellsQuery), in as few round trips as the host can: in Excel, one
   * sync while the answers fit its payload limit, whatever the rows.
   */
  queryCells?(sheet: string, queries: readonly CellsQuery[]): Promise<CellsAnswer[]>;
  /** Optional: bold, fill and wrap of every cell of a small range (a header row). */
  readLooks?(sheet: string, address: string): Promise<CellLook[][]>;
  /**
   * Optional, for the preview: whether one Ctrl+Z in the application will
   * undo an apply of `plan`, and the changes it would leave (in words).
   */
  undoCoverage?(plan: Plan): { excelUndo: boolean; notInExcelUndo: string[] };
  /** Optional: shows a cell to the user (activates its sheet and selects it), e.g. for a finding they chose. */
  selectCell?(sheet: string, address: string): Promise<void>;
  /**
   * Optional: the cell or range the person has selected (in Excel; in a file,
   * the selection it was saved with), so a form can start from where they
   * point. Null when there is no cell selection to report.
   */
  selection?(): Promise<CellSelection | null>;
  /**
   * Optional: tells `listener` of every change to cells (typing, paste, fill,
   * and the toolkit's own applies) until the returned function is called, so
   * a view can check again after the person edits.
   */
  onCellsChanged?(listener: (change: CellsChanged) => void): Promise<StopListening>;
  /**
   * Optional, for the preview: what saving after an apply of `plan` would not
   * keep, in words naming sheet, cells and what is lost; empty when all is kept.
   */
  notKeptBy?(plan: Plan): string[];
  /** Optional, for the preview: the changes of `plan` this host will leave out, in words; empty when it makes them all. */
  notDoneBy?(plan: Plan): string[];
}

/** A problem the user can act on: what went wrong, where, and what to do. */
export class WorkbookError extends Error {
  constructor(
    message: string,
    readonly where: { file?: string; sheet?: string; cell?: string } = {},
  ) {
    super(message);
    this.name = "WorkbookError";
  }
}

/** The range `address` names on `sheet`; a WorkbookError naming both when it is not an A1 range. */
export function rangeOnSheet(sheet: string, address: string): RangeAddress {
  const range = parseRange(address);
  if (!range) throw new WorkbookError(`“${address}” is not a cell range on sheet “${sheet}” (use A1 form such as B3:N40).`, { sheet, cell: address });
  return range;
}
