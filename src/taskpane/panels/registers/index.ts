export { RegistersPanel, type RegistersPanelProps } from "./RegistersPanel";
export { confidenceWords, driftSummary, kindName, registerKey, whereWords } from "./registerWords";
export { detectedMapping, headerColumns, mappingProblems, withMapping, type ColumnMapping, type HeaderColumn } from "./columnMapping";
export { findRegisters, planForRegister, planNewRegister, type RegisterPlan } from "./registerJobs";
