/**
 * Drift and repair on a register that followed the template and was then
 * edited by hand: a header renamed, Score typed over and broken, a drop-down
 * lost, a value outside the list. Also the refusals and the lookup sheet.
 */
import ExcelJS from "exceljs";
import { builtInTemplate } from "../../../src/core/templates/catalogue";
import type { Template } from "../../../src/core/templates/schema";
import { XlsxHost } from "../../../src/hosts/xlsx/xlsx-host";
import { planTemplateApplication } from "../../../src/jobs/registers/apply";
import { detectRegisters } from "../../../src/jobs/registers/detect";
import { registersDrift } from "../../../src/jobs/registers/drift";

const risk = builtInTemplate("risk") as Template;

async function book(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("Risks"), wb);
  return XlsxHost.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "book.xlsx");
}

function simpleRegister(ws: ExcelJS.Worksheet): void {
  ws.getCell("A1").value = "Risk register";
  ws.getRow(3).values = ["ID", "Title", "Owner", "Probability", "Impact", "Status"];
  for (let i = 0; i < 6; i++) ws.getRow(4 + i).values = [`R${i + 1}`, `Risk ${i + 1}`, "A. Patel", 1 + (i % 5), 5 - (i % 5), i === 2 ? "Pending" : "Open"];
  ws.getCell("A12").value = "Total";
}

async function applied(host: XlsxHost): Promise<XlsxHost> {
  const a = await planTemplateApplication(host, risk);
  if (a.kind !== "existing") throw new Error(a.kind === "refused" ? a.problem.message : "new register");
  await host.apply(a.plan);
  return XlsxHost.open(await host.save(), "book.xlsx");
}

