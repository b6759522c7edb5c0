import * as React from "react";
import { Caption1, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { PanelBoundary, PanelNavigation, panelId, tabId } from "./components/PanelNavigation";
import { PANELS, type PanelDefinition } from "./panels";
import { initialPanel, type PanelMemory } from "./panelMemory";
import { markPaneReady } from "./paneReady";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100%", backgroundColor: tokens.colorNeutralBackground2 },
  panel: { flexGrow: 1, outlineStyle: "none", minWidth: 0 },
  purpose: {
    display: "block",
    margin: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} 0`,
    color: tokens.colorNeutralForeground2,
  },
  loading: { padding: tokens.spacingHorizontalM },
});

export interface AppProps {
  /**
   * The jobs to offer, in navigation order.
   * @default PANELS
   */
  panels?: readonly PanelDefinition[];
  /** Where the last panel used is kept for this workbook; without one the pane opens on its first panel. */
  memory?: PanelMemory;
}

/** The pane: a tab per job (those that do not fit under More), the chosen job's panel below. */
export function App({ panels = PANELS, memory }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [selected, setSelected] = React.useState(() => initialPanel(panels.map((p) => p.id), memory) ?? "");
  const current = panels.find((p) => p.id === selected) ?? panels[0];
  const select = React.useCallback(
    (id: string) => {
      setSelected(id);
      memory?.remember(id);
    },
    [memory],
  );
  const Panel = current?.component;
  return (
    <div className={styles.root}>
      <PanelNavigation entries={panels} selected={current?.id ?? ""} onSelect={select} />
      {current && Panel ? (
        <div className={styles.panel} role="tabpanel" id={panelId(current.id)} aria-labelledby={tabId(current.id)} aria-describedby={`${panelId(current.id)}-purpose`}>
          <Caption1 as="p" id={`${panelId(current.id)}-purpose`} className={styles.purpose}>
            {current.purpose}
          </Caption1>
          {/* A panel's code arrives the first time it is opened; until then this says so. */}
          <PanelBoundary key={current.id} label={current.label}>
            <React.Suspense fallback={<Spinner className={styles.loading} size="small" label={`Opening ${current.label}…`} />}>
              <Panel onReady={markPaneReady} />
            </React.Suspense>
          </PanelBoundary>
        </div>
      ) : null}
    </div>
  );
}
