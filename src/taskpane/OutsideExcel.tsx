import * as React from "react";
import { FluentProvider, Link, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { EmptyState } from "./components";
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
