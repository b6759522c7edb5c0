/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import * as React from "react";
import { WorkbookHostProvider, useWorkbookHost } from "../../../../src/taskpane/hostContext";
import { parseTemplateFile } from "../../../../src/core/templates/custom";
import type { Template } from "../../../../src/core/templates/schema";
import { ChecksPanel } from "../../../../src/taskpane/panels/checks/ChecksPanel";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";

const TIMEOUT = { timeout: 10_000 };
const TODAY = new Date(Date.UTC(2026, 5, 30));

/** An issue log kept by hand: one status in capitals (a safe fix), one misspelt, an ID used twice. */
function issueWorkbook(): XlsxHost {
  const host = XlsxHost.create("Issues.xlsx");
  const ws = host.workbook.addWorksheet("Issues");
  ws.addRow(["Issue ID", "Title", "Description", "Owner", "Priority", "Status"]);
  ws.addRow(["I-1", "Server", "The server is slow", "Ann Cole", "High", "OPEN"]);
  ws.addRow(["I-2", "Supplier", "Supplier is late", "Tom Reid", "Low", "In progeress"]);
  ws.addRow(["I-2", "Budget", "Budget was cut", "Ann Cole", "Medium", "Closed"]);
  ws.addRow(["I-4", "Office", "Office move", "Priya Shah", "Low", "open"]);
  ws.addRow(["I-5", "Licences", "Licences expire", "Tom Reid", "High", "In progress"]);
  ws.addRow(["I-6", "Network", "Network outage", "Priya Shah", "Medium", "Open"]);
  return host;
}

/** Stands in for the Registers panel's import: the templates the person imported in this pane. */
function Imported({ templates }: { templates: readonly Template[] }): null {
  const { setImportedTemplates } = useWorkbookHost();
  React.useEffect(() => setImportedTemplates(templates), [setImportedTemplates, templates]);
  return null;
}

function renderPanel(host: XlsxHost, imported: readonly Template[] = []) {
  const onReady = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <WorkbookHostProvider host={host}>
        <Imported templates={imported} />
        <ChecksPanel onReady={onReady} today={TODAY} />
      </WorkbookHostProvider>
    </FluentProvider>,
  );
  return { onReady };
}

