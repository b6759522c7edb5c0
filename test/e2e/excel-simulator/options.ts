import type { WorkbookSeed } from "../../contract/workbook-seed";

/** What a browser test tells the simulated Excel. */
export interface SimulatorOptions {
  /** The workbook open in "Excel". */
  seed: WorkbookSeed;
  /** Office.context.officeTheme as Excel would report it. */
  officeTheme?: { bodyBackgroundColor?: string; isDarkTheme?: boolean };
  /** The highest ExcelApi 1.x the simulated Excel supports. */
  excelApiMinor: number;
}
