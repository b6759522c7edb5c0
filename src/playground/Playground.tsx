import * as React from "react";
import { Body1, Button, FluentProvider, Select, Spinner, Subtitle1, Tab, TabList, Tooltip, useId } from "@fluentui/react-components";
import { ArrowDownloadRegular, ArrowResetRegular, FolderOpenRegular } from "@fluentui/react-icons";
import { METADATA_SHEET } from "../core/metadata/schema";
import { ErrorMessage, FilePickButton } from "../taskpane/components";
import { PaneRoot } from "../taskpane/PaneRoot";
import { browserStorage, storageMemory } from "../taskpane/panelMemory";
import { paneThemes } from "../taskpane/paneThemes";
import { PANE_THEME_LABELS, type PaneThemeName } from "../taskpane/theme";
import { SheetView } from "./SheetView";
import { CellEditBar } from "./CellEditBar";
import { withCellSelection } from "./cellSelection";
import { usePlaygroundStyles } from "./usePlaygroundStyles.styles";
import { usePlaygroundWorkbook } from "./usePlaygroundWorkbook";

const THEME_NAMES = Object.keys(PANE_THEME_LABELS) as PaneThemeName[];

/** The theme asked for in the address (?theme=dark), so a link or a test can open the playground in it. */
function themeFromAddress(): PaneThemeName {
  const asked = new URLSearchParams(window.location.search).get("theme");
  return THEME_NAMES.find((t) => t === asked) ?? "light";
}

/** The task pane beside a view of the workbook it works on, all in the browser, no Excel. */
export function Playground(): React.JSX.Element {
  const styles = usePlaygroundStyles();
  const wb = usePlaygroundWorkbook();
  const themeSelectId = useId("theme");
  // Office's themes, chosen by hand: in Excel the pane follows the theme Office reports.
  const [themeName, setThemeName] = React.useState<PaneThemeName>(themeFromAddress);
  const fileName = wb.host?.fileName;
  const memory = React.useMemo(() => (fileName ? storageMemory(browserStorage(), fileName) : undefined), [fileName]);
  const sheets = React.useMemo(
    () => (wb.outline?.sheets ?? []).filter((s) => s.visibility === "visible" && s.name !== METADATA_SHEET).sort((a, b) => a.position - b.position),
    [wb.outline],
  );
  const [selected, setSelected] = React.useState<string | null>(null);
  const current = sheets.find((s) => s.name === selected) ?? sheets[0];
  const [chosenCell, setChosenCell] = React.useState<{ sheet: string; cell: string } | null>(null);
  // Another workbook starts with nothing selected.
  React.useEffect(() => setChosenCell(null), [wb.host]);
  // The pane reads the selection when it asks, not when it renders.
  const chosenNow = React.useRef(chosenCell);
  chosenNow.current = chosenCell;
  const paneHost = React.useMemo(
    () =>
      wb.host
        ? withCellSelection(
            wb.host,
            (sheet, cell) => {
              setSelected(sheet);
              setChosenCell({ sheet, cell });
            },
            () => (chosenNow.current ? { sheet: chosenNow.current.sheet, address: chosenNow.current.cell } : null),
          )
        : null,
    [wb.host],
  );

  return (
    <FluentProvider theme={paneThemes[themeName]}>
      <div className={styles.page}>
        <header className={styles.bar}>
          <Subtitle1 as="h1" className={styles.brand}>
            PMO Toolkit playground
          </Subtitle1>
          <Body1 className={styles.fileName} data-testid="file-name">
            {wb.host?.fileName ?? ""}
          </Body1>
          <span className={styles.spacer} />
          <label htmlFor={themeSelectId} className={styles.themeLabel}>
            Office theme
          </label>
          <Select id={themeSelectId} value={themeName} onChange={(_, d) => setThemeName(d.value as PaneThemeName)} data-testid="theme">
            {THEME_NAMES.map((t) => (
              <option key={t} value={t}>
                {PANE_THEME_LABELS[t]}
              </option>
            ))}
          </Select>
          <FilePickButton
            accept=".xlsx,.xlsm,.csv"
            inputLabel="Workbook file"
            inputTestId="file-input"
            onPick={([file]) => void wb.openFile(file)}
            icon={<FolderOpenRegular />}
            disabled={wb.loading}
          >
            Open workbook…
          </FilePickButton>
          <Tooltip content="Start again from the sample portfolio" relationship="description">
            <Button icon={<ArrowResetRegular />} onClick={() => void wb.loadSample()} disabled={wb.loading}>
              Sample
            </Button>
          </Tooltip>
          <Button appearance="primary" icon={<ArrowDownloadRegular />} onClick={() => void wb.download()} disabled={!wb.host || wb.loading}>
            Download
          </Button>
        </header>
        {wb.problem ? (
          <div className={styles.problem}>
            <ErrorMessage error={wb.problem.error} doing={`${wb.problem.doing} “${wb.problem.file}”`} />
          </div>
        ) : null}
        <div className={styles.body}>
          <aside className={styles.pane} aria-label="Task pane" data-testid="pane">
            {paneHost ? <PaneRoot key={wb.hostKey} host={paneHost} themeName={themeName} memory={memory} onChanged={wb.changed} /> : null}
          </aside>
          <main className={styles.sheet} aria-label="Workbook">
            {wb.host && wb.view && current ? (
              <>
                <TabList
                  className={styles.tabs}
                  size="small"
                  selectedValue={current.name}
                  onTabSelect={(_, d) => setSelected(String(d.value))}
                  aria-label="Sheets"
                >
                  {sheets.map((s) => (
                    <Tab key={s.name} value={s.name} className={styles.tab}>
                      {s.name}
                    </Tab>
                  ))}
                </TabList>
                <CellEditBar host={paneHost ?? wb.host} cell={chosenCell?.sheet === current.name ? chosenCell : null} onEdited={wb.changed} />
                <SheetView workbook={wb.view} sheetName={current.name} tables={current.tables} revision={wb.revision} selectedCell={chosenCell?.sheet === current.name ? chosenCell.cell : undefined}
                  onSelectCell={(cell) => setChosenCell({ sheet: current.name, cell })}
                />
              </>
            ) : wb.loading ? (
              <Spinner className={styles.loading} label="Building the sample workbook…" />
            ) : null}
          </main>
        </div>
      </div>
    </FluentProvider>
  );
}
