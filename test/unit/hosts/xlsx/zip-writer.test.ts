/**
 * The package's zip writer: unchanged entries copied as they were
 * compressed, changed and new ones deflated natively, all readable with
 * their checksums verified.
 */
import JSZip from "jszip";
import { crc32, writePackageZip } from "../../../../src/hosts/xlsx/package/zip-writer";

describe("the package zip writer", () => {
  test("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  test("copies untouched entries, replaces changed ones, adds new ones and leaves removed ones out", async () => {
    const source = new JSZip();
    source.file("[Content_Types].xml", "<Types/>");
    source.file("xl/workbook.xml", "<workbook>é</workbook>");
    source.file("xl/media/image1.png", new Uint8Array([137, 80, 78, 71, 0, 1, 2, 3]), { compression: "STORE" });
    source.file("xl/calcChain.xml", "<calcChain/>");
    const zip = await JSZip.loadAsync(await source.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    const bytes = await writePackageZip(zip, new Map([["xl/workbook.xml", "<workbook>ü changed</workbook>"], ["xl/tables/table1.xml", "<table/>"]]), new Set(["xl/calcChain.xml"]));
    expect(bytes).toBeDefined();
    const back = await JSZip.loadAsync(bytes!, { checkCRC32: true });
    expect(Object.keys(back.files).filter((n) => !back.files[n].dir)).toEqual(["[Content_Types].xml", "xl/workbook.xml", "xl/media/image1.png", "xl/tables/table1.xml"]);
    expect(await back.file("xl/workbook.xml")!.async("string")).toBe("<workbook>ü changed</workbook>");
    expect([...(await back.file("xl/media/image1.png")!.async("uint8array"))]).toEqual([137, 80, 78, 71, 0, 1, 2, 3]);
    expect(await back.file("xl/tables/table1.xml")!.async("string")).toBe("<table/>");
  });
});
