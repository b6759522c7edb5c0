import { makeStyles, tokens } from "@fluentui/react-components";

export const PANE_WIDTH = 350;

export const usePlaygroundStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", height: "100vh", backgroundColor: tokens.colorNeutralBackground3 },
  bar: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    flexWrap: "wrap",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { margin: 0, marginRight: tokens.spacingHorizontalS },
  fileName: { color: tokens.colorNeutralForeground2, whiteSpace: "pre", overflow: "hidden", textOverflow: "ellipsis", minWidth: 0, flexShrink: 1 },
  spacer: { flexGrow: 1 },
  themeLabel: { color: tokens.colorNeutralForeground2 },
  problem: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0` },
  body: { display: "flex", flexGrow: 1, minHeight: 0, gap: 0 },
  pane: {
    width: `${PANE_WIDTH}px`,
    flexShrink: 0,
    overflowY: "auto",
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  sheet: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0, backgroundColor: tokens.colorNeutralBackground1 },
  tabs: { overflowX: "auto", flexShrink: 0, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  tab: { whiteSpace: "pre" },
  loading: { margin: "auto" },
});
