/**
 * A new workbook's zip, written stored by ExcelJS, comes out with its XML
 * parts deflated natively and every part's content as it was.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { deflateStoredParts } from "../../../../src/hosts/xlsx/deflate-stored";

test("XML parts are deflated and every part reads as ExcelJS wrote it", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Portfolio");
  for (let r = 1; r <= 200; r++) ws.getRow(r).values = [`Project ${r}`, r * 1000, "Amber – on watch “quoted”"];
  const stored = new Uint8Array((await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } })) as ArrayBuffer);
  const deflated = await deflateStoredParts(stored);
  expect(deflated).toBeDefined();
  expect(deflated!.length).toBeLessThan(stored.length / 2);
  const before = await JSZip.loadAsync(stored);
  const after = await JSZip.loadAsync(deflated!);
  expect(Object.keys(after.files)).toEqual(Object.keys(before.files));
  for (const [name, file] of Object.entries(before.files)) {
    if (file.dir) continue;
    expect(await after.file(name)!.async("string")).toBe(await file.async("string"));
  }
  const sheet = after.file("xl/worksheets/sheet1.xml") as unknown as { _data: { compression: { magic: string } } };
  expect(sheet._data.compression.magic).toBe("\x08\x00");
  const reread = new ExcelJS.Workbook();
  await reread.xlsx.load(deflated! as unknown as ArrayBuffer);
  expect(reread.getWorksheet("Portfolio")!.getCell("C200").value).toBe("Amber – on watch “quoted”");
});
