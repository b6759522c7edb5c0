/**
 * Cell text escapes (ST_Xstring, _xHHHH_): text a plan writes reads back as
 * written through the package reader and the workbook model, and Excel
 * would show it as written (a literal _xHHHH_ has its underscore escaped);
 * escapes Excel wrote are decoded alike by both readers.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { WorkbookHost } from "../../../../src/hosts/host";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { decodeColumnName } from "../../../../src/hosts/xlsx/package/table-parts";
import { decodeXstring, encodeColumnName, encodeXstring } from "../../../../src/hosts/xlsx/package/xstring";
import { seededRandom } from "../../jobs/messy-register";
import { prefixOf } from "../../../../src/hosts/xlsx/package/xml-text";
import { SharedStringTable } from "../../../../src/hosts/xlsx/shared-string-table";
import { textOf } from "../../../../src/hosts/xlsx/sheet-scan";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";

const TEXTS = ["_x000D_", "a_x0009_b", "_x005F_", "_x005F_x000D_", "_xZZZZ_", "_x00", "_x000d_", "x_x0041__x0042_", "tab\there", "cr\rhere", "both\r\nends", "bell\u0007", "_x0041\r", "_xABCD\u0001", "plain"];
const ADDRESS = `A1:A${TEXTS.length}`;

async function book(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("S").getCell("C1").value = "kept";
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function part(bytes: Uint8Array, name: string): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file(name)!.async("string");
}

/** Column A of sheet `sheet` through both readers: the workbook model (ExcelJS) and the package reader. */
async function readBoth(bytes: Uint8Array, sheet: string, address: string): Promise<{ model: unknown[]; pkg: unknown[] }> {
  const column = async (host: WorkbookHost) => (await host.read(sheet, address)).values.map((r) => r[0]);
  return { model: await column(await XlsxHost.open(bytes, "r.xlsx")), pkg: await column(await PackageHost.open(bytes, "r.xlsx")) };
}

const setCells = (sheet: string) => ({ type: "setCells" as const, sheet, address: ADDRESS, cells: TEXTS.map((t) => [t]) });

