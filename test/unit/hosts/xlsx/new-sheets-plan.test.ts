/**
 * A plan that only builds new sheets is written into the package without a
 * workbook model (new-sheets-plan.ts): the workbook it gives reads back as
 * the one the model writes; any other plan is left to the model, which
 * applies it (or refuses it) as before.
 */
import JSZip from "jszip";
import { columnIndex } from "../../../../src/core/grid/address";
import type { Plan } from "../../../../src/core/plan/plan";
import { METADATA_SHEET } from "../../../../src/core/metadata/schema";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { applyToNewSheets } from "../../../../src/hosts/xlsx/package/new-sheets-plan";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { summariseHost } from "../../../../src/jobs/rollup/read-projects";
import { planRollup, type RollupInput } from "../../../../src/jobs/rollup/plan-rollup";
import { projectWorkbook } from "../../../rollup-fixtures/project-workbook";
import { dumpWorkbook } from "./dump";
import { packageProblems } from "./package-checks";

const S = "Built";

/** Everything a reader of the file sees: sheets, metadata, cells, looks, colour rules, and the model's own picture of it. */
async function seen(bytes: Uint8Array) {
  const host = await PackageHost.open(bytes, "out.xlsx");
  const outline = await host.outline({ previewRows: 5 });
  const sheets = [];
  for (const s of outline.sheets) {
    if (!s.usedRange) continue;
    sheets.push({ name: s.name, grid: await host.read(s.name, s.usedRange), looks: await host.readLooks(s.name, s.usedRange), rules: await host.readRules(s.name, [s.usedRange]) });
  }
  const model = await XlsxHost.open(bytes, "out.xlsx");
  return { outline, sheets, model: dumpWorkbook(model.workbook) };
}

async function widthsOf(bytes: Uint8Array): Promise<Record<string, number | undefined>> {
  const model = await XlsxHost.open(bytes, "out.xlsx");
  const ws = model.workbook.getWorksheet(S)!;
  return Object.fromEntries(["A", "B", "C", "D"].map((c) => [c, ws.getColumn(c).width]));
}

async function bothWays(plan: Plan): Promise<{ direct: Uint8Array; model: Uint8Array }> {
  const pkg = await PackageHost.create("out.xlsx");
  await pkg.apply(plan);
  const whole = XlsxHost.create("out.xlsx");
  await whole.apply(plan);
  return { direct: await pkg.save(), model: await whole.save() };
}

const buildPlan: Plan = {
  title: "Build a sheet",
  edits: [
    { type: "addSheet", sheet: S, hidden: "visible" },
    {
      type: "setCells",
      sheet: S,
      address: "A1:D4",
      cells: [
        ["Project", "Budget", "Share", "Note"],
        ["Apollo <1>", 1200.5, { formula: "=B2/B4", result: 0.25 }, "=not a formula"],
        ["Zeus & co", -300, { formula: "=B3/B4" }, true],
        ["Total", { formula: "=SUM(B2:B3)", result: 900.5 }, { formula: "=NA()", result: { error: "#N/A" } }, null],
      ],
    },
    { type: "setNumberFormat", sheet: S, address: "B2:B4", format: "#,##0.00" },
    { type: "setNumberFormat", sheet: S, address: "C2:C3", format: [["0%"], ["0.0%"]] },
    { type: "setStyle", sheet: S, address: "A1:D1", style: { bold: true, fill: "#1F3864", fontColor: "#FFFFFF", wrapText: true } },
    { type: "setStyle", sheet: S, address: "A6", style: { italic: true } },
    {
      type: "replaceConditionalFormats",
      sheet: S,
      address: "D2:D3",
      rules: [{ kind: "expression", formula: '=LEFT($D2,3)="=no"', fill: "#FFC7CE", fontColor: "#9C0006" }],
    },
    { type: "setColumnWidths", sheet: S, widths: [{ column: "A", width: 30 }, { column: "B", width: 14 }, { column: "D", width: 22 }] },
    { type: "setMetadata", key: "rollup", value: { sheet: S, note: "x".repeat(40_000) } },
    { type: "setMetadata", key: "settings", value: { riskBands: null } },
  ],
};

