import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import type { Edit } from "../../../../src/core/plan/edits";

const SCORE = "Risks[[#This Row],[Probability]]*Risks[[#This Row],[Impact]]";

/** A workbook with table Risks (A1:D4: ID, Probability, Impact, Score) and table Plain (F1:G3, no formulas). */
async function baseBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.addTable({
    name: "Risks",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "ID" }, { name: "Probability" }, { name: "Impact" }, { name: "Score" }],
    rows: [
      ["R1", 3, 4, { formula: SCORE, result: 12 }],
      ["R2", 2, 5, { formula: SCORE, result: 10 }],
      ["R3", 4, 1, { formula: SCORE, result: 4 }],
    ],
  });
  ws.addTable({ name: "Plain", ref: "F1", headerRow: true, columns: [{ name: "A" }, { name: "B" }], rows: [[1, 2], [3, 4]] });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** baseBytes with Score made a calculated column the way Excel writes it (& escaped, as it must be). */
async function withCalculatedColumn(): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await baseBytes());
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/tables\/.+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    if (!/name="Risks"/.test(xml)) continue;
    const patched = xml.replace(/<tableColumn id="4" name="Score"([^>]*?)\s*\/>/, `<tableColumn id="4" name="Score"$1><calculatedColumnFormula>${SCORE}</calculatedColumnFormula></tableColumn>`);
    expect(patched).not.toBe(xml);
    zip.file(name, patched);
  }
  return zip.generateAsync({ type: "uint8array" });
}

/** Table name → the calculatedColumnFormula text of each column (null for none), read back from saved bytes. */
async function calculatedIn(bytes: Uint8Array): Promise<Record<string, (string | null)[]>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, (string | null)[]> = {};
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/tables\/.+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    const table = /<table\b[^>]*\bname="([^"]*)"/.exec(xml)![1];
    out[table] = [...xml.matchAll(/<tableColumn\b[^>]*?(?:\/>|>([\s\S]*?)<\/tableColumn>)/g)].map((m) => {
      const f = /<calculatedColumnFormula>([\s\S]*?)<\/calculatedColumnFormula>/.exec(m[1] ?? "");
      return f ? f[1] : null;
    });
  }
  return out;
}

const plan = (edits: Edit[]) => ({ title: "Test", edits });

describe("calculated table columns", () => {
  it("a calculated column in the file survives open and save, and a table without one gets none", async () => {
    const host = await XlsxHost.open(await withCalculatedColumn(), "calc.xlsx");
    const saved = await calculatedIn(await host.save());
    expect(saved.Risks).toEqual([null, null, null, SCORE]);
    expect(saved.Plain).toEqual([null, null]);
    // and again, from our own output
    const again = await calculatedIn(await (await XlsxHost.open(await host.save(), "calc.xlsx")).save());
    expect(again.Risks).toEqual([null, null, null, SCORE]);
  });

  it("a workbook with no calculated column is saved with none", async () => {
    const host = await XlsxHost.open(await baseBytes(), "plain.xlsx");
    const saved = await calculatedIn(await host.save());
    expect(saved.Risks).toEqual([null, null, null, null]);
  });

  it("a formula column added by a plan is written as a calculated column, XML-escaped, and its undo removes it", async () => {
    const host = await XlsxHost.open(await baseBytes(), "plain.xlsx");
    const formula = `=IF(Risks[[#This Row],[Probability]]>2,"High & wide","Low")`;
    const result = await host.apply(plan([{ type: "addTableColumns", sheet: "Risks", table: "Risks", columns: [{ header: "Band", formula }] }]));
    const bytes = await host.save();
    const zip = await JSZip.loadAsync(bytes);
    const tableXml = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/tables\/.+\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")));
    expect(tableXml.join("")).toContain(`<calculatedColumnFormula>IF(Risks[[#This Row],[Probability]]&gt;2,"High &amp; wide","Low")</calculatedColumnFormula>`);
    expect((await calculatedIn(bytes)).Risks).toEqual([null, null, null, null, 'IF(Risks[[#This Row],[Probability]]&gt;2,"High &amp; wide","Low")']);
    // read back decoded: a second save writes the same text
    expect(await calculatedIn(await (await XlsxHost.open(bytes, "again.xlsx")).save())).toEqual(await calculatedIn(bytes));
    await host.apply(result.undo.inverse);
    expect((await calculatedIn(await host.save())).Risks).toEqual([null, null, null, null]);
  });

  it("a formula filled over a whole table column body marks it; undo takes the mark away again", async () => {
    const host = await XlsxHost.open(await baseBytes(), "plain.xlsx");
    const edits: Edit[] = [
      { type: "setCells", sheet: "Risks", address: "D2:D4", cells: [[1], [2], [3]] },
    ];
    const cleared = await host.apply(plan(edits));
    expect((await calculatedIn(await host.save())).Risks[3]).toBeNull();
    const filled = await host.apply(plan([{ type: "fillFormula", sheet: "Risks", address: "D2:D4", formula: `=${SCORE}` }]));
    expect((await calculatedIn(await host.save())).Risks[3]).toBe(SCORE);
    await host.apply(filled.undo.inverse);
    expect((await calculatedIn(await host.save())).Risks[3]).toBeNull();
    await host.apply(cleared.undo.inverse); // the original formulas back in every row
    expect((await calculatedIn(await host.save())).Risks[3]).toBe(SCORE);
  });

  it("a filled part of a column does not make it a calculated column; one typed over in part stays one", async () => {
    const host = await XlsxHost.open(await withCalculatedColumn(), "calc.xlsx");
    await host.apply(plan([{ type: "fillFormula", sheet: "Risks", address: "B2:B3", formula: "=1+1" }]));
    await host.apply(plan([{ type: "setCells", sheet: "Risks", address: "D3", cells: [[7]] }]));
    expect((await calculatedIn(await host.save())).Risks).toEqual([null, null, null, SCORE]);
  });

  it("removing a calculated column drops it, and undo puts it back; renaming its header keeps it", async () => {
    const host = await XlsxHost.open(await withCalculatedColumn(), "calc.xlsx");
    const removed = await host.apply(plan([{ type: "removeTableColumns", sheet: "Risks", table: "Risks", count: 1 }]));
    expect((await calculatedIn(await host.save())).Risks).toEqual([null, null, null]);
    await host.apply(removed.undo.inverse);
    expect((await calculatedIn(await host.save())).Risks).toEqual([null, null, null, SCORE]);
    await host.apply(plan([{ type: "setCells", sheet: "Risks", address: "D1", cells: [["Risk score"]] }]));
    const reopened = await XlsxHost.open(await host.save(), "calc.xlsx");
    const outline = await reopened.outline({ previewRows: 0 });
    expect(outline.sheets[0].tables.find((t) => t.name === "Risks")?.headers[3]).toBe("Risk score");
    expect((await calculatedIn(await reopened.save())).Risks).toEqual([null, null, null, SCORE]);
  });
});

