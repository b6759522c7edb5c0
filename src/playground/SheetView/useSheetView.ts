import * as React from "react";
import { columnLetter, parseCell } from "../../core/grid/address";
import { buildSheetModel, rowAt, type SheetModel } from "./sheetModel";
import type { SheetViewProps } from "./SheetView.types";

/** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 12;

export interface SheetViewState {
  model: SheetModel | null;
  scrollerRef: React.RefObject<HTMLDivElement | null>;
  firstRow: number;
  lastRow: number;
  onScroll: () => void;
  /** Selects the clicked cell. */
  onClick: (e: React.MouseEvent<HTMLElement>) => void;
  /** Arrow keys move the selected cell, as in Excel. */
  onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => void;
}

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** The sheet model and which rows are on screen: only those are read and drawn, so 10,000-row sheets stay quick. */
export function useSheetView({ workbook, sheetName, tables, revision, selectedCell, onSelectCell }: SheetViewProps): SheetViewState {
  const model = React.useMemo(() => {
    const ws = workbook.getWorksheet(sheetName);
    return ws ? buildSheetModel(ws, tables) : null;
    // revision: the workbook object is the same after an apply, its contents are not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workbook, sheetName, tables, revision]);
  const scrollerRef = React.useRef<HTMLDivElement | null>(null);
  const [windowRows, setWindowRows] = React.useState<[number, number]>([1, 40]);

  const measure = React.useCallback(() => {
    const el = scrollerRef.current;
    if (!el || !model) return;
    const first = Math.max(1, rowAt(model, el.scrollTop) - OVERSCAN);
    const last = Math.min(model.rowCount, rowAt(model, el.scrollTop + (el.clientHeight || 800)) + OVERSCAN);
    setWindowRows((prev) => (prev[0] === first && prev[1] === last ? prev : [first, last]));
  }, [model]);

  React.useLayoutEffect(() => {
    measure();
  }, [measure]);
  React.useEffect(() => {
    const el = scrollerRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => measure());
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure]);
  // A new sheet starts at its top-left corner.
  React.useEffect(() => {
    scrollerRef.current?.scrollTo?.({ top: 0, left: 0 });
  }, [sheetName, workbook]);

  // A chosen cell is brought into view, a few rows below the top, as Excel's Go To does.
  React.useEffect(() => {
    const at = selectedCell ? parseCell(selectedCell) : undefined;
    const el = scrollerRef.current;
    if (!at || !el || !model || at.row > model.rowCount) return;
    const left = model.colWidths.slice(0, at.col - 1).reduce((a, b) => a + b, 0);
    // A cell already on screen (one just clicked) stays where it is.
    const top = model.rowTops[at.row - 1] ?? 0;
    const shown = el.clientHeight > 0 && top >= el.scrollTop && (model.rowTops[at.row] ?? top) <= el.scrollTop + el.clientHeight && left >= el.scrollLeft && 44 + left + (model.colWidths[at.col - 1] ?? 0) <= el.scrollLeft + el.clientWidth;
    if (shown) return;
    el.scrollTo?.({ top: Math.max(0, model.rowTops[at.row - 1] - 3 * 20), left: Math.max(0, left - 80) });
    measure();
  }, [selectedCell, model, measure]);

  const onClick = React.useCallback(
    (e: React.MouseEvent<HTMLElement>) => {
      const cell = (e.target as Element).closest?.("td[data-cell]")?.getAttribute("data-cell");
      if (cell) onSelectCell?.(cell);
    },
    [onSelectCell],
  );
  const onKeyDown = React.useCallback(
    (e: React.KeyboardEvent<HTMLElement>) => {
      const move = MOVES[e.key];
      if (!move || !model || !onSelectCell) return;
      e.preventDefault();
      const at = (selectedCell && parseCell(selectedCell)) || { row: 1, col: 1 };
      const row = Math.min(model.rowCount, Math.max(1, at.row + move[0]));
      const col = Math.min(model.colCount, Math.max(1, at.col + move[1]));
      onSelectCell(`${columnLetter(col)}${row}`);
    },
    [model, onSelectCell, selectedCell],
  );

  const lastRow = model ? Math.min(windowRows[1], model.rowCount) : 0;
  return { model, scrollerRef, firstRow: Math.min(windowRows[0], lastRow || 1), lastRow, onScroll: measure, onClick, onKeyDown };
}
