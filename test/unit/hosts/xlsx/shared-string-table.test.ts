import { findElements, prefixOf } from "../../../../src/hosts/xlsx/package/xml-text";
import { SharedStringTable } from "../../../../src/hosts/xlsx/shared-string-table";
import { textOf } from "../../../../src/hosts/xlsx/sheet-scan";

const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;

/** The strings as the list was read before it was read lazily: every <si>, each through textOf. */
function readWhole(xml: string): string[] {
  const p = prefixOf(xml, "sst");
  return findElements(xml, `${p}si`).map((s) => textOf(xml.slice(s.start, s.end)));
}

function readLazily(xml: string): (string | undefined)[] {
  const table = new SharedStringTable(xml, prefixOf(xml, "sst"));
  return Array.from({ length: table.length }, (_, i) => table.get(i));
}

const ITEMS = [
  `<si><t>Risk ID</t></si>`,
  `<si><t xml:space="preserve"> Owner </t></si>`,
  `<si><t>Café &amp; Co &lt;UK&gt;</t></si>`,
  `<si><t>two\r\nlines\rhere</t></si>`,
  `<si><t></t></si>`,
  `<si><t/></si>`,
  `<si/>`,
  `<si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text</t></r></si>`,
  `<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>`,
  `<si>\n  <t>spaced out</t>\n</si>`,
  `<si><t>PowerPhone</t></si>`,
  `<si count="1"><t>with an attribute</t></si>`,
];

describe("shared strings read as cells ask for them", () => {
  it("gives every string as reading the whole list did, plain or not", () => {
    const xml = `<?xml version="1.0"?>\n<sst ${NS} count="12" uniqueCount="12">${ITEMS.join("")}</sst>`;
    expect(readLazily(xml)).toEqual(readWhole(xml));
    expect(readLazily(xml)[0]).toBe("Risk ID");
    expect(readLazily(xml)[7]).toBe("Rich text");
  });

  it("reads a list written with a namespace prefix and line breaks between strings", () => {
    const xml = `<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n${ITEMS.map((i) => i.replace(/<(\/?)(si|t|r|rPr|b|rPh|phoneticPr)\b/g, "<$1x:$2")).join("\n")}\n</x:sst>`;
    const lazily = readLazily(xml);
    expect(lazily).toEqual(readWhole(xml));
    expect(lazily[2]).toBe("Café & Co <UK>");
  });

  it("answers undefined for an index the list does not hold, as an array did", () => {
    const table = new SharedStringTable(`<sst ${NS}><si><t>a</t></si><si><t>b</t></si></sst>`, "");
    expect([table.get(1), table.get(2), table.get(-1), table.get(0.5), table.get(NaN)]).toEqual(["b", undefined, undefined, undefined, undefined]);
  });

  it("reads an empty or missing list as holding nothing", () => {
    expect(new SharedStringTable("", "").length).toBe(0);
    expect(new SharedStringTable(`<sst ${NS}/>`, "").length).toBe(0);
  });
});
