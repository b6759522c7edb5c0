/**
 * Apply on registers whose shape a person would read at a glance: a second
 * Likelihood that detection reads as the residual one is named so in the
 * table's header; a register with a matrix under it and lists beside it gets
 * a plan that stays inside the register; a budget whose header repeats per
 * block is refused with the rows named, not made into a broken table.
 */
import ExcelJS from "exceljs";
import { parseRange, rangesIntersect } from "../../../src/core/grid/address";
import { builtInTemplate } from "../../../src/core/templates/catalogue";
import type { Template } from "../../../src/core/templates/schema";
import { XlsxHost } from "../../../src/hosts/xlsx/xlsx-host";
import { planTemplateApplication } from "../../../src/jobs/registers/apply";
import { unseenWorkbooks } from "./unseen-workbooks";

const risk = builtInTemplate("risk") as Template;

async function book(build: (ws: ExcelJS.Worksheet) => void): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("Risks"));
  return XlsxHost.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "book.xlsx");
}

test("a repeated header read as the residual reading is named for it", async () => {
  const host = await book((ws) => {
    ws.getRow(1).values = ["ID", "Risk", "Owner", "Likelihood", "Impact", "Mitigation", "Likelihood", "Impact", "Status"];
    for (let i = 0; i < 4; i++) ws.getRow(2 + i).values = [`R${i + 1}`, `Risk ${i + 1}`, "Jo", 4, 4, "Act early", 2, 3, "Open"];
  });
  const a = await planTemplateApplication(host, risk);
  if (a.kind !== "existing") throw new Error(a.kind);
  expect(a.register.columns.residualProbability?.column).toBe("G");
  const headers = a.plan.edits.filter((e) => e.type === "setCells" && /^[A-Z]+1$/.test(e.address)).map((e) => (e.type === "setCells" ? e.cells[0][0] : null));
  expect(headers).toEqual(["Likelihood (residual)", "Impact (residual)"]);
  expect(a.notes.join("\n")).toContain("“Likelihood” in G1 repeats an earlier header; Excel table headers must be unique, and it is read as Residual Probability, so it becomes “Likelihood (residual)”");
});

test("a repeat the header before it explains is named for it; one nothing explains gets its place among the repeats, never a bare number", async () => {
  const host = await book((ws) => {
    ws.getRow(1).values = ["ID", "Risk", "Owner", "Likelihood", "Impact", "Mitigation", "Owner", "Notes", "Notes", "Status"];
    for (let i = 0; i < 4; i++) ws.getRow(2 + i).values = [`R${i + 1}`, `Risk ${i + 1}`, "Jo", 4, 4, "Act early", "Al", "a", "b", "Open"];
  });
  const a = await planTemplateApplication(host, risk);
  if (a.kind !== "existing") throw new Error(a.kind);
  const headers = a.plan.edits.filter((e) => e.type === "setCells" && /^[A-Z]+1$/.test(e.address)).map((e) => (e.type === "setCells" ? `${e.address} ${String(e.cells[0][0])}` : ""));
  expect(headers).toEqual(["G1 Owner (mitigation)", "I1 Notes (2)"]);
  const notes = a.notes.join("\n");
  expect(notes).toContain("“Owner” in G1 repeats an earlier header; Excel table headers must be unique, and the header before it says whose it is, so it becomes “Owner (mitigation)”");
  expect(notes).toContain("“Notes” in I1 repeats an earlier header; Excel table headers must be unique, and the toolkit cannot tell what sets it apart, so it becomes “Notes (2)”");
  // The headers typed once are never renamed.
  expect(a.plan.edits.some((e) => e.type === "setCells" && ["C1", "F1", "H1"].includes(e.address))).toBe(false);
});

describe("workbooks of the kinds new users bring", () => {
  let books: Awaited<ReturnType<typeof unseenWorkbooks>>;
  beforeAll(async () => {
    books = await unseenWorkbooks();
  });

  test("a risk plan with a matrix below and lists beside: nothing the plan would write touches them", async () => {
    const b = books.find((x) => x.name.startsWith("risk plan"));
    if (!b) throw new Error("no risk plan workbook");
    const host = await XlsxHost.open(b.bytes, "plan.xlsx");
    const a = await planTemplateApplication(host, risk);
    // The lists beside the register leave no room for the template's columns: refused, nothing changed.
    if (a.kind === "refused") {
      expect(a.problem.code).toBe("no_room");
      expect(a.problem.message).toMatch(/Sheet “Risk Plan”: .* K\d+/);
      return;
    }
    if (a.kind !== "existing") throw new Error(a.kind);
    const matrix = parseRange("A13:G18");
    for (const e of a.plan.edits) {
      if (!("address" in e) || e.sheet !== "Risk Plan") continue;
      const r = parseRange(e.address);
      if (r && matrix) expect({ edit: e.type, address: e.address, hitsMatrix: rangesIntersect(r, matrix) }).toEqual({ edit: e.type, address: e.address, hitsMatrix: false });
    }
  });

  test("the risk plan's own INDEX/MATCH ratings are kept and reported", async () => {
    const b = books.find((x) => x.name.startsWith("risk plan"));
    if (!b) throw new Error("no risk plan workbook");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(b.bytes as unknown as ArrayBuffer);
    // Move the lists out of the way so the template has room to grow.
    const ws = wb.getWorksheet("Risk Plan") as ExcelJS.Worksheet;
    for (let r = 3; r <= 10; r++) for (let c = 11; c <= 13; c++) ws.getCell(r, c).value = null;
    const host = await XlsxHost.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "plan.xlsx");
    const a = await planTemplateApplication(host, risk, { restoreFormulas: ["score"] });
    if (a.kind !== "existing") throw new Error(a.kind === "refused" ? a.problem.message : a.kind);
    expect(a.register.lastRow).toBe(10);
    expect(a.plan.edits.filter((e) => e.type === "unmergeCells")).toEqual([]);
    expect(a.plan.edits.filter((e) => e.type === "setCells" && e.address.startsWith("F"))).toEqual([]);
    expect(a.drift).toContainEqual(expect.objectContaining({ code: "own_formulas", field: "score" }));
  });

  test("a budget with repeated header blocks is refused with the rows named", async () => {
    const b = books.find((x) => x.name.startsWith("budget with repeated"));
    if (!b) throw new Error("no budget workbook");
    const host = await XlsxHost.open(b.bytes, "budget.xlsx");
    const a = await planTemplateApplication(host, builtInTemplate("budget") as Template);
    expect(a.kind).toBe("refused");
    if (a.kind === "refused") expect(a.problem.message).toMatch(/repeats its header at rows 9, 15, with subtotal rows 8, 14/);
  });
});
