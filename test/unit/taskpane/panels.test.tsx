/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../../src/taskpane/App";
import { WorkbookHostProvider } from "../../../src/taskpane/hostContext";
import { OverviewPanel } from "../../../src/taskpane/panels/overview";
import { SettingsPanel } from "../../../src/taskpane/panels/settings";
import { PANELS } from "../../../src/taskpane/panels";
import { METADATA_SHEET, WorkbookMetadataSchema } from "../../../src/core/metadata/schema";
import type { SheetOutline } from "../../../src/hosts/host";
import { FakeHost, outlineOf } from "./fakeHost";

function sheet(name: string, position: number, extra: Partial<SheetOutline> = {}): SheetOutline {
  return { name, position, visibility: "visible", usedRange: "B2:K30", tables: [], merges: [], preview: null, ...extra };
}

function renderWith(host: FakeHost, ui: React.ReactElement) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <WorkbookHostProvider host={host}>{ui}</WorkbookHostProvider>
    </FluentProvider>,
  );
}

describe("the Workbook panel", () => {
  it("lists the sheets in tab order with used ranges and tables, leaving out the toolkit's own record", async () => {
    const host = new FakeHost(
      outlineOf({
        name: "Programme.xlsx",
        sheets: [
          sheet("Issues", 1, { usedRange: "A1:F12", tables: [{ name: "IssueLog", sheet: "Issues", address: "A2:F12", headers: ["ID", "Issue", "Owner", "Priority", "Status", "Due"], showTotals: false }] }),
          sheet("Risks  ", 0),
          sheet(METADATA_SHEET, 2, { visibility: "veryHidden", usedRange: "A1:B3" }),
          sheet("Notes", 3, { usedRange: null, visibility: "hidden" }),
        ],
      }),
    );
    const onReady = jest.fn();
    renderWith(host, <OverviewPanel onReady={onReady} />);
    expect(await screen.findByRole("heading", { name: "Programme.xlsx" })).toBeTruthy();
    const items = screen.getAllByRole("listitem").filter((li) => li.getAttribute("aria-label")?.startsWith("Sheet "));
    expect(items.map((li) => li.getAttribute("aria-label"))).toEqual(["Sheet Risks", "Sheet Issues", "Sheet Notes"]);
    expect(within(items[0]).getByText("spaces in name")).toBeTruthy();
    expect(within(items[0]).getByText("B2:K30 · 29 rows × 10 columns")).toBeTruthy();
    expect(within(items[1]).getByRole("list", { name: "Tables on Issues" }).textContent).toBe("Table IssueLog · A2:F12 · 6 columns");
    expect(within(items[2]).getByText("hidden")).toBeTruthy();
    expect(within(items[2]).getByText("Empty sheet")).toBeTruthy();
    expect(onReady).toHaveBeenCalled();
  });

  it("says what to do when the workbook is empty", async () => {
    renderWith(new FakeHost(outlineOf({ sheets: [sheet("Sheet1", 0, { usedRange: null })] })), <OverviewPanel />);
    expect(await screen.findByRole("heading", { name: "This workbook has no data yet" })).toBeTruthy();
  });

  it("reads the workbook again on Refresh", async () => {
    const host = new FakeHost(outlineOf({ sheets: [sheet("Risks", 0)] }));
    renderWith(host, <OverviewPanel />);
    await screen.findByText("Risks");
    host.current = outlineOf({ sheets: [sheet("Risks", 0), sheet("Changes", 1)] });
    await userEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("Changes")).toBeTruthy();
  });
});

describe("the Settings panel", () => {
  const metadata = WorkbookMetadataSchema.parse({
    registers: [{ sheet: "Risks", kind: "risk", templateId: "risk", templateVersion: "1.0.0", headerRow: 5, mapping: { id: "Risk ID", probability: "Likelihood" }, confirmed: true }],
    settings: { currency: "GBP", riskBands: "npsa", owner: "PMO" },
  });

  it("shows which template each register follows, and problems reading the record as warnings", async () => {
    const host = new FakeHost(outlineOf({ metadata, metadataIssues: [{ sheet: METADATA_SHEET, cell: "B4", key: "registers", message: "the stored value of “registers” is not valid JSON; it was ignored" }] }));
    renderWith(host, <SettingsPanel />);
    expect(await screen.findByText("risk register · template risk v1.0.0 · header row 5 · 2 columns mapped")).toBeTruthy();
    expect(screen.getByText("mapping confirmed")).toBeTruthy();
    expect(screen.getByText(/Sheet “PMO Toolkit Data”, cell B4: the stored value of “registers” is not valid JSON/)).toBeTruthy();
    expect((screen.getByRole("combobox", { name: /Risk score bands/ }) as HTMLSelectElement).value).toBe("npsa");
  });

  it("saves changed settings as one setMetadata edit, previewed first, keeping settings it does not know", async () => {
    const host = new FakeHost(outlineOf({ metadata }));
    renderWith(host, <SettingsPanel />);
    const save = await screen.findByRole("button", { name: "Save settings" });
    expect(save.hasAttribute("disabled")).toBe(true);
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /Currency/ }), "EUR");
    expect(screen.getByRole("region", { name: "Save workbook settings" }).textContent).toContain("Records “settings” in the workbook");
    await userEvent.click(save);
    expect(host.applied).toHaveLength(1);
    expect(host.applied[0].edits).toEqual([
      { type: "setMetadata", key: "settings", value: { owner: "PMO", currency: "EUR", riskBands: "npsa", riskMatrix: "5x5", varianceAmberPercent: 5, varianceRedPercent: 10, varianceAmberAmount: 0, varianceRedAmount: 0, eacMethod: "cpi" } },
    ]);
  });

  it("refuses to save a red threshold below the amber one, saying why", async () => {
    renderWith(new FakeHost(outlineOf({ metadata })), <SettingsPanel />);
    const red = await screen.findByRole("textbox", { name: /Red from \(%\)/ });
    await userEvent.clear(red);
    await userEvent.type(red, "3");
    expect(screen.getByText("The red threshold must be at least the amber one.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Save settings" }).hasAttribute("disabled")).toBe(true);
  });
});

describe("the pane", () => {
  it("has one tab per registered panel and switches panels from the keyboard", async () => {
    renderWith(new FakeHost(outlineOf({ sheets: [sheet("Risks", 0)] })), <App />);
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((t) => t.getAttribute("data-panel"))).toEqual(PANELS.map((p) => p.id));
    expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe(tabs[0].id);
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(tabs[0]);
    // Arrow keys between tabs rely on layout (tabster skips elements it sees as invisible), which jsdom lacks;
    // the browser tests cover them. Here: focus reaches the tabs, and Enter opens the focused one.
    const settings = tabs.find((t) => t.getAttribute("data-panel") === "settings");
    if (!settings) throw new Error("no Settings tab");
    settings.focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("heading", { name: "Workbook settings" })).toBeTruthy();
  });
});
