import * as React from "react";
import { Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { PANELS, type PanelDefinition } from "./panels";
import { markPaneReady } from "./paneReady";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100%", backgroundColor: tokens.colorNeutralBackground2 },
  nav: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    // More jobs than fit 320 px scroll sideways rather than wrapping under each other.
    overflowX: "auto",
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
  },
  panel: { flexGrow: 1, outlineStyle: "none" },
});

export interface AppProps {
  /**
   * The jobs to offer, in tab order.
   * @default PANELS
   */
  panels?: readonly PanelDefinition[];
}

/** The pane: one tab per job, the chosen job's panel below. */
export function App({ panels = PANELS }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [selected, setSelected] = React.useState(panels[0]?.id ?? "");
  const current = panels.find((p) => p.id === selected) ?? panels[0];
  const Panel = current?.component;
  return (
    <div className={styles.root}>
      <nav className={styles.nav} aria-label="Jobs">
        <TabList selectedValue={current?.id} onTabSelect={(_, d) => setSelected(String(d.value))} size="medium">
          {panels.map((p) => (
            <Tab key={p.id} id={`pane-tab-${p.id}`} data-panel={p.id} value={p.id} icon={p.icon} aria-controls={`pane-panel-${p.id}`}>
              {p.label}
            </Tab>
          ))}
        </TabList>
      </nav>
      {current && Panel ? (
        <div className={styles.panel} role="tabpanel" id={`pane-panel-${current.id}`} aria-labelledby={`pane-tab-${current.id}`}>
          <Panel key={current.id} onReady={markPaneReady} />
        </div>
      ) : null}
    </div>
  );
}
