/** What validation reads of one register: its mapped columns, row by row. */
import type { CellValue } from "../grid/cell";
import type { RiskBand } from "../metadata/settings";
import type { Template, TemplateKind } from "../templates/schema";

export interface CellRead {
  value: CellValue;
  /** The cell's number format ("General" when none). */
  format: string;
  formula: string | null;
}

export interface RegisterRow {
  /** 1-based sheet row. */
  row: number;
  /** By canonical field id; a field the register does not map is absent. */
  cells: Record<string, CellRead>;
}

export interface RegisterRows {
  sheet: string;
  kind: TemplateKind;
  template: Template;
  /**
   * Whether the register follows the template (it was applied, or a person
   * confirmed the mapping). A register that does not yet is compared with the
   * template, but a value of its own vocabulary is a warning, not an error.
   */
  onTemplate: boolean;
  /** Field id → column letter. */
  columns: Record<string, string>;
  /** Field id → the header as the register writes it, for messages. */
  headers: Record<string, string>;
  rows: RegisterRow[];
}

export interface ValidationSettings {
  /** Today as an Excel serial day; overdue and review rules count from it. */
  today: number;
  bands: readonly RiskBand[];
  /** ISO code the workbook counts in. */
  currency: string;
  varianceAmberPercent: number;
  /** The amber amount: a variance must pass both it and the percentage ("whichever is greater"); 0 when not set. */
  varianceAmberAmount?: number;
}
