/**
 * What the playground uses of a file host, on the package host as on the
 * whole model: the selection (the file's own, then the cell the pane
 * selected), change events for every apply, undo by the inverse plan, and a
 * model of one sheet for the sheet view that follows the package.
 */
import ExcelJS from "exceljs";
import { plan } from "../../../../src/core/plan/plan";
import { WorkbookError, type CellsChanged, type WorkbookHost } from "../../../../src/hosts/host";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";

/** A hidden first sheet, a register, a sheet whose name Excel quotes; the file saved with `active` (tab index, cell) selected when given. */
async function workbook(active?: { tab: number; cell: string }): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Old", { state: "hidden" }).getCell("A1").value = "archived";
  const log = wb.addWorksheet("Risk Log");
  log.addRow(["ID", "Risk", "Owner"]);
  log.addRow(["R-1", "Vendor", "Ana"]);
  log.getCell("A1").font = { bold: true };
  log.getColumn(2).width = 30;
  const q1 = wb.addWorksheet("Q1, risks");
  q1.addRow(["ID", "Risk"]);
  q1.addRow(["R-2", "Staff"]);
  if (active) {
    wb.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: active.tab, visibility: "visible" }];
    wb.worksheets[active.tab].views = [{ state: "normal", activeCell: active.cell }];
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function bothHosts(bytes: Uint8Array): Promise<WorkbookHost[]> {
  return [await XlsxHost.open(bytes, "risks.xlsx"), await PackageHost.open(bytes, "risks.xlsx")];
}

describe("the selection", () => {
  it("is the file's own until the pane selects a cell, as on the whole model", async () => {
    for (const bytes of [await workbook(), await workbook({ tab: 2, cell: "B2" })]) {
      const states = [];
      for (const host of await bothHosts(bytes)) {
        const opened = await host.selection?.();
        await host.selectCell?.("q1, RISKS", "A2:B2");
        states.push([opened, await host.selection?.()]);
      }
      expect(states[1]).toEqual(states[0]);
    }
    const [whole] = await bothHosts(await workbook({ tab: 2, cell: "B2" }));
    expect(await whole.selection?.()).toEqual({ sheet: "Q1, risks", address: "B2" });
  });

  it("refuses a sheet the workbook does not have, naming the tabs", async () => {
    const host = await PackageHost.open(await workbook(), "risks.xlsx");
    await expect(host.selectCell("Gone", "A1")).rejects.toThrow(WorkbookError);
    await expect(host.selectCell("Gone", "A1")).rejects.toThrow(/Risk Log/);
  });
});

describe("change events", () => {
  it("every apply is heard, by the sheet's own name and the range written, until the listener stops", async () => {
    const host = await PackageHost.open(await workbook(), "risks.xlsx");
    const heard: CellsChanged[] = [];
    const stop = await host.onCellsChanged((c) => heard.push(c));
    await host.apply(plan("type", [{ type: "setCells", sheet: "risk log", address: "c2", cells: [["Bea"]] }]));
    await host.apply(plan("sheet", [{ type: "addSheet", sheet: "Notes", hidden: "visible" }, { type: "setCells", sheet: "Notes", address: "A1:B1", cells: [["a", "b"]] }]));
    expect(heard).toEqual([
      { sheet: "Risk Log", address: "C2" },
      { sheet: "Notes", address: "A1:B1" },
    ]);
    await stop();
    await host.apply(plan("again", [{ type: "setCells", sheet: "Notes", address: "A1", cells: [["c"]] }]));
    expect(heard).toHaveLength(2);
  });
});

describe("undo", () => {
  it("the inverse plan puts back what a cell edit and a new sheet changed", async () => {
    const host = await PackageHost.open(await workbook(), "risks.xlsx");
    const before = await host.read("Risk Log", "A1:C2");
    const sheetsBefore = (await host.outline({ previewRows: 0 })).sheets.map((s) => s.name);
    const edit = await host.apply(plan("type", [{ type: "setCells", sheet: "Risk Log", address: "C2", cells: [["Bea"]] }]));
    const added = await host.apply(plan("sheet", [{ type: "addSheet", sheet: "Notes", hidden: "visible" }]));
    expect((await host.read("Risk Log", "C2")).values).toEqual([["Bea"]]);
    await host.apply(added.undo.inverse);
    await host.apply(edit.undo.inverse);
    expect(await host.read("Risk Log", "A1:C2")).toEqual(before);
    expect((await host.outline({ previewRows: 0 })).sheets.map((s) => s.name)).toEqual(sheetsBefore);
  });
});

describe("the model a sheet view draws", () => {
  it("holds the viewed sheet's cells, looks and widths, no other sheet's cells, and follows each apply", async () => {
    const host = await PackageHost.open(await workbook(), "risks.xlsx");
    const view = await host.workbookForView("risk log");
    const log = view.getWorksheet("Risk Log")!;
    expect(log.getCell("B2").value).toBe("Vendor");
    expect(log.getCell("A1").font?.bold).toBe(true);
    expect(log.getColumn(2).width).toBe(30);
    expect(view.getWorksheet("Q1, risks")!.actualRowCount).toBe(0);
    expect(await host.workbookForView("Risk Log")).toBe(view);
    await host.apply(plan("type", [{ type: "setCells", sheet: "Risk Log", address: "B2", cells: [["Supplier"]] }]));
    expect((await host.workbookForView("Risk Log")).getWorksheet("Risk Log")!.getCell("B2").value).toBe("Supplier");
    expect((await host.workbookForView("Q1, risks")).getWorksheet("Q1, risks")!.getCell("B2").value).toBe("Staff");
    // Asked for no sheet, it holds them all, as the playground's sheet view switches tabs without waiting.
    const all = await host.workbookForView();
    expect([all.getWorksheet("Risk Log")!.getCell("B2").value, all.getWorksheet("Q1, risks")!.getCell("B2").value]).toEqual(["Supplier", "Staff"]);
  });
});
