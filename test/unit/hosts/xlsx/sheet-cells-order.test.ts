import { patchSheetCells, type CellSource } from "../../../../src/hosts/xlsx/package/sheet-cells";

/** The workbook after a plan that wrote `written` (ref → number) into a row whose other cells it left. */
function source(row: number, columns: number[], written: Map<number, number>): CellSource {
  return {
    rows: () => [row],
    columns: (r) => (r === row ? columns : []),
    content: (_row, c, p) => (written.has(c) ? { inner: `<${p}v>${written.get(c)}</${p}v>` } : null),
  };
}

test("new cells written after a row's untouched cells come after them, in column order", () => {
  const xml = '<worksheet><sheetData><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row></sheetData></worksheet>';
  const out = patchSheetCells(
    xml,
    { values: [{ top: 2, bottom: 2, left: 4, right: 5 }], looks: [], styleOf: () => 0 },
    source(2, [1, 2, 4, 5], new Map([[4, 7], [5, 8]])),
  );
  const refs = [...out.xml.matchAll(/<c r="([A-Z]+\d+)"/g)].map((m) => m[1]);
  expect(refs).toEqual(["A2", "B2", "D2", "E2"]);
});
