import ExcelJS from "exceljs";
import JSZip from "jszip";
import { plan, type Plan } from "../../../../src/core/plan/plan";
import { builtInTemplate } from "../../../../src/core/templates/catalogue";
import type { WorkbookHost } from "../../../../src/hosts/host";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { sheetWithOnlyCells } from "../../../../src/hosts/xlsx/package/partial-sheet";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { packageProblems } from "./package-checks";
import { planTemplateApplication } from "../../../../src/jobs/registers/apply";

/** A register with a shared score formula and an array formula beside it, and a second sheet. */
async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.addRow(["Risk ID", "Title", "Owner", "Probability", "Impact", "Score", "Status"]);
  for (let i = 1; i <= 6; i++) ws.addRow([`R-${i}`, `Risk ${i}`, i % 2 ? "A. Patel" : "J. Ruiz", (i % 5) + 1, (i % 4) + 1, null, "Open"]);
  // ExcelJS writes shared and array formulas from shareType and ref, outside its typings.
  ws.getCell("F2").value = { formula: "D2*E2", shareType: "shared", ref: "F2:F7", result: 2 } as unknown as ExcelJS.CellValue;
  for (let r = 3; r <= 7; r++) ws.getCell(`F${r}`).value = { sharedFormula: "F2", result: 1 } as unknown as ExcelJS.CellValue;
  ws.getCell("Z2").value = { formula: "D2:D3*2", shareType: "array", ref: "Z2:Z3", result: 4 } as unknown as ExcelJS.CellValue;
  ws.getCell("Z3").value = 6;
  ws.mergeCells("AB1:AC1");
  const calc = wb.addWorksheet("Calc");
  calc.getCell("A1").value = "kept";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function partsOf(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const f of Object.values(zip.files)) if (!f.dir) out[f.name] = await f.async("string");
  return out;
}

/** Every used cell of every sheet, as the port reads it. */
async function contents(host: WorkbookHost): Promise<unknown> {
  const outline = await host.outline();
  return { outline, grids: await Promise.all(outline.sheets.filter((s) => s.usedRange).map((s) => host.read(s.name, s.usedRange!))) };
}

/**
 * Applies the plans in turn through both hosts, with the same results. After
 * the first, the package host saves the same parts as the whole model. Later
 * plans start from the package the earlier ones saved (where the whole model
 * replays every plan over the original), so formats an undo put back stay
 * appended rather than dropped: the workbooks read the same and the package
 * is sound.
 */
async function expectSameAsWholeModel(plans: ((host: WorkbookHost) => Promise<Plan>)[]): Promise<void> {
  const bytes = await workbook();
  const whole = await XlsxHost.open(bytes, "risks.xlsx");
  const pkg = await PackageHost.open(bytes, "risks.xlsx");
  for (const [i, make] of plans.entries()) {
    await pkg.outline();
    const p = await make(whole);
    expect(await make(pkg)).toEqual(p);
    expect(pkg.notKeptBy(p)).toEqual(whole.notKeptBy(p));
    const a = await whole.apply(p);
    const b = await pkg.apply(p);
    expect(b).toEqual(a);
    if (i === 0) expect(await partsOf(await pkg.save())).toEqual(await partsOf(await whole.save()));
    expect(await contents(pkg)).toEqual(await contents(whole));
    expect(await packageProblems(await pkg.save())).toEqual([]);
  }
}

const fixed = (p: Plan) => async () => p;

describe("applying with the package as the truth", () => {
  it("saves what the whole model saves for the register template, and for its undo", async () => {
    let undo: Plan | undefined;
    const bytes = await workbook();
    const probe = await XlsxHost.open(bytes, "risks.xlsx");
    const application = await planTemplateApplication(probe, builtInTemplate("risk")!);
    if (application.kind === "refused") throw new Error(application.problem.message);
    undo = (await probe.apply(application.plan)).undo.inverse;
    await expectSameAsWholeModel([fixed(application.plan), fixed(undo)]);
  });

  it("writes over a shared formula's cells, merges and unmerges, styles, and deletes and adds sheets as the whole model does", async () => {
    await expectSameAsWholeModel([
      fixed(plan("cells", [{ type: "setCells", sheet: "Risks", address: "F4:G4", cells: [[12, "Closed"]] }])),
      fixed(plan("shared master", [{ type: "setCells", sheet: "Risks", address: "F2", cells: [[{ formula: "=D2+E2" }]] }])),
      fixed(
        plan("looks", [
          { type: "unmergeCells", sheet: "Risks", address: "AB1:AC1" },
          { type: "mergeCells", sheet: "Risks", address: "AB2:AC3" },
          { type: "setStyle", sheet: "Risks", address: "A1:G1", style: { bold: true, fill: "#DDEBF7" } },
          { type: "setNumberFormat", sheet: "Risks", address: "D2:E7", format: "0.0" },
        ]),
      ),
      fixed(
        plan("sheets", [
          { type: "deleteSheet", sheet: "Calc" },
          { type: "addSheet", sheet: "Summary", hidden: "visible" },
          { type: "setCells", sheet: "Summary", address: "A1:B1", cells: [["Open", { formula: "=COUNTIF(Risks!G:G,\"Open\")" }]] },
        ]),
      ),
    ]);
  });

  it("names the array formula a plan writes over in part, as the whole model does", async () => {
    const pkg = await PackageHost.open(await workbook(), "risks.xlsx");
    await pkg.outline();
    expect(pkg.notKeptBy(plan("part", [{ type: "setCells", sheet: "Risks", address: "Z3", cells: [[1]] }]))).toEqual([
      expect.stringMatching(/sheet “Risks”, Z2:Z3: the plan writes over part of the array formula in Z2/),
    ]);
  });
});

describe("a sheet part cut down to some cells", () => {
  const sheet = (rows: string) => `<worksheet xmlns="main"><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;

  it("keeps the cells in the ranges, the masters of formulas that reach them, and gives cells and rows without a reference theirs", () => {
    const xml = sheet(
      `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>` +
        `<row><c><v>5</v></c><c><f t="shared" si="0"/><v>4</v></c><c><v>7</v></c></row><row r="9" ht="20"/><row r="10"><c r="A10"><v>3</v></c></row>`,
    );
    expect(sheetWithOnlyCells(xml, [{ top: 2, bottom: 2, left: 2, right: 3 }])).toBe(
      sheet(`<row r="1"><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row><row r="2"><c r="B2"><f t="shared" si="0"/><v>4</v></c><c r="C2"><v>7</v></c></row>`),
    );
  });

  it("leaves a part with no cells as it is", () => {
    const xml = `<worksheet xmlns="main"><sheetData/></worksheet>`;
    expect(sheetWithOnlyCells(xml, [{ top: 1, bottom: 5, left: 1, right: 5 }])).toBe(xml);
  });
});
