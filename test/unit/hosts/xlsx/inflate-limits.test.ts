/**
 * Parts that inflate beyond the limit are refused with the part and the
 * limit named, counted in a stream whatever the headers claim; parts within
 * it pass.
 */
import JSZip from "jszip";
import { MAX_PART_BYTES, oversizedPart } from "../../../../src/hosts/xlsx/inflate-limits";

async function zipWith(sheetBytes: number, lieAboutSize = false): Promise<JSZip> {
  const zip = new JSZip();
  zip.file("xl/workbook.xml", "<workbook/>");
  zip.file("xl/worksheets/sheet1.xml", " ".repeat(sheetBytes));
  let bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  if (lieAboutSize) {
    // Claim 10 bytes in every header: only the stream tells the truth.
    bytes = bytes.slice();
    const v = new DataView(bytes.buffer);
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = v.getUint32(i, true);
      if (sig === 0x04034b50) v.setUint32(i + 22, 10, true);
      if (sig === 0x02014b50) v.setUint32(i + 24, 10, true);
    }
  }
  return JSZip.loadAsync(bytes);
}

describe("parts that inflate beyond the limit", () => {
  test("are refused, naming the file, the part and the limit", async () => {
    const message = await oversizedPart(await zipWith(3 * 1024 * 1024), "bomb.xlsx", 1024 * 1024);
    expect(message).toMatch(/“bomb\.xlsx” was not opened: its part xl\/worksheets\/sheet1\.xml inflates from .* to more than 1 MB/);
  });

  test("are found by counting the stream when the headers claim a small size", async () => {
    const message = await oversizedPart(await zipWith(3 * 1024 * 1024, true), "liar.xlsx", 1024 * 1024);
    expect(message).toMatch(/sheet1\.xml inflates .* more than 1 MB/);
  });

  test("a part within the limit passes, and the limit is the longest text a reader here can hold", async () => {
    expect(await oversizedPart(await zipWith(512 * 1024), "fine.xlsx", 1024 * 1024)).toBeUndefined();
    expect(MAX_PART_BYTES).toBe(512 * 1024 * 1024);
  });
});
