import { makeStyles, tokens } from "@fluentui/react-components";

const GRID_LINE = "#E1E1E1";
/** Wrapped text shows whole lines only: a half-cut line reads as a rendering fault. */
export const WRAP_LINE_PX = 15;
const HEADER_BG = "#F3F3F3";

export const useSheetViewStyles = makeStyles({
  scroller: {
    position: "relative",
    overflow: "auto",
    flexGrow: 1,
    minHeight: 0,
    backgroundColor: "#FFFFFF",
    color: "#000000",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  table: {
    borderCollapse: "separate",
    borderSpacing: 0,
    tableLayout: "fixed",
    fontFamily: "Calibri, 'Segoe UI', Arial, sans-serif",
    fontSize: "13px",
  },
  colHeader: {
    position: "sticky",
    top: 0,
    zIndex: 3,
    height: "22px",
    backgroundColor: HEADER_BG,
    color: "#444444",
    fontWeight: "normal",
    textAlign: "center",
    borderRight: `1px solid ${GRID_LINE}`,
    borderBottom: "1px solid #C8C8C8",
  },
  corner: { left: 0, zIndex: 4, width: "44px" },
  rowHeader: {
    position: "sticky",
    left: 0,
    zIndex: 2,
    backgroundColor: HEADER_BG,
    color: "#444444",
    textAlign: "center",
    fontWeight: "normal",
    borderRight: "1px solid #C8C8C8",
    borderBottom: `1px solid ${GRID_LINE}`,
  },
  cell: {
    padding: 0,
    borderRight: `1px solid ${GRID_LINE}`,
    borderBottom: `1px solid ${GRID_LINE}`,
    verticalAlign: "bottom",
  },
  text: { padding: "0 4px", overflow: "hidden", whiteSpace: "nowrap", textOverflow: "ellipsis" },
  // Over the neighbours' grid lines, as Excel draws run-on text; under the sticky headers.
  spill: { overflow: "visible", position: "relative", zIndex: 1, width: "fit-content", backgroundColor: "inherit" },
  wrap: { whiteSpace: "pre-wrap", overflowWrap: "anywhere", verticalAlign: "top", lineHeight: `${WRAP_LINE_PX}px` },
  spacer: { padding: 0, border: "none" },
  note: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** TableStyleMedium2's colours, so tables a job creates look as they will in Excel. */
/** Excel's green selection outline. */
export const SELECTED_OUTLINE = "#107C41";

export const TABLE_COLOURS = { header: "#4472C4", headerText: "#FFFFFF", band: "#D9E1F2", outline: "#2F5597" };
