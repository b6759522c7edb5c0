import { scanSheetPieces, textOf, type CellStore } from "../../../../src/hosts/xlsx/sheet-scan";

const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
const STRINGS = ["Risk ID", "Owner", "Café & Co"];

async function* piecesOf(parts: string[]): AsyncIterable<string> {
  for (const p of parts) yield p;
}

type Dumped = [row: number, col: number, value: unknown, formula: string | null, style: number];

function dump(cells: CellStore): Dumped[] {
  const out: Dumped[] = [];
  for (const r of cells.rows()) {
    const [start, end] = cells.cellsOf(r);
    for (let i = start; i < end; i++) out.push([r, cells.column(i), cells.value(i), cells.formula(i), cells.style(i)]);
  }
  return out;
}

async function scan(xml: string, parts: string[] = [xml]) {
  const { cells, outside, prefix } = await scanSheetPieces(piecesOf(parts), STRINGS);
  return { cells: dump(cells), outside, prefix };
}

const sheet = (rows: string, after = "") => `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ${NS}><dimension ref="A1"/><sheetData>${rows}</sheetData>${after}</worksheet>`;

describe("reading a sheet part's cells", () => {
  it("reads each kind of cell value", async () => {
    const xml = sheet(
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3"><v>12.5</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c>` +
        `<c r="E1" t="str"><f>A1&amp;"x"</f><v>Risk IDx</v></c><c r="F1" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><b/></rPr><t xml:space="preserve"> text &lt;1&gt;</t></r></is></c>` +
        `<c r="G1" t="d"><v>2026-03-31T00:00:00Z</v></c><c r="H1" t="s"><v>2</v></c><c r="I1" s="7"/><c r="J1"><v></v></c></row>`,
    );
    const { cells } = await scan(xml);
    expect(cells).toEqual([
      [1, 1, "Risk ID", null, 0],
      [1, 2, 12.5, null, 3],
      [1, 3, true, null, 0],
      [1, 4, { error: "#N/A" }, null, 0],
      [1, 5, "Risk IDx", '=A1&"x"', 0],
      [1, 6, "Rich  text <1>", null, 0],
      [1, 7, 46112, null, 0],
      [1, 8, "Café & Co", null, 0],
      [1, 9, null, null, 7],
      [1, 10, null, null, 0],
    ]);
  });

  it("reads Excel's last row and column, and rows and cells written without their reference", async () => {
    const xml = sheet(`<row><c><v>1</v></c><c><v>2</v></c></row><row r="5"/><row><c r="C6"><v>3</v></c><c><v>4</v></c></row><row r="1048576"><c r="XFD1048576"><v>9</v></c></row>`);
    expect((await scan(xml)).cells).toEqual([
      [1, 1, 1, null, 0],
      [1, 2, 2, null, 0],
      [6, 3, 3, null, 0],
      [6, 4, 4, null, 0],
      [1048576, 16384, 9, null, 0],
    ]);
  });

  it("gives each cell of a shared formula its own form of it", async () => {
    const xml = sheet(
      `<row r="2"><c r="C2"><f t="shared" ref="C2:C4" si="0">A2*B2</f><v>1</v></c></row>` +
        `<row r="3"><c r="C3"><f t="shared" si="0"/><v>2</v></c></row><row r="4"><c r="C4"><f si="0" t="shared"></f><v>3</v></c></row>`,
    );
    expect((await scan(xml)).cells.map((c) => c[3])).toEqual(["=A2*B2", "=A3*B3", "=A4*B4"]);
  });

  it("reads parts written with a namespace prefix, single quotes and line breaks between elements", async () => {
    const xml =
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>\n` +
      `  <x:row r='1' spans='1:2'>\n    <x:c r='A1' t='s'>\n      <x:v>1</x:v>\n    </x:c>\n    <x:c r='B1' s='2'>\n      <x:f>1+1</x:f>\n      <x:v>2</x:v>\n    </x:c>\n  </x:row>\n` +
      `</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`;
    const { cells, outside, prefix } = await scan(xml);
    expect(prefix).toBe("x:");
    expect(cells).toEqual([
      [1, 1, "Owner", null, 0],
      [1, 2, 2, "=1+1", 2],
    ]);
    expect(outside).toContain(`<x:sheetData/><x:mergeCells count="1">`);
    expect(outside).not.toContain("<x:row");
  });

  it("reads a cell whose value comes before its formula", async () => {
    const xml = sheet(`<row r="1"><c r="A1"><v>4</v><f>2*2</f></c><c r="B1" t="inlineStr"><extLst/><is><t>late</t></is></c></row>`);
    expect((await scan(xml)).cells).toEqual([
      [1, 1, 4, "=2*2", 0],
      [1, 2, "late", null, 0],
    ]);
  });

  it("reads the same cells and surroundings whatever the part's text is split into", async () => {
    const xml = sheet(
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a&amp;b</t></is></c></row><row r="2"/>` +
        `<row r="3"><c r="A3"><f t="shared" ref="A3:A4" si="1">B3+1</f><v>1</v></c></row><row r="4"><c r="A4"><f t="shared" si="1"/><v>2</v></c></row>`,
      `<mergeCells count="1"><mergeCell ref="C1:D1"/></mergeCells>`,
    );
    const whole = await scan(xml);
    expect(whole.cells).toHaveLength(4);
    for (let at = 1; at < xml.length; at++) expect(await scan(xml, [xml.slice(0, at), xml.slice(at)])).toEqual(whole);
    expect(await scan(xml, [...xml])).toEqual(whole);
  });

  it("reads a row the same when plainly written cells and others are mixed in it", async () => {
    // Plain cells are read in one pass; a cell written otherwise sends the rest of its row to the general reader.
    const plain = `<row r="2" spans="1:6"><c r="A2" t="s"><v>1</v></c><c r="B2" s="4"><f>A2&amp;"!"</f><v>3</v></c><c r="C2" s="5"/><c r="D2"><v>7</v></c></row>`;
    const mixed =
      `<row spans="1:6" r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="4" cm="1"><f>A2&amp;"!"</f><v>3</v></c>` +
      `<c r='C2' s='5'/><c r="D2"><v xml:space="preserve">7</v></c></row>`;
    const expected = [
      [2, 1, "Owner", null, 0],
      [2, 2, 3, '=A2&"!"', 4],
      [2, 3, null, null, 5],
      [2, 4, 7, null, 0],
    ];
    expect((await scan(sheet(plain))).cells).toEqual(expected);
    expect((await scan(sheet(mixed))).cells).toEqual(expected);
    // A plain cell after one that is not, in the same row; a column given by position; a style that is not a whole number.
    const after = `<row r="3"><c r="A3" t="str"><f t="array" ref="A3">1</f><v>x</v></c><c><v>2</v></c><c r="C3" s="x"><v>5</v></c></row>`;
    expect((await scan(sheet(after))).cells).toEqual([
      [3, 1, "x", "=1", 0],
      [3, 2, 2, null, 0],
      [3, 3, 5, null, 0],
    ]);
  });

  it("takes a row's number wherever its tag writes it", async () => {
    const xml = sheet(`<row r="4" spans="1:1"><c><v>1</v></c></row><row spans="1:1" r="7"><c><v>2</v></c></row><row ht="15"><c><v>3</v></c></row>`);
    expect((await scan(xml)).cells.map((c) => c[0])).toEqual([4, 7, 8]);
  });

  it("keeps the part whole when it has no cells", async () => {
    const xml = `<worksheet ${NS}><sheetData/><pageMargins left="0.7"/></worksheet>`;
    const { cells, outside } = await scan(xml, [xml.slice(0, 30), xml.slice(30)]);
    expect(cells).toEqual([]);
    expect(outside).toBe(xml);
  });
});

describe("text of a string item", () => {
  it("joins the runs, leaves out phonetic guides and decodes entities", () => {
    expect(textOf(`<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><r><t xml:space="preserve"> &amp; more</t></r></si>`)).toBe("東京 & more");
  });
});
