export { readCents, fromCents } from "./amount";
export { readPeriod, type PeriodReading } from "./period";
export { LedgerTally, MAX_FINDINGS, type LedgerColumns, type LedgerSource, type LedgerSummary } from "./ledger";
export { trackerActuals, type TrackerActuals, type TrackerLine, type TrackerLayout } from "./tracker";
export { reconcile, SECTION_IDS, type ReconcileLine, type ReconcileResult, type SectionId, type SideTieOut } from "./match";
export { planReconciliationSheet, reconciliationSheetName, RECONCILIATION_SHEET, RECONCILIATION_TITLE, SECTION_TITLES, type ExistingSheet, type ReconciliationLayout, type SheetContext } from "./sheet";
export type { KeyFields, ReconcileFinding, PeriodRef, AmountGroup } from "./types";
