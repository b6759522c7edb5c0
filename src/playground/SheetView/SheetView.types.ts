import type ExcelJS from "exceljs";
import type { TableOutline } from "../../hosts/host";

export interface SheetViewProps {
  /** The workbook model to draw (the file host's own, or one built from the package for the view). */
  workbook: ExcelJS.Workbook;
  /** The sheet to draw. */
  sheetName: string;
  /** The sheet's tables (from the host's outline), drawn with their outline and banding. */
  tables: TableOutline[];
  /** Changes after every apply or undo, so the view reads the sheet again. */
  revision: number;
  /** A1 address of the cell the pane asked to show (a finding chosen in Checks): outlined and scrolled into view. */
  selectedCell?: string;
  /** The person clicked a cell (or moved to it with the arrow keys): its A1 address. */
  onSelectCell?: (cell: string) => void;
}
