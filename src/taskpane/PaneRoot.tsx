import * as React from "react";
import { FluentProvider, makeStyles } from "@fluentui/react-components";
import type { WorkbookHost } from "../hosts/host";
import { App } from "./App";
import { WorkbookHostProvider } from "./hostContext";
import type { PanelMemory } from "./panelMemory";
import { usePaneTheme, type OfficeThemeColours, type PaneThemeName } from "./theme";
import { useOfficeTheme } from "./useOfficeTheme";

const useStyles = makeStyles({ root: { height: "100%" } });
const FULL_HEIGHT: React.CSSProperties = { height: "100%" };

export interface PaneRootProps {
  host: WorkbookHost;
  /** Reads Office's theme colours (inside Excel), again whenever the pane comes back into view. */
  readOfficeTheme?: () => OfficeThemeColours | undefined;
  /** Overrides the theme Office reports (the playground's theme switch). */
  themeName?: PaneThemeName;
  /** Where the last panel used is remembered for this workbook. */
  memory?: PanelMemory;
  /** Told after the pane changed the workbook. */
  onChanged?: () => void;
}

/** Theme, host context and the App: everything the pane needs, in Excel and in the playground. */
export function PaneRoot({ host, readOfficeTheme, themeName, memory, onChanged }: PaneRootProps): React.JSX.Element {
  const styles = useStyles();
  const officeThemeName = useOfficeTheme(readOfficeTheme);
  const shown = usePaneTheme(themeName ?? officeThemeName);
  return (
    // Sizing goes on an inner element or the style attribute: FluentProvider copies its
    // className onto the portal node for tooltips, and a full-height portal node covers
    // the page. Full height, so the theme's background fills the pane below short panels.
    <FluentProvider theme={shown.theme} style={FULL_HEIGHT}>
      <div className={styles.root} data-pane-theme={shown.name}>
        <WorkbookHostProvider host={host} onChanged={onChanged}>
          <App memory={memory} />
        </WorkbookHostProvider>
      </div>
    </FluentProvider>
  );
}