describe("cell text escapes", () => {
  it("encodes what a reader would take for an escape, and decodes only well-formed upper-case escapes", () => {
    expect(encodeXstring("_x000D_")).toBe("_x005F_x000D_");
    expect(encodeXstring("_x005F_x000D_")).toBe("_x005F_x005F_x005F_x000D_");
    expect(encodeXstring("cr\rhere")).toBe("cr_x000D_here");
    expect(encodeXstring("tab\there\nline")).toBe("tab\there\nline");
    expect(encodeXstring("_xZZZZ_ _x00")).toBe("_xZZZZ_ _x00");
    expect(decodeXstring("a_x0009_b_x005F_x000D_")).toBe("a\tb_x000D_");
    expect(decodeXstring("_x000d_ _xZZZZ_ _x00")).toBe("_x000d_ _xZZZZ_ _x00");
    for (const t of TEXTS) expect(decodeXstring(encodeXstring(t))).toBe(t);
  });

  it("reads back every text as written, however escapes, underscores and control characters meet", () => {
    // An underscore before "x0041" and a character that is itself escaped once made a new escape ("_x0041\r" read "Ax000D_").
    expect(encodeXstring("_x0041\r")).toBe("_x005F_x0041_x000D_");
    expect(encodeColumnName("_x0041\n")).toBe("_x005f_x0041_x000a_");
    const rnd = seededRandom(7);
    const alphabet = ["_", "x", "0", "4", "1", "A", "d", "F", "\r", "\n", "\t", "\u0001", "a"];
    const misread: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const t = Array.from({ length: 1 + Math.floor(rnd() * 14) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join("");
      if (decodeXstring(encodeXstring(t)) !== t || decodeColumnName(encodeColumnName(t)) !== t) misread.push(JSON.stringify(t));
    }
    expect(misread).toEqual([]);
  });

  it("reads escapes in shared strings as ExcelJS does", () => {
    const items = ["a_x0009_b", "_x000D_", "_x005F_x000D_", "_xZZZZ_", "_x00", "_x000d_"];
    const xml = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items.map((t) => `<si><t>${t}</t></si>`).join("")}<si><r><t>r_x0009_</t></r><r><t>_x005F_x0009_</t></r></si></sst>`;
    const table = new SharedStringTable(xml, prefixOf(xml, "sst"));
    const want = ["a\tb", "\r", "_x000D_", "_xZZZZ_", "_x00", "_x000d_", "r\t_x0009_"];
    expect(Array.from({ length: table.length }, (_, i) => table.get(i))).toEqual(want);
    expect(textOf(`<is><t>a_x0009_b</t></is>`)).toBe("a\tb");
  });

  it("reads escapes Excel wrote alike through the workbook model and the package reader", async () => {
    const escaped = ["a_x0009_b", "_x000D_", "_x005F_x000D_", "_xZZZZ_", "_x00", "_x000d_", "a&amp;_x000A_b"];
    const want = ["a\tb", "\r", "_x000D_", "_xZZZZ_", "_x00", "_x000d_", "a&\nb"];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    escaped.forEach((_, i) => (ws.getCell(`A${i + 1}`).value = `S${i}`));
    const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    // The same text as a shared string in column A and an inline string in column B.
    let sst = await zip.file("xl/sharedStrings.xml")!.async("string");
    escaped.forEach((t, i) => (sst = sst.replace(`<t>S${i}</t>`, `<t>${t}</t>`)));
    zip.file("xl/sharedStrings.xml", sst);
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file("xl/worksheets/sheet1.xml", sheet.replace(/(<c r="A(\d+)" t="s"><v>(\d+)<\/v><\/c>)/g, (_w, c: string, row: string, i: string) => `${c}<c r="B${row}" t="inlineStr"><is><t>${escaped[Number(i)]}</t></is></c>`));
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const shared = await readBoth(bytes, "S", `A1:A${escaped.length}`);
    expect(shared).toEqual({ model: want, pkg: want });
    const inline = await readBoth(bytes, "S", `B1:B${escaped.length}`);
    expect(inline).toEqual({ model: want, pkg: want });
  });

  it("reads an escape in a hyperlink's inline text alike through both readers", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = { text: "H0", hyperlink: "https://example.com/" };
    const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const inlined = sheet.replace(/<c r="A1"([^>]*?) t="s"><v>\d+<\/v><\/c>/, `<c r="A1"$1 t="inlineStr"><is><t>a_x0009_b</t></is></c>`);
    expect(inlined).not.toBe(sheet);
    zip.file("xl/worksheets/sheet1.xml", inlined);
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expect(await readBoth(bytes, "S", "A1:A1")).toEqual({ model: ["a\tb"], pkg: ["a\tb"] });
  });

  it("writes text through the workbook model's package save so that it reads back as written", async () => {
    const host = await XlsxHost.open(await book(), "b.xlsx");
    await host.apply({ title: "t", edits: [setCells("S")] });
    const saved = await host.save();
    const xml = await part(saved, "xl/worksheets/sheet1.xml");
    expect(xml).toContain(`<t xml:space="preserve">_x005F_x000D_</t>`);
    expect(xml).toContain(`<t xml:space="preserve">cr_x000D_here</t>`);
    expect(xml).toContain(`<t xml:space="preserve">_xZZZZ_</t>`);
    expect(await readBoth(saved, "S", ADDRESS)).toEqual({ model: TEXTS, pkg: TEXTS });
  });

  it("writes text through the package host, on a sheet it has and on one it adds, so that it reads back as written", async () => {
    const host = await PackageHost.open(await book(), "b.xlsx");
    await host.apply({ title: "t", edits: [setCells("S"), { type: "addSheet", sheet: "N", hidden: "visible" }, setCells("N")] });
    const saved = await host.save();
    for (const name of ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]) {
      const xml = await part(saved, name);
      expect(xml).toContain(`<t xml:space="preserve">a_x005F_x0009_b</t>`);
      expect(xml).toContain(`<t xml:space="preserve">_x005F_x005F_x005F_x000D_</t>`);
    }
    expect(await readBoth(saved, "S", ADDRESS)).toEqual({ model: TEXTS, pkg: TEXTS });
    expect(await readBoth(saved, "N", ADDRESS)).toEqual({ model: TEXTS, pkg: TEXTS });
    // Read again from the package host that wrote it, as a plan that follows would.
    expect((await host.read("N", ADDRESS)).values.map((r) => r[0])).toEqual(TEXTS);
  });

  it("names a table's columns so that they read back as their header cells", async () => {
    const headers = ["_x000D_", "a_x000a_b", "Due\nDate", "_x0041\n", "Owner"];
    const host = await PackageHost.open(await book(), "b.xlsx");
    await host.apply({
      title: "t",
      edits: [
        { type: "setCells", sheet: "S", address: "E1:I2", cells: [headers, [1, 2, 3, 4, 5]] },
        { type: "createTable", sheet: "S", address: "E1:I2", name: "Escapes", style: "TableStyleMedium2" },
      ],
    });
    const saved = await host.save();
    const zip = await JSZip.loadAsync(saved);
    const table = await zip.file(Object.keys(zip.files).find((n) => /^xl\/tables\/table\d+\.xml$/.test(n))!)!.async("string");
    expect(table).toContain(`name="_x005f_x000D_"`);
    expect(table).toContain(`name="a_x005f_x000a_b"`);
    for (const reader of [await XlsxHost.open(saved, "r.xlsx"), await PackageHost.open(saved, "r.xlsx")]) {
      const sheet = (await reader.outline()).sheets.find((s) => s.name === "S");
      expect(sheet?.tables.map((t) => t.headers)).toEqual([headers]);
      expect((await reader.read("S", "E1:I1")).values[0]).toEqual(headers);
    }
  });

  it("writes text through ExcelJS (a workbook made here) so that it reads back as written, and leaves the model as it was", async () => {
    const host = XlsxHost.create("made.xlsx");
    await host.apply({
      title: "t",
      edits: [
        { type: "addSheet", sheet: "S", hidden: "visible" },
        setCells("S"),
        { type: "setCells", sheet: "S", address: "E1:G2", cells: [["_x000D_", "Due\nDate", "Owner"], [1, 2, 3]] },
        { type: "createTable", sheet: "S", address: "E1:G2", name: "Made", style: "TableStyleMedium2" },
      ],
    });
    const saved = await host.save();
    const strings = await part(saved, "xl/sharedStrings.xml");
    expect(strings).toContain(`<t>_x005F_x005F_x005F_x000D_</t>`);
    expect(strings).not.toContain(`<t>_x000D_</t>`);
    expect(strings).toContain(`cr_x000D_here`);
    const zip = await JSZip.loadAsync(saved);
    const table = await zip.file(Object.keys(zip.files).find((n) => /^xl\/tables\/table\d+\.xml$/.test(n))!)!.async("string");
    expect(table).toContain(`name="_x005f_x000D_"`);
    // A line break in a name is escaped: written as is, an XML reader hands the attribute back with a space.
    expect(table).toContain(`name="Due_x000a_Date"`);
    expect(await readBoth(saved, "S", ADDRESS)).toEqual({ model: TEXTS, pkg: TEXTS });
    for (const reader of [await XlsxHost.open(saved, "r.xlsx"), await PackageHost.open(saved, "r.xlsx")]) {
      expect((await reader.outline()).sheets.find((s) => s.name === "S")?.tables.map((t) => t.headers)).toEqual([["_x000D_", "Due\nDate", "Owner"]]);
    }
    expect((await host.read("S", ADDRESS)).values.map((r) => r[0])).toEqual(TEXTS);
    expect((await host.outline()).sheets.find((s) => s.name === "S")?.tables.map((t) => t.headers)).toEqual([["_x000D_", "Due\nDate", "Owner"]]);
  });
});
