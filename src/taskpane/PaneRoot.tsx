import * as React from "react";
import { FluentProvider, makeStyles } from "@fluentui/react-components";
import type { WorkbookHost } from "../hosts/host";
import { App } from "./App";
import { WorkbookHostProvider } from "./hostContext";
import type { PanelMemory } from "./panelMemory";
import { choosePaneTheme, forcedColorsActive, paneThemes, type OfficeThemeColours, type PaneThemeName } from "./theme";

const useStyles = makeStyles({ root: { height: "100%" } });
const FULL_HEIGHT: React.CSSProperties = { height: "100%" };

export interface PaneRootProps {
  host: WorkbookHost;
  /** Office's theme colours, inside Excel; undefined elsewhere. */
  officeTheme?: OfficeThemeColours;
  /** Overrides the theme Office reports (the playground's theme switch). */
  themeName?: PaneThemeName;
  /** Where the last panel used is remembered for this workbook. */
  memory?: PanelMemory;
  /** Told after the pane changed the workbook. */
  onChanged?: () => void;
}

/** Theme, host context and the App: everything the pane needs, in Excel and in the playground. */
export function PaneRoot({ host, officeTheme, themeName, memory, onChanged }: PaneRootProps): React.JSX.Element {
  const styles = useStyles();
  const [forced, setForced] = React.useState(forcedColorsActive);
  React.useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const query = window.matchMedia("(forced-colors: active)");
    const listener = (e: MediaQueryListEvent) => setForced(e.matches);
    query.addEventListener?.("change", listener);
    return () => query.removeEventListener?.("change", listener);
  }, []);
  const theme = paneThemes[themeName ?? choosePaneTheme(officeTheme, forced)];
  return (
    // Sizing goes on an inner element or the style attribute: FluentProvider copies its
    // className onto the portal node for tooltips, and a full-height portal node covers
    // the page. Full height, so the theme's background fills the pane below short panels.
    <FluentProvider theme={theme} style={FULL_HEIGHT}>
      <div className={styles.root}>
        <WorkbookHostProvider host={host} onChanged={onChanged}>
          <App memory={memory} />
        </WorkbookHostProvider>
      </div>
    </FluentProvider>
  );
}