it("the rewritten zip gains no entries", async () => {
  const host = await XlsxHost.open(await withCalculatedColumn(), "calc.xlsx");
  const plainSave = Object.keys((await JSZip.loadAsync(await (await XlsxHost.open(await baseBytes(), "p.xlsx")).save())).files).sort();
  expect(Object.keys((await JSZip.loadAsync(await host.save())).files).sort()).toEqual(plainSave);
});

describe("a calculated column that is not the table's last", () => {
  // ExcelJS 4.4 alone cannot open such a file (it stops reading the columns at the first one with a child element).
  async function scoreThenNotes(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Risks");
    ws.addTable({
      name: "Risks",
      ref: "A1",
      headerRow: true,
      columns: [{ name: "Probability" }, { name: "Impact" }, { name: "Score" }, { name: "Notes" }],
      rows: [
        [3, 4, { formula: SCORE, result: 12 }, "supplier"],
        [2, 5, { formula: SCORE, result: 10 }, "weather"],
      ],
    });
    const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const name = Object.keys(zip.files).find((n) => /^xl\/tables\/.+\.xml$/.test(n))!;
    const xml = await zip.file(name)!.async("string");
    const patched = xml.replace(/<tableColumn id="3" name="Score"([^>]*?)\s*\/>/, `<tableColumn id="3" name="Score"$1><calculatedColumnFormula>${SCORE}</calculatedColumnFormula></tableColumn>`);
    expect(patched).not.toBe(xml);
    zip.file(name, patched);
    return zip.generateAsync({ type: "uint8array" });
  }

  it("opens with every column, and the formula is still a calculated column after save", async () => {
    const bytes = await scoreThenNotes();
    await expect(new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer)).rejects.toThrow();
    const host = await XlsxHost.open(bytes, "calc.xlsx");
    const outline = await host.outline();
    expect(outline.sheets[0].tables[0].headers).toEqual(["Probability", "Impact", "Score", "Notes"]);
    const saved = await host.save();
    expect(await calculatedIn(saved)).toEqual({ Risks: [null, null, SCORE, null] });
    const again = await XlsxHost.open(saved, "calc.xlsx");
    expect((await again.read("Risks", "C2:D3")).values).toEqual([[12, "supplier"], [10, "weather"]]);
  });
});
