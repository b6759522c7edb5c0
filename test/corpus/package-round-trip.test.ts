/**
 * The package guarantees over every workbook in ../shared/corpus: saving
 * with no change gives every part back identical; saving after the
 * register job's plan replaces only the parts the plan changed (sheets,
 * tables, styles, the workbook's sheet list, relationships, content types),
 * copies every other part byte for byte (pivots, slicers, charts, drawings,
 * comments, VBA, connections...), keeps every defined name with its scope,
 * and leaves a consistent package ExcelJS opens again.
 */
import ExcelJS from "exceljs";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { applyTopRegister } from "./apply-top-register";
import { packageProblems, partsOf, definedNamesOf } from "../unit/hosts/xlsx/package-checks";
import { corpusBytes, corpusFiles } from "../corpus-files";

const files = corpusFiles();

/** Parts a register plan may change: its sheet, tables, styles, the sheet list, their relationships and the content types. */
const MAY_CHANGE = /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/styles\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?|xl\/tables\/table\d+\.xml)$/;
/** Parts a save may drop: Excel's calculation chain (a cache Excel rebuilds) when a formula cell was overwritten. */
const MAY_DROP = /^xl\/calcChain\.xml$/;

describe("package round trip over the corpus", () => {
  test.each(files)("%s", async (file) => {
    const original = corpusBytes(file);
    const before = await partsOf(original);

    // An empty plan gives the same package back.
    const untouched = await XlsxHost.open(original, file);
    await untouched.apply({ title: "nothing", edits: [] });
    expect(await partsOf(await untouched.save())).toEqual(before);

    const host = await XlsxHost.open(original, file);
    const applied = await applyTopRegister(host);
    if (!applied) return;
    const saved = await host.save();
    const after = await partsOf(saved);

    const lost = [...before.keys()].filter((p) => !after.has(p) && !MAY_DROP.test(p));
    expect(lost).toEqual([]);
    const changed = [...before.keys()].filter((p) => after.has(p) && after.get(p) !== before.get(p));
    expect(changed.filter((p) => !MAY_CHANGE.test(p))).toEqual([]);
    const added = [...after.keys()].filter((p) => !before.has(p));
    expect(added.filter((p) => !MAY_CHANGE.test(p))).toEqual([]);
    expect(await packageProblems(saved)).toEqual([]);
    expect(definedNamesOf(after.get("xl/workbook.xml") ?? "")).toEqual(definedNamesOf(before.get("xl/workbook.xml") ?? ""));
    if (/\.xlsm$/i.test(file)) expect(after.get("[Content_Types].xml")).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");

    // ExcelJS opens the result, and so does the host (whose reader repairs what ExcelJS misreads).
    await new ExcelJS.Workbook().xlsx.load(saved as unknown as ArrayBuffer);
    const again = await XlsxHost.open(saved, file);
    const second = await planTemplateApplication(again, applied.template, { sheet: applied.sheet });
    if (second.kind === "existing") expect(second.plan.edits).toEqual([]);
  });
});
