import JSZip from "jszip";
import { sheetXmlOutsideCells } from "../../../../src/hosts/xlsx/sheet-parts";

async function zipWith(xml: string): Promise<JSZip> {
  const zip = new JSZip();
  zip.file("xl/worksheets/sheet1.xml", xml);
  return JSZip.loadAsync(await zip.generateAsync({ type: "uint8array" }));
}

const HEAD = '<?xml version="1.0"?><worksheet xmlns="main"><dimension ref="A1:B2"/>';
const TAIL = '<dataValidations count="1"><dataValidation type="list" sqref="B2:B9"><formula1>"Open,Closed"</formula1></dataValidation></dataValidations></worksheet>';

describe("sheetXmlOutsideCells", () => {
  it("leaves out the cells and keeps what comes before and after them, text beyond ASCII included", async () => {
    const cells = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Risk &lt;/sheetData&gt; “Ü”</t></is></c></row></sheetData>';
    const xml = await sheetXmlOutsideCells(await zipWith(`${HEAD.replace("main", "main/ü")}${cells}${TAIL.replace("Closed", "Geschlossen – ß")}`), "xl/worksheets/sheet1.xml");
    expect(xml).toBe(`${HEAD.replace("main", "main/ü")}<sheetData/>${TAIL.replace("Closed", "Geschlossen – ß")}`);
  });

  it("works with a namespace prefix on the cells' element", async () => {
    const xml = await sheetXmlOutsideCells(await zipWith(`${HEAD}<x:sheetData><x:row r="1"/></x:sheetData>${TAIL}`), "xl/worksheets/sheet1.xml");
    expect(xml).toBe(`${HEAD}<sheetData/>${TAIL}`);
  });

  it("returns a part without a cells element, or with an empty one, as it is", async () => {
    for (const whole of [`${HEAD}<sheetData/>${TAIL}`, `${HEAD}${TAIL}`]) {
      expect(await sheetXmlOutsideCells(await zipWith(whole), "xl/worksheets/sheet1.xml")).toBe(whole);
    }
    expect(await sheetXmlOutsideCells(await zipWith(HEAD), "xl/worksheets/missing.xml")).toBe("");
  });
});
