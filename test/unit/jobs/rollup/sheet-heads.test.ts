/**
 * A project workbook whose registers and other sheets run far past the rows
 * detection looks at: the rollup reads every sheet's head, reads whole only
 * the sheets holding registers it sums, and gives the same summary as a read
 * of the whole workbook.
 */
import ExcelJS from "exceljs";
import { valueOf } from "../../../../src/core/rollup";
import { PackageWorkbook } from "../../../../src/hosts/xlsx/package-read";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { PREVIEW_ROWS } from "../../../../src/jobs/registers/detect";
import { summariseHost } from "../../../../src/jobs/rollup/read-projects";
import { projectWorkbook, type ProjectTruth } from "../../../rollup-fixtures/project-workbook";

const today = new Date(2025, 5, 15);

async function bigProject(): Promise<{ bytes: Uint8Array; truth: ProjectTruth }> {
  const { bytes, truth } = await projectWorkbook(11, { risks: 4 * PREVIEW_ROWS });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const notes = wb.addWorksheet("Meeting notes");
  for (let r = 1; r <= 5 * PREVIEW_ROWS; r++) notes.getCell(r, 1).value = `Note ${r}: agreed to follow up on item ${r % 7}`;
  const people = wb.addWorksheet("Stakeholders");
  people.getRow(1).values = ["Stakeholder", "Role", "Organisation", "Interest", "Influence", "Engagement Strategy", "Owner"];
  for (let r = 2; r <= 3 * PREVIEW_ROWS; r++) people.getRow(r).values = [`Person ${r}`, "Sponsor", "Org", "High", "Low", "Keep informed", "Ann Lee"];
  return { bytes: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), truth };
}

describe("the rollup reads sheet heads, then whole only the sheets it sums", () => {
  let bytes: Uint8Array;
  let truth: ProjectTruth;
  beforeAll(async () => {
    ({ bytes, truth } = await bigProject());
  });

  it("heads stop at the preview rows and say which sheets go on", async () => {
    const book = await PackageWorkbook.open(bytes, "big.xlsx");
    const { outline, cut } = await book.outlineHeads({ previewRows: PREVIEW_ROWS });
    expect(cut.sort()).toEqual(["Meeting notes", "Risks", "Stakeholders"]);
    const full = await (await PackageWorkbook.open(bytes, "big.xlsx")).outline({ previewRows: PREVIEW_ROWS });
    // What detection sees is the same either way: the first rows of every sheet.
    expect(outline.sheets.map((s) => s.preview)).toEqual(full.sheets.map((s) => s.preview));
    expect(outline.sheets.find((s) => s.name === "Risks")?.usedRange).not.toEqual(full.sheets.find((s) => s.name === "Risks")?.usedRange);
    for (const name of cut) expect(book.formulaGroupsOf(name)).toBeUndefined();
  });

  it("sums the rows past the head and reads no sheet whole that it does not sum", async () => {
    const book = await PackageWorkbook.open(bytes, "big.xlsx");
    const [s] = await summariseHost(book, "big.xlsx", { today });
    expect(valueOf(s.fields.openRisks)).toBe(truth.openRisks);
    expect(book.formulaGroupsOf("Risks")).toBeDefined();
    expect(book.formulaGroupsOf("Meeting notes")).toBeUndefined();
    expect(book.formulaGroupsOf("Stakeholders")).toBeUndefined();
    // The same summary as a read of the whole workbook.
    const [whole] = await summariseHost(await XlsxHost.open(bytes, "big.xlsx"), "big.xlsx", { today });
    expect(s.fields).toEqual(whole.fields);
  });
});
