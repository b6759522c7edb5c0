/**
 * Small parts inflated lately are taken again only for the same compressed
 * bytes: two workbooks that share a part read it alike, a part that differs
 * is inflated for itself, a document type is refused in the second file as
 * in the first, and the list stays bounded.
 */
import { deflateRawSync } from "node:zlib";
import JSZip from "jszip";
import { partWithDtd } from "../../../../src/hosts/xlsx/inflate-limits";
import { forgetRecentParts, recentPart, rememberPart } from "../../../../src/hosts/xlsx/recent-parts";
import { openZipForReading } from "../../../../src/hosts/xlsx/zip-directory";

const THEME = `<?xml version="1.0"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office">${"<a:clr/>".repeat(200)}</a:theme>`;

async function workbookWith(parts: Record<string, string>): Promise<JSZip> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(parts)) zip.file(name, text);
  return openZipForReading(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

beforeEach(() => forgetRecentParts());

describe("parts shared by workbooks", () => {
  test("kept from the second workbook that holds them, read alike from the third, each workbook's own parts its own", async () => {
    const read: Map<string, string>[] = [];
    let theme: Uint8Array | undefined;
    for (const n of ["one", "two", "three"]) {
      const zip = await workbookWith({ "xl/theme/theme1.xml": THEME, "xl/workbook.xml": `<workbook>${n}</workbook>` });
      theme = (zip.files["xl/theme/theme1.xml"] as unknown as { _data: { compressedContent: Uint8Array } })._data.compressedContent;
      // Seen once, a part is only noted; seen twice, it is kept.
      expect(recentPart(theme)?.text).toBe(n === "three" ? THEME : undefined);
      const texts = new Map<string, string>();
      expect(await partWithDtd(zip, `${n}.xlsx`, texts)).toBeUndefined();
      read.push(texts);
    }
    expect(read.map((t) => t.get("xl/theme/theme1.xml"))).toEqual([THEME, THEME, THEME]);
    expect(read.map((t) => t.get("xl/workbook.xml"))).toEqual(["<workbook>one</workbook>", "<workbook>two</workbook>", "<workbook>three</workbook>"]);
  });

  test("a document type is refused in every workbook that holds the part", async () => {
    const dtd = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>`;
    for (const file of ["a.xlsx", "b.xlsx", "c.xlsx"]) {
      const message = await partWithDtd(await workbookWith({ "xl/workbook.xml": "<workbook/>", "customXml/item1.xml": dtd }), file, new Map());
      expect(message).toMatch(new RegExp(`“${file.replace(".", "\\.")}” was not opened: its part customXml/item1\\.xml declares a document type`));
    }
  });

  test("bytes that differ only away from the places looked at first are not taken for the same part", () => {
    const a = new Uint8Array(deflateRawSync(Buffer.from(`<x>${"a".repeat(40)}1${"b".repeat(40)}</x>`)));
    const b = a.slice();
    const middle = Math.floor(a.length / 3);
    b[middle] ^= 1;
    expect([0, a.length >> 2, a.length >> 1, a.length - 8, a.length - 1]).not.toContain(middle);
    for (let i = 0; i < 2; i++) rememberPart(a, { text: "a", bytes: 84, declaresDocumentType: false });
    expect(recentPart(a)?.text).toBe("a");
    expect(recentPart(b)).toBeUndefined();
  });

  test("the list keeps the latest parts only", () => {
    const parts = Array.from({ length: 100 }, (_, i) => new Uint8Array(deflateRawSync(Buffer.from(`<part n="${i}"/>`))));
    // As the open does: a part is remembered when it was not found.
    for (const round of [1, 2]) parts.forEach((p, i) => recentPart(p) ?? rememberPart(p, { text: `part ${i} seen ${round}`, bytes: 12, declaresDocumentType: false }));
    expect(recentPart(parts[99])?.text).toBe("part 99 seen 2");
    expect(parts.filter((p) => recentPart(p)).length).toBeLessThanOrEqual(64);
  });
});
