export { detectInSheet, detectTable, LOW_CONFIDENCE, MIN_REGISTER_CONFIDENCE } from "./detect";
export type { DetectedRegister, DetectOptions, MappedColumn, TableInput } from "./detect";
export { measureExtent } from "./extent";
export type { Extent, ExtentInput } from "./extent";
export { normaliseHeader, editDistance } from "./normalise";
export type { SheetCells } from "./sheet-cells";
