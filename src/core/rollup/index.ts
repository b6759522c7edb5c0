export * from "./fields";
export { financeFigures, type FinanceFigures, type MappedAmounts } from "./finance-figures";
export { summariseWorkbook, type WorkbookReading, type SummaryOptions } from "./summarise";
export type { EarnedFigures, RegisterData } from "./register-figures";
export { ragVerdict, DEFAULT_RAG_RULES, type RagRules, type RagVerdict } from "./rag";
export { planPortfolioSheet, projectFigures, linkFormula, rollupRecordOf, ROLLUP_METADATA_KEY, DEFAULT_ROLLUP_SHEET, type PortfolioInput, type PortfolioPlan, type ProjectLink, type RollupRecord } from "./portfolio-sheet";
export { ragRulesOfSettings } from "./rollup-settings";
