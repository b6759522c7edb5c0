export { SheetView } from "./SheetView";
export type { SheetViewProps } from "./SheetView.types";
