/**
 * A sheet part rewritten for new columns at the right of its cells: rows the
 * plan does not reach stay byte for byte, and in rows it does, the cells
 * they had are copied as they were written (attributes, formulas, inline
 * text, a row's extension list) with only the new cells added after them.
 */
import { patchSheetCells, type CellSource } from "../../../../src/hosts/xlsx/package/sheet-cells";
import { sheetWithOnlyCells } from "../../../../src/hosts/xlsx/package/partial-sheet";

const ROW1 = '<row r="1" spans="1:3" ht="20" customHeight="1" x14ac:dyDescent="0.25"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> a &amp; b </t></is></c><c r="C1"><f>A1&amp;"x"</f><v>1</v></c></row>';
const ROW2_CELLS = '<c r="A2" s="1"><v>2</v></c>\n  <c r="B2" s="2" t="e"><v>#N/A</v></c><c r="C2"/>';
const ROW2 = `<row r="2" spans="1:3" x14ac:dyDescent="0.25">${ROW2_CELLS}<extLst><ext uri="{00000000-0000-0000-0000-000000000000}"/></extLst></row>`;
const ROW3 = '<row r="3"><c r="A3"><v>3</v></c><c r="E3" s="4"><v>9</v></c></row>';
const XML = `<worksheet xmlns:x14ac="x"><dimension ref="A1:E3"/><sheetData>${ROW1}${ROW2}${ROW3}</sheetData><pageMargins left="1"/></worksheet>`;

/** The model after a plan wrote D2:E3 (numbers 10 + column). */
const source: CellSource = {
  rows: () => [2, 3],
  columns: () => [4, 5],
  content: (_row, col, p) => ({ inner: `<${p}v>${10 + col}</${p}v>` }),
};

describe("rows rewritten for new columns at their right", () => {
  const out = patchSheetCells(XML, { values: [{ top: 2, bottom: 3, left: 4, right: 5 }], looks: [], styleOf: (_r, _c, base) => base }, source).xml;

  test("a row the plan does not reach is byte for byte as it was", () => {
    expect(out).toContain(ROW1);
  });

  test("a reached row keeps its cells as written and its extension list, with the new cells after the cells, before the list", () => {
    expect(out).toContain(`<row r="2" x14ac:dyDescent="0.25">${ROW2_CELLS}<c r="D2"><v>14</v></c><c r="E2"><v>15</v></c><extLst>`);
  });

  test("a row with a cell inside the plan's columns has that cell written and the others kept", () => {
    expect(out).toContain('<row r="3"><c r="A3"><v>3</v></c><c r="D3"><v>14</v></c><c r="E3" s="4"><v>15</v></c></row>');
  });

  test("everything outside the cells is as it was", () => {
    expect(out.startsWith('<worksheet xmlns:x14ac="x"><dimension ref="A1:E3"/><sheetData>')).toBe(true);
    expect(out.endsWith("</sheetData><pageMargins left=\"1\"/></worksheet>")).toBe(true);
  });
});

describe("a sheet cut down to the plan's cells", () => {
  test("rows whose cells all lie left of the ranges are left out unread; cells inside the ranges are kept as written", () => {
    const cut = sheetWithOnlyCells(XML, [{ top: 1, bottom: 1, left: 1, right: 5 }, { top: 2, bottom: 3, left: 4, right: 5 }]);
    expect(cut).toBe(`<worksheet xmlns:x14ac="x"><dimension ref="A1:E3"/><sheetData>${ROW1}<row r="3"><c r="E3" s="4"><v>9</v></c></row></sheetData><pageMargins left="1"/></worksheet>`);
  });
});
