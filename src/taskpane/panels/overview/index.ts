export { OverviewPanel } from "./OverviewPanel";
export { summariseWorkbook, type SheetSummary, type WorkbookSummary } from "./sheetSummary";
