/**
 * The task pane's one start-up file. Inside Excel it waits for Office, builds
 * the Excel host and renders the pane once; without Office (a plain browser,
 * tests) it mounts at once and says where the pane works.
 *
 * The Excel host (with the record schema it reads with) and the first panel
 * are chunks of their own that taskpane.html preloads beside its scripts
 * (webpack.config.js, EXCEL_START_GROUPS); writing, the plan schema and the
 * other panels come later, when first used.
 */
import type { ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { OutsideExcel, StartFailure } from "./OutsideExcel";
import { PaneRoot } from "./PaneRoot";
import { documentSettingsMemory, initialPanel } from "./panelMemory";
import { PANELS, preloadPanel } from "./panels";
import { choosePaneTheme, forcedColorsActive, loadPaneTheme, type OfficeThemeColours } from "./theme";

let root: Root | null = null;

function render(node: ReactNode): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element");
  root ??= createRoot(container);
  root.render(node);
}

/** Office's theme where the host reports one (not every Excel does); read again as the pane comes back into view. */
function readOfficeTheme(): OfficeThemeColours | undefined {
  try {
    return Office.context.officeTheme ?? undefined;
  } catch {
    return undefined;
  }
}

function loadExcelHost() {
  return import(/* webpackChunkName: "excel-host" */ "../hosts/excel/excel-host");
}

if (typeof Office === "undefined") {
  render(<OutsideExcel />);
} else {
  const excelHost = loadExcelHost();
  // Handled where it is awaited; this only keeps a page outside Excel from reporting it unhandled.
  excelHost.catch(() => undefined);
  void Office.onReady(async (info) => {
    if (info.host !== Office.HostType.Excel) {
      render(<OutsideExcel />);
      return;
    }
    try {
      const memory = documentSettingsMemory(Office.context.document.settings);
      // The panel the pane opens on fetches its code beside the host's, not after it.
      const first = initialPanel(PANELS.map((p) => p.id), memory);
      preloadPanel(PANELS.find((p) => p.id === first));
      // A dark or high-contrast theme is fetched beside the host, so the pane is drawn in it from the start.
      const theme = loadPaneTheme(choosePaneTheme(readOfficeTheme(), forcedColorsActive())).catch(() => undefined);
      const [{ ExcelHost }] = await Promise.all([excelHost, theme]);
      render(<PaneRoot host={ExcelHost.fromOffice()} readOfficeTheme={readOfficeTheme} memory={memory} />);
    } catch (e) {
      render(<StartFailure error={e} />);
    }
  });
}
