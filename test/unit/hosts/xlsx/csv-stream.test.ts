import { CsvSplitter, csvRowBlocks, parseCsvText } from "../../../../src/hosts/xlsx/csv";

const TEXT = '\ufeffa,b,c\r\n"x, ""quoted""",2,"line\r\nbreak"\r\n£1,(3.50),é€\n,,\nlast,1.5,';

describe("CSV read chunk by chunk", () => {
  it("gives the same rows whatever the chunk size, as whole-text parsing does", () => {
    const whole = parseCsvText(TEXT);
    expect(whole[1]).toEqual(['x, "quoted"', "2", "line\r\nbreak"]);
    for (let size = 1; size <= TEXT.length; size++) {
      const s = new CsvSplitter();
      const rows: string[][] = [];
      for (let i = 0; i < TEXT.length; i += size) rows.push(...s.push(TEXT.slice(i, i + size)));
      rows.push(...s.end());
      expect(rows).toEqual(whole);
    }
  });

  it("decodes bytes cut inside a character and types plain numerals as numbers", async () => {
    const bytes = new TextEncoder().encode(TEXT);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    const rows: (string | number | null)[][] = [];
    for await (const block of csvRowBlocks(chunks())) rows.push(...block);
    expect(rows[2]).toEqual(["£1", "(3.50)", "é€"]);
    expect(rows[4]).toEqual(["last", 1.5, null]);
  });
});
