import * as React from "react";
import { mergeClasses } from "@fluentui/react-components";
import { cellDisplay } from "./cellDisplay";
import { cellKey, tablePartAt, type SheetModel } from "./sheetModel";
import type { SheetViewProps } from "./SheetView.types";
import { useSheetView } from "./useSheetView";
import { SELECTED_OUTLINE, TABLE_COLOURS, useSheetViewStyles, WRAP_LINE_PX } from "./useSheetViewStyles.styles";

/** A read-only view of one worksheet: values as formatted, fills, bold, merges, and table outlines; a cell is selected by click or arrow keys. */
export function SheetView(props: SheetViewProps): React.JSX.Element {
  const styles = useSheetViewStyles();
  const { model, scrollerRef, firstRow, lastRow, onScroll, onClick, onKeyDown } = useSheetView(props);
  if (!model) return <div className={styles.note}>The sheet “{props.sheetName}” is not in the workbook any more.</div>;
  const rows: React.ReactNode[] = [];
  for (let r = firstRow; r <= lastRow; r++) rows.push(<SheetRow key={r} model={model} row={r} styles={styles} selectedCell={props.selectedCell} />);
  const above = model.rowTops[firstRow - 1];
  const below = model.rowTops[model.rowCount] - model.rowTops[lastRow];
  const width = 44 + model.colWidths.reduce((a, b) => a + b, 0);
  return (
    <>
      <div
        ref={scrollerRef}
        className={styles.scroller}
        onScroll={onScroll}
        onClick={onClick}
        onKeyDown={onKeyDown}
        tabIndex={0}
        role="region"
        aria-label={`Sheet ${props.sheetName.trim()}`}
        data-testid="sheet-view"
        data-sheet={props.sheetName}
      >
        <table className={styles.table} style={{ width }} aria-rowcount={model.rowCount}>
          <colgroup>
            <col style={{ width: 44 }} />
            {model.colWidths.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className={mergeClasses(styles.colHeader, styles.corner)} scope="col">
                <span style={{ position: "absolute", left: -9999 }}>Row</span>
              </th>
              {model.letters.map((l) => (
                <th key={l} className={styles.colHeader} scope="col">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {above > 0 ? (
              <tr aria-hidden="true" style={{ height: above }}>
                <td className={styles.spacer} colSpan={model.colCount + 1} />
              </tr>
            ) : null}
            {rows}
            {below > 0 ? (
              <tr aria-hidden="true" style={{ height: below }}>
                <td className={styles.spacer} colSpan={model.colCount + 1} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {model.columnsCut ? <div className={styles.note}>Showing the first {model.colCount} columns.</div> : null}
    </>
  );
}

interface SheetRowProps {
  selectedCell?: string;
  model: SheetModel;
  row: number;
  styles: ReturnType<typeof useSheetViewStyles>;
}

function SheetRow({ model, row, styles, selectedCell }: SheetRowProps): React.JSX.Element {
  const height = model.rowTops[row] - model.rowTops[row - 1];
  const xlRow = model.worksheet.findRow(row);
  const cells: React.ReactNode[] = [];
  for (let c = 1; c <= model.colCount; c++) {
    const key = cellKey(row, c);
    if (model.covered.has(key)) continue;
    const span = model.masters.get(key);
    const d = cellDisplay(xlRow?.findCell(c));
    // As in Excel, left-aligned text runs on over empty cells to its right instead of being cut.
    const next = c < model.colCount && !span ? xlRow?.findCell(c + 1) : undefined;
    const spills = d.text !== "" && !d.wrap && d.align === "left" && (next === undefined || (cellDisplay(next).text === "" && !next.fill));
    const part = tablePartAt(model, row, c);
    const shadows: string[] = [];
    let fill = d.fill;
    let color = d.color;
    let bold = d.bold;
    if (part) {
      const o = TABLE_COLOURS.outline;
      if (part.edges.top) shadows.push(`inset 0 2px 0 ${o}`);
      if (part.edges.bottom) shadows.push(`inset 0 -2px 0 ${o}`);
      if (part.edges.left) shadows.push(`inset 2px 0 0 ${o}`);
      if (part.edges.right) shadows.push(`inset -2px 0 0 ${o}`);
      if (part.header) {
        // As in Excel: the table style colours the header unless the cell has its own fill.
        if (!fill) {
          fill = TABLE_COLOURS.header;
          color = TABLE_COLOURS.headerText;
        }
        bold = true;
      } else if (part.banded) fill ??= TABLE_COLOURS.band;
    }
    cells.push(
      <td
        key={c}
        colSpan={span && span.colSpan > 1 ? Math.min(span.colSpan, model.colCount - c + 1) : undefined}
        className={styles.cell}
        title={part?.header ? `Table ${part.table.name}${d.title ? `: ${d.title}` : ""}` : d.title}
        data-cell={`${model.letters[c - 1]}${row}`}
        data-selected={selectedCell === `${model.letters[c - 1]}${row}` ? "true" : undefined}
        style={{
          textAlign: d.align,
          verticalAlign: d.vertical,
          fontWeight: bold ? 700 : undefined,
          fontStyle: d.italic ? "italic" : undefined,
          backgroundColor: fill ?? "#FFFFFF",
          color,
          boxShadow: selectedCell === `${model.letters[c - 1]}${row}` ? `inset 0 0 0 2px ${SELECTED_OUTLINE}` : shadows.length ? shadows.join(", ") : undefined,
        }}
      >
        <div className={mergeClasses(styles.text, d.wrap && styles.wrap, spills && styles.spill)} style={{ maxHeight: d.wrap ? Math.max(1, Math.floor((height - 2) / WRAP_LINE_PX)) * WRAP_LINE_PX : height - 1 }}>
          {d.text}
        </div>
      </td>,
    );
  }
  return (
    <tr style={{ height }}>
      <th scope="row" className={styles.rowHeader}>
        {row}
      </th>
      {cells}
    </tr>
  );
}