describe("the Checks panel", () => {
  it("lists the findings grouped by rule with counts, errors first", async () => {
    const { onReady } = renderPanel(issueWorkbook());
    expect(await screen.findByText("1 register checked: 1 error, 3 warnings.", undefined, TIMEOUT)).toBeTruthy();
    const headings = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(["IDs used twice (1)", "Values outside the allowed list (3)"]);
    const allowed = screen.getByRole("list", { name: "Values outside the allowed list (3)" });
    expect(within(allowed).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Warning Issues!F2 Status “OPEN” is written differently from the list. Fix: write “Open”.",
      "Warning Issues!F3 Status “In progeress” is not one of the allowed values (Open, In progress, Closed). Did you mean “In progress”?",
      "Warning Issues!F5 Status “open” is written differently from the list. Fix: write “Open”.",
    ]);
    expect(onReady).toHaveBeenCalled();
  });

  it("selects a finding's cell where the host can", async () => {
    const host = issueWorkbook();
    const selectCell = jest.fn().mockResolvedValue(undefined);
    Object.assign(host, { selectCell });
    renderPanel(host);
    const button = await screen.findByRole("button", { name: /^Error Issues!A4 / }, TIMEOUT);
    button.focus();
    await userEvent.keyboard("{Enter}");
    expect(selectCell).toHaveBeenCalledWith("Issues", "A4");
  });

  it("fixes the safe ones as a previewed plan, checks again, and undoes", async () => {
    const host = issueWorkbook();
    renderPanel(host);
    await userEvent.click(await screen.findByRole("button", { name: "Fix 2 safely…" }, TIMEOUT));
    await userEvent.click(await screen.findByRole("button", { name: "Fix them" }));
    expect(await screen.findByText("1 register checked: 1 error, 1 warning.", undefined, TIMEOUT)).toBeTruthy();
    expect(host.workbook.getWorksheet("Issues")?.getCell("F2").value).toBe("Open");
    expect(host.workbook.getWorksheet("Issues")?.getCell("F3").value).toBe("In progeress");
    await userEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(await screen.findByText("1 register checked: 1 error, 3 warnings.", undefined, TIMEOUT)).toBeTruthy();
    expect(host.workbook.getWorksheet("Issues")?.getCell("F2").value).toBe("OPEN");
  });

  it("applies fixes from a fresh read: a cell the person changed since the check keeps what they typed", async () => {
    const host = issueWorkbook();
    renderPanel(host);
    await userEvent.click(await screen.findByRole("button", { name: "Fix 2 safely…" }, TIMEOUT));
    // Typed in Excel after the check, without the pane knowing.
    host.workbook.getWorksheet("Issues")!.getCell("F2").value = "Closed";
    await userEvent.click(await screen.findByRole("button", { name: "Fix them" }));
    await screen.findByRole("button", { name: "Undo" }, TIMEOUT);
    expect(host.workbook.getWorksheet("Issues")?.getCell("F2").value).toBe("Closed");
    expect(host.workbook.getWorksheet("Issues")?.getCell("F5").value).toBe("Open");
  });

  it("checks with the templates imported in the pane: a PMO's own allowed values count", async () => {
    const parsed = parseTemplateFile(JSON.stringify({ extends: "issue", id: "pmo-issue", version: "1.0.0", columns: [{ id: "status", header: "Status", allowedValues: ["Open", "In progeress", "In progress", "Closed"] }] }), "pmo-issue.json");
    if (!parsed.ok) throw new Error("template did not parse");
    renderPanel(issueWorkbook(), [parsed.value]);
    expect(await screen.findByText("1 register checked: 1 error, 2 warnings.", undefined, TIMEOUT)).toBeTruthy();
    expect(screen.queryByText(/“In progeress” is not one of the allowed values/)).toBeNull();
  });

  it("checks again on its own once the person pauses after editing a register's sheet", async () => {
    const host = issueWorkbook();
    renderPanel(host);
    expect(await screen.findByText("1 register checked: 1 error, 3 warnings.", undefined, TIMEOUT)).toBeTruthy();
    // Edits made outside the pane (the playground's cell edits are plans applied to the file; in Excel, typing).
    await host.apply({ title: "typed", edits: [{ type: "setCells", sheet: "Issues", address: "F2", cells: [["Open"]] }] });
    await host.apply({ title: "typed", edits: [{ type: "setCells", sheet: "Issues", address: "A4", cells: [["I-3"]] }] });
    expect(await screen.findByText("1 register checked: 2 warnings.", undefined, TIMEOUT)).toBeTruthy();
  });

  it("highlights the invalid cells and removes the highlight cleanly", async () => {
    const host = issueWorkbook();
    const ws = host.workbook.getWorksheet("Issues");
    ws!.getCell("F2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } };
    renderPanel(host);
    await userEvent.click(await screen.findByRole("button", { name: "Highlight the cells" }, TIMEOUT));
    const remove = await screen.findByRole("button", { name: "Remove the highlight" }, TIMEOUT);
    const fillOf = (cell: string) => JSON.stringify(ws!.getCell(cell).fill ?? null);
    expect(fillOf("A4")).toContain("FFC7CE");
    expect(fillOf("F3")).toContain("FFEB9C");
    expect(fillOf("F2")).toContain("FFEB9C");
    await userEvent.click(remove);
    await screen.findByRole("button", { name: "Highlight the cells" }, TIMEOUT);
    expect(fillOf("F2")).toContain("00B050");
    expect(fillOf("A4")).not.toContain("FFC7CE");
    expect(fillOf("F3")).not.toContain("FFEB9C");
  });
});
