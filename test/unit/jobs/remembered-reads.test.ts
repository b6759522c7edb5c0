import { XlsxHost } from "../../../src/hosts/xlsx/xlsx-host";
import { rememberingReads } from "../../../src/jobs/registers/remembered-reads";

function host(): XlsxHost {
  const h = XlsxHost.create("reads.xlsx");
  const ws = h.workbook.addWorksheet("Risks");
  for (let r = 1; r <= 6; r++) for (let c = 1; c <= 4; c++) ws.getCell(r, c).value = r === 1 ? `H${c}` : r * 10 + c;
  ws.getCell("D4").value = { formula: "B4*C4", result: 1288 } as never;
  ws.getCell("C5").numFmt = "0.0";
  ws.mergeCells("A5:B5");
  return h;
}

function counted(h: XlsxHost): { reads: string[]; read: XlsxHost["read"] } {
  const reads: string[] = [];
  return { reads, read: async (sheet, address) => (reads.push(`${sheet}!${address}`), h.read(sheet, address)) };
}

describe("rememberingReads", () => {
  it("answers a read of a rectangle already read, or inside one, without asking the host, with what the host would give", async () => {
    const h = host();
    const spy = counted(h);
    const reading = rememberingReads({ ...h, outline: (o) => h.outline(o), apply: (p) => h.apply(p), read: spy.read });
    const whole = await reading.read("Risks", "A1:D6");
    expect(await reading.read("risks", "A1:D6")).toBe(whole);
    const inner = await reading.read("Risks", "B3:D5");
    expect(spy.reads).toEqual(["Risks!A1:D6"]);
    const direct = await h.read("Risks", "B3:D5");
    expect(inner.address).toBe("B3:D5");
    expect(inner.values).toEqual(direct.values);
    expect(inner.formulas).toEqual(direct.formulas);
    expect(inner.numberFormats).toEqual(direct.numberFormats);
    expect(inner.merges ?? []).toEqual(direct.merges ?? []);
    // Full-width rows of a taller rectangle: the rows themselves are shared.
    const rows = await reading.read("Risks", "A2:D3");
    expect(rows.values).toEqual((await h.read("Risks", "A2:D3")).values);
  });

  it("goes to the host for anything not inside a rectangle read before, and for other sheets", async () => {
    const h = host();
    h.workbook.addWorksheet("Other").getCell("A1").value = "x";
    const spy = counted(h);
    const reading = rememberingReads({ ...h, outline: (o) => h.outline(o), apply: (p) => h.apply(p), read: spy.read });
    await reading.read("Risks", "A1:C6");
    await reading.read("Risks", "A1:D6");
    await reading.read("Other", "A1:C6");
    expect(spy.reads).toEqual(["Risks!A1:C6", "Risks!A1:D6", "Other!A1:C6"]);
    expect((await reading.read("Other", "A1:A1")).values).toEqual([["x"]]);
    expect(spy.reads).toHaveLength(3);
  });
});
