/**
 * The task pane's one start-up file. Inside Excel it waits for Office, builds
 * the Excel host and renders the pane once; without Office (a plain browser,
 * tests) it mounts at once and says where the pane works.
 */
import type { ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { ExcelHost } from "../hosts/excel/excel-host";
import { OutsideExcel } from "./OutsideExcel";
import { PaneRoot } from "./PaneRoot";
import type { OfficeThemeColours } from "./theme";

let root: Root | null = null;

function render(node: ReactNode): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element");
  root ??= createRoot(container);
  root.render(node);
}

/** Office's theme where the host reports one (not every Excel does). */
function officeTheme(): OfficeThemeColours | undefined {
  try {
    return Office.context.officeTheme ?? undefined;
  } catch {
    return undefined;
  }
}

if (typeof Office === "undefined") {
  render(<OutsideExcel />);
} else {
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) render(<PaneRoot host={ExcelHost.fromOffice()} officeTheme={officeTheme()} />);
    else render(<OutsideExcel />);
  });
}
