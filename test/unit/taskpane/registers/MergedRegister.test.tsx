/** @jest-environment jsdom */
/**
 * A register with merged cells in the Registers panel: the notes say which
 * areas are unmerged and that values stay in their top-left cells, the
 * preview lists each unmerge, and Undo merges them back.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { WorkbookHostProvider } from "../../../../src/taskpane/hostContext";
import { RegistersPanel } from "../../../../src/taskpane/panels/registers";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { RISK_HEADERS, RISK_ROWS } from "./smallWorkbook";

const TIMEOUT = { timeout: 10_000 };

/** The hand-kept risk register with its title merged above it and an owner merged down over two records. */
function mergedRiskWorkbook(): XlsxHost {
  const host = XlsxHost.create("Merged risks.xlsx");
  const ws = host.workbook.addWorksheet("Risks");
  ws.getCell("A1").value = "Depot upgrade – risk register";
  ws.mergeCells("A1:F1");
  RISK_HEADERS.forEach((h, i) => (ws.getCell(3, i + 1).value = h));
  RISK_ROWS.forEach((row, r) => row.forEach((v, c) => v !== "" && (ws.getCell(4 + r, c + 1).value = v)));
  ws.getCell("C4").value = "Priya Shah";
  ws.getCell("C5").value = null;
  ws.mergeCells("C4:C5");
  return host;
}

describe("the Registers panel, when the register holds merged cells", () => {
  it("says which areas are unmerged and that values stay in their top-left cells, applies, and undo merges them back", async () => {
    const host = mergedRiskWorkbook();
    render(
      <FluentProvider theme={webLightTheme}>
        <WorkbookHostProvider host={host}>
          <RegistersPanel onReady={jest.fn()} saveFile={jest.fn()} />
        </WorkbookHostProvider>
      </FluentProvider>,
    );
    const user = userEvent.setup();
    const apply = await screen.findByRole("button", { name: "Apply template" }, TIMEOUT);
    const preview = await screen.findByRole("region", { name: /^Apply Risk register/ }, TIMEOUT);
    const notes = screen.getByRole("region", { name: "Notes on the changes" });
    expect(within(notes).getByText("1 merged area is unmerged so the register can become a table: C4:C5; its value stays in its top-left cell and the other cells are left empty.")).toBeTruthy();
    expect(preview.textContent).toContain("Unmerges C4:C5 (“Priya Shah” stays in C4; C5 becomes an empty cell)");
    expect(preview.textContent).not.toContain("A1:F1");

    await user.click(apply);
    await screen.findByText("Applied", undefined, TIMEOUT);
    const applied = (await host.outline({ previewRows: 20 })).sheets.find((s) => s.name === "Risks");
    expect(applied?.merges).toEqual(["A1:F1"]);
    expect(applied?.tables.map((t) => t.address.split(":")[0])).toEqual(["A3"]);
    expect((await host.read("Risks", "C4:C5")).values).toEqual([["Priya Shah"], [null]]);

    await user.click(screen.getByRole("button", { name: "Undo" }));
    await screen.findByText("Undone", undefined, TIMEOUT);
    const undone = (await host.outline({ previewRows: 20 })).sheets.find((s) => s.name === "Risks");
    expect([...(undone?.merges ?? [])].sort()).toEqual(["A1:F1", "C4:C5"]);
    expect(undone?.tables).toEqual([]);
  });
});