describe("drift after hand edits", () => {
  test("finds each kind of drift; apply repairs all but the values outside the list", async () => {
    const host = await applied(await book(simpleRegister));
    const outline = await host.outline({ previewRows: 0 });
    const table = outline.sheets[0].tables[0];
    const scoreCol = 1 + table.headers.indexOf("Score");
    const scoreLetter = String.fromCharCode(64 + scoreCol);
    // What a user does by hand in Excel, made as edits (a save writes what edits changed).
    await host.apply({
      title: "hand edits",
      edits: [
        { type: "setCells", sheet: "Risks", address: `${scoreLetter}5:${scoreLetter}6`, cells: [[99], [{ formula: "=#REF!*2" }]] }, // typed over, broken
        { type: "setDataValidation", sheet: "Risks", address: "F1:F1048576", validation: null },
        { type: "setCells", sheet: "Risks", address: "F7", cells: [["Parked"]] },
      ],
    });
    const edited = await XlsxHost.open(await host.save(), "book.xlsx");

    const [drift] = await registersDrift(edited, await detectRegisters(edited));
    const codes = drift.map((d) => `${d.code}:${d.field}${d.cells ? `:${d.cells.join(",")}` : ""}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        `formula_overwritten:score:${scoreLetter}5`,
        `formula_broken:score:${scoreLetter}6`,
        "lost_dropdown:status",
        "value_not_allowed:status:F6,F7",
      ]),
    );
    for (const d of drift) expect(d.message.length).toBeGreaterThan(10);

    const unasked = await planTemplateApplication(edited, risk);
    if (unasked.kind !== "existing") throw new Error("expected the existing register");
    // Typed-over and broken formula cells are left alone unless a person chooses to restore them.
    expect(unasked.plan.edits.filter((e) => e.type === "setCells" && e.address.startsWith(scoreLetter))).toEqual([]);
    expect(unasked.notes.join("\n")).toContain("--restore-formulas score");
    expect(drift.filter((d) => d.code.startsWith("formula_")).every((d) => d.restorable && !d.repairable)).toBe(true);

    const repair = await planTemplateApplication(edited, risk, { restoreFormulas: ["score"] });
    if (repair.kind !== "existing") throw new Error("expected the existing register");
    const descriptions = repair.plan.edits.map((e) => ("label" in e ? `${e.type}:${e.label ?? ""}` : e.type));
    expect(descriptions).toContain(`setCells:restores the Score formula in 2 cells (${scoreLetter}5, ${scoreLetter}6)`);
    expect(descriptions).toContain("setDataValidation:Status");
    await edited.apply(repair.plan);
    const repaired = await XlsxHost.open(await edited.save(), "book.xlsx");
    const [after] = await registersDrift(repaired, await detectRegisters(repaired));
    expect(after.map((d) => d.code)).toEqual(["value_not_allowed"]);
    expect(repaired.sheet("Risks").getCell("F7").value).toBe("Parked");
  });

  test("a Band added beside a Score whose typed-over cells are restored carries no cached band from the typed value", async () => {
    const host = await book((ws) => {
      ws.getRow(3).values = ["ID", "Title", "Owner", "Probability", "Impact", "Score", "Status"];
      for (let i = 0; i < 5; i++) {
        const r = 4 + i;
        ws.getRow(r).values = [`R${i + 1}`, `Risk ${i + 1}`, "A. Patel", 1 + i, 1, null, "Open"];
        ws.getCell(`F${r}`).value = i === 1 ? 99 : ({ formula: `D${r}*E${r}` } as ExcelJS.CellFormulaValue);
      }
    });
    const a = await planTemplateApplication(host, risk, { restoreFormulas: ["score"] });
    if (a.kind !== "existing") throw new Error("expected the existing register");
    await host.apply(a.plan);
    const saved = await XlsxHost.open(await host.save(), "book.xlsx");
    const ws = saved.sheet("Risks");
    const bandCol = (ws.getRow(3).values as unknown[]).findIndex((v) => v === "Band");
    expect(bandCol).toBeGreaterThan(0);
    const cached = (r: number) => (ws.getCell(r, bandCol).value as ExcelJS.CellFormulaValue).result;
    // Row 5 held 99 typed over the Score: the restored formula gives 2, so a cached "Critical" would be wrong.
    expect(ws.getCell("F5").value).toEqual(expect.objectContaining({ formula: expect.stringMatching(/D|Probability/) }));
    expect(cached(5)).not.toBe("Critical");
  });

  test("a Score column of the user's own formulas is kept and reported, even when asked to restore", async () => {
    const host = await book((ws) => {
      ws.getRow(3).values = ["ID", "Title", "Owner", "Probability", "Impact", "Score", "Status"];
      for (let i = 0; i < 5; i++) {
        const r = 4 + i;
        ws.getRow(r).values = [`R${i + 1}`, `Risk ${i + 1}`, "A. Patel", 1 + (i % 5), 5 - (i % 5), null, "Open"];
        ws.getCell(`F${r}`).value = { formula: `INDEX($J$4:$N$8,D${r},E${r})` } as ExcelJS.CellFormulaValue;
      }
      ws.getCell("F6").value = 12; // typed over among the user's own formulas
    });
    for (const restoreFormulas of [undefined, ["score"]]) {
      const a = await planTemplateApplication(host, risk, { restoreFormulas });
      if (a.kind !== "existing") throw new Error("expected the existing register");
      expect(a.plan.edits.filter((e) => e.type === "setCells" && /^F\d/.test(e.address))).toEqual([]);
      expect(a.notes.join("\n")).toMatch(/Score \(column F\) holds your own formulas in 4 cells \(e\.g\. =INDEX/);
      expect(a.drift).toContainEqual(expect.objectContaining({ code: "own_formulas", field: "score", repairable: false }));
    }
  });

  test("a renamed header is reported against the stored mapping", async () => {
    const host = await applied(await book(simpleRegister));
    await host.apply({ title: "hand edit", edits: [{ type: "setCells", sheet: "Risks", address: "D3", cells: [["Likelihood"]] }] });
    const edited = await XlsxHost.open(await host.save(), "book.xlsx");
    const [drift] = await registersDrift(edited, await detectRegisters(edited));
    expect(drift).toContainEqual(expect.objectContaining({ code: "renamed_column", field: "probability", cells: ["D3"] }));
  });
});

describe("registers that cannot become a table as they are", () => {
  test("merged cells in the header row and body are unmerged first, the preview says so, and nothing is filled down", async () => {
    const host = await book((ws) => {
      simpleRegister(ws);
      ws.getCell("D3").value = "Probability";
      ws.getCell("E3").value = null;
      ws.mergeCells("D3:E3");
      ws.getCell("C5").value = null;
      ws.mergeCells("C4:C5");
    });
    const a = await planTemplateApplication(host, risk);
    if (a.kind !== "existing") throw new Error(a.kind === "refused" ? a.problem.message : "new register");
    const kinds = a.plan.edits.map((e) => e.type);
    expect(kinds.slice(0, 4)).toEqual(["unmergeCells", "unmergeCells", "setCells", "createTable"]);
    expect(a.plan.edits.slice(0, 3)).toEqual([
      { type: "unmergeCells", sheet: "Risks", address: "D3:E3", label: "Probability" },
      { type: "unmergeCells", sheet: "Risks", address: "C4:C5", label: "A. Patel" },
      { type: "setCells", sheet: "Risks", address: "E3", cells: [["Column5"]], label: "E3 is empty once D3:E3 is unmerged; a table column needs a name, so it gets “Column5”" },
    ]);
    expect(a.notes[0]).toBe("2 merged areas are unmerged so the register can become a table: D3:E3 (header), C4:C5; each value stays in its top-left cell and the other cells are left empty");
    await host.apply(a.plan);
    const again = await XlsxHost.open(await host.save(), "book.xlsx");
    expect((await again.read("Risks", "C3:E5")).values).toEqual([
      ["Owner", "Probability", "Column5"],
      ["A. Patel", 1, 5],
      [null, 2, 4],
    ]);
    const second = await planTemplateApplication(again, risk);
    expect(second.kind === "existing" && second.plan.edits).toEqual([]);
  });

  test("added columns that would cover the user's cells are refused with the cells named", async () => {
    const host = await book((ws) => {
      simpleRegister(ws);
      ws.getCell("H5").value = "a note beside the register";
    });
    const a = await planTemplateApplication(host, risk);
    expect(a.kind).toBe("refused");
    if (a.kind === "refused") {
      expect(a.problem.code).toBe("no_room");
      expect(a.problem.cells).toContain("H5");
    }
  });
});

describe("drop-down lists", () => {
  test("a list over 255 characters goes to a hidden lookup sheet, once", async () => {
    const long: Template = {
      ...risk,
      id: "risk-long",
      columns: risk.columns.map((c) =>
        c.id === "category" ? { ...c, allowedValues: Array.from({ length: 40 }, (_, i) => `Category number ${i + 1}`) } : c,
      ),
    };
    const host = await book(simpleRegister);
    const a = await planTemplateApplication(host, long);
    if (a.kind !== "existing") throw new Error("expected the existing register");
    expect(a.plan.edits).toContainEqual({ type: "addSheet", sheet: "PMO Lists", hidden: "hidden" });
    const dv = a.plan.edits.find((e) => e.type === "setDataValidation" && e.label === "Category");
    expect(dv).toMatchObject({ validation: { rule: { kind: "listRange", source: "='PMO Lists'!$A$2:$A$41" } } });
    await host.apply(a.plan);
    const again = await XlsxHost.open(await host.save(), "book.xlsx");
    const b = await planTemplateApplication(again, long);
    expect(b.kind === "existing" && b.plan.edits).toEqual([]);
  });
});

describe("new registers", () => {
  test("a workbook without one gets a new sheet with the template's table, then plans nothing", async () => {
    const host = await book((ws) => (ws.getCell("A1").value = "Nothing here but a note"));
    const a = await planTemplateApplication(host, risk);
    expect(a.kind).toBe("new");
    if (a.kind !== "new") return;
    expect(a.sheet).toBe("Risk register");
    await host.apply(a.plan);
    const again = await XlsxHost.open(await host.save(), "book.xlsx");
    const outline = await again.outline({ previewRows: 0 });
    expect(outline.sheets.find((s) => s.name === "Risk register")?.tables[0]).toMatchObject({ name: "RiskRegister", address: "A1:X2" });
    const b = await planTemplateApplication(again, risk);
    expect(b.kind).toBe("existing");
    if (b.kind === "existing") expect(b.plan.edits).toEqual([]);
  });
});

describe("a column whose values are mostly outside the template's list", () => {
  function categoriesInType(ws: ExcelJS.Worksheet): void {
    ws.getRow(1).values = ["ID", "Title", "Type", "Owner", "Probability", "Impact", "Status"];
    const types = ["Quality", "Legal", "Quality", "Threat"];
    for (let i = 0; i < 4; i++) ws.getRow(2 + i).values = [`R${i + 1}`, `Risk ${i + 1}`, types[i], "A. Patel", 3, 2, "Open"];
  }

  test("gets no drop-down, the preview says why, and drift does not promise one", async () => {
    const host = await book(categoriesInType);
    const a = await planTemplateApplication(host, risk);
    if (a.kind !== "existing") throw new Error(a.kind);
    const validated = a.plan.edits.filter((e) => e.type === "setDataValidation").map((e) => ("label" in e ? e.label : ""));
    expect(validated).toContain("Status");
    expect(validated).not.toContain("Type");
    expect(a.notes).toContain("Type (column C): no drop-down added, 3 of 4 values are not in the template's list (e.g. “Quality”, “Legal”); check the column mapping, or the values, first");
    const type = a.drift.filter((d) => d.field === "type").map((d) => d.code);
    expect(type).toEqual(["value_not_allowed"]);

    await host.apply(a.plan);
    const again = await planTemplateApplication(host, risk);
    expect(again.kind === "existing" ? again.plan.edits : ["not found"]).toEqual([]);
  });
});
