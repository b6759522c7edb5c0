import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { openWorkbookFile, saveWorkbookFile } from "../../../../src/hosts/xlsx/workbook-file";

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "pmo-xlsx-"));
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Risks").getCell("A1").value = "original";
  await fs.writeFile(path.join(dir, "risks.xlsx"), new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const edit = { type: "setCells" as const, sheet: "Risks", address: "A1", cells: [["changed"]] };

describe("workbook files", () => {
  it("names a missing file and a folder clearly", async () => {
    await expect(openWorkbookFile(path.join(dir, "nope.xlsx"))).rejects.toThrow(/^no file at .*nope\.xlsx; check the name and folder$/);
    await expect(openWorkbookFile(dir)).rejects.toThrow(/is a folder, not a workbook/);
  });

  it("writes --out without touching the input, and refuses --out equal to the input", async () => {
    const source = path.join(dir, "risks.xlsx");
    const host = await openWorkbookFile(source);
    await host.apply({ title: "t", edits: [edit] });
    await expect(saveWorkbookFile(host, { source, out: path.join(dir, ".", "risks.xlsx") })).rejects.toThrow(/is the input file; use --in-place/);
    const saved = await saveWorkbookFile(host, { source, out: path.join(dir, "out.xlsx") });
    expect(saved).toEqual({ path: path.join(dir, "out.xlsx") });
    expect((await (await openWorkbookFile(source)).read("Risks", "A1")).values[0][0]).toBe("original");
    expect((await (await openWorkbookFile(saved.path)).read("Risks", "A1")).values[0][0]).toBe("changed");
  });

  it("in place: keeps a backup, replaces the file, and leaves no temp files", async () => {
    const source = path.join(dir, "risks.xlsx");
    const host = await openWorkbookFile(source);
    await host.apply({ title: "t", edits: [edit] });
    const saved = await saveWorkbookFile(host, { source, inPlace: true });
    expect(saved).toEqual({ path: source, backup: path.join(dir, "risks.bak.xlsx") });
    expect((await (await openWorkbookFile(source)).read("Risks", "A1")).values[0][0]).toBe("changed");
    expect((await (await openWorkbookFile(saved.backup!)).read("Risks", "A1")).values[0][0]).toBe("original");
    const second = await saveWorkbookFile(host, { source, inPlace: true });
    expect(second.backup).toBe(path.join(dir, "risks.bak2.xlsx"));
    expect((await fs.readdir(dir)).sort()).toEqual(["risks.bak.xlsx", "risks.bak2.xlsx", "risks.xlsx"]);
  });

  it("leaves no partial output when the write fails", async () => {
    const source = path.join(dir, "risks.xlsx");
    const host = await openWorkbookFile(source);
    // A folder where the output should go: the temp file is written, the rename over it fails.
    await fs.mkdir(path.join(dir, "out.xlsx"));
    await expect(saveWorkbookFile(host, { source, out: path.join(dir, "out.xlsx") })).rejects.toThrow(/could not write .*out\.xlsx/);
    expect((await fs.readdir(dir)).sort()).toEqual(["out.xlsx", "risks.xlsx"]);
    expect(await fs.readdir(path.join(dir, "out.xlsx"))).toEqual([]);
  });
});
