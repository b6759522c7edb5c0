import { makeStyles, tokens } from "@fluentui/react-components";

export const useHeatMapStyles = makeStyles({
  table: { borderCollapse: "separate", borderSpacing: "2px", tableLayout: "fixed", width: "100%" },
  // Labels wrap between words only (see axisLabels.ts); a too-long word is set upright, never broken.
  axisHeader: { fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2, textAlign: "center", padding: 0 },
  upright: { verticalAlign: "bottom", paddingBottom: "2px" },
  uprightLabel: { writingMode: "vertical-rl", transform: "rotate(180deg)", whiteSpace: "nowrap", display: "inline-block", textAlign: "left" },
  rowHeader: { fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase100, textAlign: "right", paddingRight: "2px" },
  cell: { padding: 0 },
  cellButton: {
    width: "100%",
    minWidth: 0,
    height: "44px",
    padding: "2px",
    display: "flex",
    flexDirection: "column",
    gap: 0,
    lineHeight: tokens.lineHeightBase100,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
  },
  chosen: { outline: `3px solid ${tokens.colorNeutralForeground1}`, outlineOffset: "-1px" },
  count: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightBold },
  band: { fontSize: "10px", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", maxWidth: "100%" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  risk: { justifyContent: "flex-start", textAlign: "left", width: "100%", height: "auto", minWidth: 0, fontWeight: tokens.fontWeightRegular, whiteSpace: "normal", overflowWrap: "anywhere" },
  legend: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, listStyleType: "none", margin: 0, padding: 0 },
  legendItem: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS, borderRadius: tokens.borderRadiusSmall, fontSize: tokens.fontSizeBase200 },
});
