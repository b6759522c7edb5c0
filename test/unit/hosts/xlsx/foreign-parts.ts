/**
 * Parts ExcelJS does not model, added to a workbook made in code: a pivot
 * table on the first sheet with its cache (named from the workbook's
 * pivotCaches) and a custom XML item at the package root. A model-based save
 * drops all of them; a package save must keep every byte.
 */
import JSZip from "jszip";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

export const FOREIGN_PARTS = ["xl/pivotTables/pivotTable1.xml", "xl/pivotCache/pivotCacheDefinition1.xml", "xl/pivotCache/pivotCacheRecords1.xml", "customXml/item1.xml"];

function addRelationship(rels: string | undefined, id: string, type: string, target: string): string {
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  return rels ? rels.replace("</Relationships>", `${rel}</Relationships>`) : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${rel}</Relationships>`;
}

/** The workbook with a pivot table (over A1:B3 of its first sheet) and a custom XML item added. */
export async function withForeignParts(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  const firstSheet = /<sheet\b[^>]*name="([^"]*)"/.exec(workbookXml)![1];
  const cacheRel = "rIdPivotCache1";
  zip.file(
    "xl/workbook.xml",
    // After calcPr where there is one, as the schema orders the workbook's children.
    workbookXml.replace(/<calcPr\b[^>]*\/>|<\/workbook>/, (m) => {
      const caches = `<pivotCaches><pivotCache cacheId="7" r:id="${cacheRel}" xmlns:r="${REL}"/></pivotCaches>`;
      return m.startsWith("<calcPr") ? `${m}${caches}` : `${caches}${m}`;
    }),
  );
  const wbRels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file("xl/_rels/workbook.xml.rels", addRelationship(wbRels, cacheRel, `${REL}/pivotCacheDefinition`, "pivotCache/pivotCacheDefinition1.xml"));
  zip.file(
    "xl/pivotCache/pivotCacheDefinition1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}" r:id="rId1" refreshOnLoad="1" recordCount="2"><cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="${firstSheet}"/></cacheSource><cacheFields count="1"><cacheField name="Key" numFmtId="0"><sharedItems/></cacheField></cacheFields></pivotCacheDefinition>`,
  );
  zip.file("xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels", addRelationship(undefined, "rId1", `${REL}/pivotCacheRecords`, "pivotCacheRecords1.xml"));
  zip.file("xl/pivotCache/pivotCacheRecords1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0"/>`);
  zip.file(
    "xl/pivotTables/pivotTable1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="PivotKept" cacheId="7" dataCaption="Values"><location ref="H1:H2" firstHeaderRow="1" firstDataRow="1" firstDataCol="0"/><pivotFields count="1"><pivotField showAll="0"/></pivotFields></pivotTableDefinition>`,
  );
  zip.file("xl/pivotTables/_rels/pivotTable1.xml.rels", addRelationship(undefined, "rId1", `${REL}/pivotCacheDefinition`, "../pivotCache/pivotCacheDefinition1.xml"));
  const sheetRelsPath = "xl/worksheets/_rels/sheet1.xml.rels";
  zip.file(sheetRelsPath, addRelationship(await zip.file(sheetRelsPath)?.async("string"), "rIdPivot1", `${REL}/pivotTable`, "../pivotTables/pivotTable1.xml"));
  zip.file("customXml/item1.xml", `<?xml version="1.0" encoding="UTF-8"?><projectRecord xmlns="urn:example:pmo">kept as it came</projectRecord>`);
  zip.file("_rels/.rels", addRelationship(await zip.file("_rels/.rels")?.async("string"), "rIdCustom1", `${REL}/customXml`, "customXml/item1.xml"));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  const overrides = [
    ["/xl/pivotCache/pivotCacheDefinition1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"],
    ["/xl/pivotCache/pivotCacheRecords1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml"],
    ["/xl/pivotTables/pivotTable1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"],
  ]
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join("");
  zip.file("[Content_Types].xml", types.replace("</Types>", `${overrides}</Types>`));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
