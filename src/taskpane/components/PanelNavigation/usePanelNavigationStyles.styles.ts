import { makeStyles, tokens } from "@fluentui/react-components";

export const usePanelNavigationStyles = makeStyles({
  nav: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
  },
  // The overflow container measures this element: it must not grow past the pane.
  tabs: { minWidth: 0, overflow: "hidden", flexWrap: "nowrap" },
  more: { minWidth: "auto", flexShrink: 0 },
});