describe("a plan that builds new sheets, written without a model", () => {
  it("reads back as the workbook the model writes: cells, formulas and their results, formats, looks, colour rules, widths, metadata", async () => {
    const { direct, model } = await bothWays(buildPlan);
    expect(await seen(direct)).toEqual(await seen(model));
    expect(await widthsOf(direct)).toEqual(await widthsOf(model));
    expect(await packageProblems(direct)).toEqual([]);
    const zip = await JSZip.loadAsync(direct);
    // Asked to calculate on open (formulas carry at most core's figure); the record sheet is very hidden.
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toMatch(/fullCalcOnLoad="1"/);
    expect(workbookXml).toMatch(new RegExp(`<sheet name="${METADATA_SHEET}" sheetId="\\d+" state="veryHidden"`));
  });

  it("writes a rollup's Portfolio sheet as the model does, and a second run refreshes it in place", async () => {
    const projects: RollupInput["projects"] = [];
    for (let i = 0; i < 3; i++) {
      const { bytes } = await projectWorkbook(i, { risks: 4, budgetLines: 3 });
      for (const summary of await summariseHost(await PackageHost.open(bytes, `p${i}.xlsx`), `p${i}.xlsx`, { today: new Date(2025, 5, 15) })) {
        projects.push({ summary, link: { kind: "file", path: `p${i}.xlsx`, label: `p${i}.xlsx` } });
      }
    }
    const input: RollupInput = { projects, failed: [{ file: "bad.xlsx", reason: "not a workbook" }], now: new Date(2025, 5, 15, 9, 0) };
    const pkg = await PackageHost.create("portfolio.xlsx");
    const plan = (await planRollup(pkg, input)).plan;
    expect(applyToNewSheets(plan, [])).toBeDefined();
    await pkg.apply(plan);
    const whole = XlsxHost.create("portfolio.xlsx");
    await whole.apply((await planRollup(whole, input)).plan);
    const direct = await pkg.save();
    const modelBytes = await whole.save();
    // ExcelJS leaves out a column width of exactly 9 (its own default) when it writes; the package writes every width the plan sets, as a refresh always has.
    const widthsSet = plan.edits.flatMap((e) => (e.type === "setColumnWidths" ? e.widths : []));
    const withPlanWidths = <T extends { model: unknown }>(picture: T): T => {
      const sheet = (picture.model as { name: string; widths: Record<string, number> }[]).find((s) => s.name === "Portfolio rollup")!;
      for (const { column, width } of widthsSet) {
        const col = String(columnIndex(column));
        if (width === 9) expect(sheet.widths[col]).toBeUndefined();
        sheet.widths[col] = width;
      }
      return picture;
    };
    expect(await seen(direct)).toEqual(withPlanWidths(await seen(modelBytes)));
    // A second run finds the sheet from the record and plans no new sheet: the model applies it, over either output alike.
    const refreshed = async (bytes: Uint8Array) => {
      const again = await PackageHost.open(bytes, "portfolio.xlsx");
      const refresh = (await planRollup(again, input)).plan;
      expect(refresh.edits.some((e) => e.type === "addSheet")).toBe(false);
      expect(applyToNewSheets(refresh, ["Portfolio rollup", METADATA_SHEET])).toBeUndefined();
      await again.apply(refresh);
      return seen(await again.save());
    };
    expect(await refreshed(direct)).toEqual(withPlanWidths(await refreshed(modelBytes)));
  });

  it("is undone by deleting the sheets it added", async () => {
    const pkg = await PackageHost.create("out.xlsx");
    const result = await pkg.apply(buildPlan);
    expect(result.undo.inverse?.edits).toEqual([
      { type: "deleteSheet", sheet: METADATA_SHEET },
      { type: "deleteSheet", sheet: S },
    ]);
    await pkg.apply(result.undo.inverse!);
    expect((await pkg.outline({ previewRows: 0 })).sheets).toEqual([]);
  });
});

describe("plans left to the model", () => {
  const cells = (address: string, rows: (string | number)[][]) => ({ type: "setCells" as const, sheet: S, address, cells: rows });

  it.each<[string, Plan, string[]]>([
    ["works on a sheet the workbook has", { title: "t", edits: [cells("A1", [[1]])] }, [S]],
    ["adds a sheet the workbook has", { title: "t", edits: [{ type: "addSheet", sheet: S.toUpperCase(), hidden: "visible" }] }, [S]],
    ["records metadata where a record sheet exists", { title: "t", edits: [{ type: "setMetadata", key: "k", value: 1 }] }, [METADATA_SHEET]],
    ["merges cells on its new sheet", { title: "t", edits: [{ type: "addSheet", sheet: S, hidden: "visible" }, { type: "mergeCells", sheet: S, address: "A1:B1" }] }, []],
    ["writes a block whose shape does not match its range", { title: "t", edits: [{ type: "addSheet", sheet: S, hidden: "visible" }, cells("A1:B1", [[1]])] }, []],
    ["writes a formula that is not one", { title: "t", edits: [{ type: "addSheet", sheet: S, hidden: "visible" }, { type: "setCells", sheet: S, address: "A1", cells: [[{ formula: "SUM(1)" }]] }] }, []],
  ])("a plan that %s", (_, plan, existing) => {
    expect(applyToNewSheets(plan, existing)).toBeUndefined();
  });

  it("a plan the model refuses is refused with the model's message, and nothing is written", async () => {
    const plan: Plan = { title: "t", edits: [{ type: "addSheet", sheet: S, hidden: "visible" }, cells("A1:B1", [[1]])] };
    const pkg = await PackageHost.create("out.xlsx");
    const before = await pkg.save();
    const refused = await pkg.apply(plan).then(() => null, (e: Error) => e.message);
    const whole = await XlsxHost.create("out.xlsx")
      .apply(plan)
      .then(() => null, (e: Error) => e.message);
    expect(refused).toBe(whole);
    expect(refused).toMatch(/cannot be applied/);
    expect(await pkg.save()).toBe(before);
  });

  it("a plan that also works on a sheet the workbook has is applied through the model", async () => {
    const pkg = await PackageHost.create("out.xlsx");
    await pkg.apply({ title: "first", edits: [{ type: "addSheet", sheet: "Old", hidden: "visible" }, { type: "setCells", sheet: "Old", address: "A1", cells: [["kept"]] }] });
    const plan: Plan = { title: "t", edits: [{ type: "addSheet", sheet: S, hidden: "visible" }, cells("A1", [[5]]), { type: "setCells", sheet: "Old", address: "B1", cells: [["added"]] }] };
    expect(applyToNewSheets(plan, ["Old"])).toBeUndefined();
    await pkg.apply(plan);
    expect((await pkg.read("Old", "A1:B1")).values).toEqual([["kept", "added"]]);
    expect((await pkg.read(S, "A1")).values).toEqual([[5]]);
  });
});
