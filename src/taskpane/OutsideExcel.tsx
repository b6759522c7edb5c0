import * as React from "react";
import { FluentProvider, Link, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { EmptyState } from "./components/EmptyState";
import { markPaneReady } from "./paneReady";

const useStyles = makeStyles({ root: { padding: tokens.spacingHorizontalM, minHeight: "100%" } });

/** What the task pane page shows when opened outside Excel (a browser, another Office app). */
export function OutsideExcel(): React.JSX.Element {
  const styles = useStyles();
  React.useEffect(markPaneReady, []);
  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.root}>
      <EmptyState
        title="Open PMO Toolkit from Excel"
        action="This is the PMO Toolkit task pane. It works on the workbook open in Excel: choose PMO Toolkit on Excel's Home tab."
      >
        <Link href="playground.html">Try it in the browser playground instead</Link>
      </EmptyState>
      </div>
    </FluentProvider>
  );
}

/** Shown in Excel when the pane's code could not be loaded (a network that dropped mid-start). */
export function StartFailure({ error }: { error: unknown }): React.JSX.Element {
  const styles = useStyles();
  const reason = error instanceof Error ? error.message : String(error);
  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.root} role="alert">
        <EmptyState title="PMO Toolkit could not start" action={`Close the pane and open it again from the Home tab. (${reason})`} />
      </div>
    </FluentProvider>
  );
}
