/**
 * Applying every register found never damages a workbook: after the apply
 * and a recalculation in LibreOffice there is no new error cell and no value
 * a person typed has changed. On workbooks of the kinds new users bring (a
 * matrix under the register, lists beside it, text levels, the user's own
 * scoring formulas, repeated header blocks) and on a risk register whose
 * levels are words, where the Score column the template adds looks each
 * level up and leaves off-scale levels empty.
 */
import ExcelJS from "exceljs";
import { evaluateTemplateFormula } from "../../src/core/registers/computed";
import { scaleOfColumn } from "../../src/core/risk/levels";
import { builtInTemplate } from "../../src/core/templates/catalogue";
import { isCellError } from "../../src/core/grid/cell";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { heldOutWorkbooks, unseenWorkbooks, type UnseenWorkbook } from "../unit/jobs/unseen-workbooks";
import { applyEveryRegister } from "./apply-every-register";
import { recalculate, sofficePath } from "./libreoffice";

const maybe = sofficePath() ? describe : describe.skip;

maybe("apply never damages a workbook", () => {
  // One LibreOffice run a workbook: about 2 s here, 8 s or more on a busy
  // machine, so a set of up to 14 has a timeout of its own, not the suite's.
  const sets: [string, () => Promise<UnseenWorkbook[]>][] = [
    ["workbooks of the kinds new users bring", unseenWorkbooks],
    ["held-out spellings of the same registers", heldOutWorkbooks],
  ];
  test.each(sets)("%s: no new error cells, no typed value changed", async (_, books) => {
    const lines: string[] = [];
    for (const book of await books()) {
      const r = await applyEveryRegister(book.bytes, "book.xlsx");
      lines.push(`${book.name}: ${r.applied.length} applied, ${r.refused.length} refused, ${r.newErrors.length} new errors, ${r.typedChanged.length} typed values changed`);
      expect({ book: book.name, newErrors: r.newErrors, typedChanged: r.typedChanged }).toEqual({ book: book.name, newErrors: [], typedChanged: [] });
    }
    console.log(lines.join("\n"));
  }, 14 * 30_000);

  test("a risk plan scored by its own INDEX/MATCH over a matrix below: after apply the ratings still resolve", async () => {
    const plan = (await unseenWorkbooks()).find((b) => b.name.startsWith("risk plan"));
    if (!plan) throw new Error("no risk plan workbook");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(plan.bytes as unknown as ArrayBuffer);
    // Without the lists beside it the template has room to grow, so the apply goes ahead.
    const ws = wb.getWorksheet("Risk Plan") as ExcelJS.Worksheet;
    for (let r = 3; r <= 10; r++) for (let c = 11; c <= 13; c++) ws.getCell(r, c).value = null;
    const r = await applyEveryRegister(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "plan.xlsx");
    expect(r.applied).toHaveLength(1);
    expect(r.notes.join("\n")).toMatch(/Rating \(column F\) holds your own formulas in 7 cells/);
    expect({ newErrors: r.newErrors, typedChanged: r.typedChanged }).toEqual({ newErrors: [], typedChanged: [] });
  });

  test("a Score added over word levels looks them up; off-scale and blank levels give an empty score", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Risks");
    ws.getRow(1).values = ["ID", "Title", "Owner", "Likelihood", "Impact", "Status"];
    const levels = ["High", "Med", "Low", "H", "M", "L", "Very High", "TBC", null, " medium "];
    levels.forEach((l, i) => (ws.getRow(2 + i).values = [`R${i + 1}`, `Risk ${i + 1}`, "A. Patel", l, levels[(i + 3) % levels.length], "Open"]));
    const host = await XlsxHost.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "risks.xlsx");
    const risk = builtInTemplate("risk");
    if (!risk) throw new Error("no risk template");
    const a = await planTemplateApplication(host, risk);
    if (a.kind !== "existing") throw new Error(a.kind);
    expect(a.drift).toContainEqual(expect.objectContaining({ code: "level_off_scale", field: "probability", cells: ["D9"] }));
    await host.apply(a.plan);
    const after = await XlsxHost.open(await recalculate(await host.save()), "risks.xlsx");
    const table = (await after.outline({ previewRows: 0 })).sheets[0].tables[0];
    const grid = await after.read("Risks", table.address);
    const [p, i, s] = ["Likelihood", "Impact", "Score"].map((h) => table.headers.indexOf(h));
    const body = grid.values.slice(1);
    const scales = { probability: scaleOfColumn(body.map((r) => r[p])) ?? undefined, impact: scaleOfColumn(body.map((r) => r[i])) ?? undefined };
    expect(scales.probability?.name).toBe("Very Low … Very High");
    body.forEach((row, k) => {
      expect(isCellError(row[s])).toBe(false);
      const expected = evaluateTemplateFormula("=[probability]*[impact]", { probability: row[p], impact: row[i] }, scales);
      expect({ row: k + 2, score: row[s] === "" ? null : row[s] }).toEqual({ row: k + 2, score: expected });
    });
    expect(body[0][s]).toBe(4 * 4); // High × H
    expect(body[7][s] ?? "").toBe(""); // TBC is on no scale
  });
});
