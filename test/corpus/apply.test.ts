/**
 * The apply guarantees over the real workbooks in ../shared/corpus: for each
 * file's most confident register, applying its template keeps every cell the
 * user had (unless the preview named it), and applying again plans nothing.
 * Merged cells inside a register are unmerged (the preview says so; values
 * stay in the top-left cells, the other cells stay empty). A register that
 * cannot become a table (no room for the added columns) is refused with the
 * cells named and nothing written; only the files listed may be refused.
 */
import { builtInTemplate, templateForKind } from "../../src/core/templates/catalogue";
import { WorkbookError } from "../../src/hosts/host";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { detectRegisters } from "../../src/jobs/registers/detect";
import { parseRange, rangesIntersect } from "../../src/core/grid/address";
import { filledAfterUnmerge, nonEmptyCells, unannouncedChanges } from "../unit/jobs/preservation";
import { corpusBytes, corpusFiles } from "../corpus-files";

const files = corpusFiles(/\.(xlsx|xlsm|xls|csv)$/i);

/**
 * Files the xlsx host cannot save even untouched (an ExcelJS limit, not the
 * apply): the test checks that this is still so, so the entry is removed
 * once the host learns to save them.
 */
const HOST_CANNOT_SAVE: Record<string, string> = {};

/** Files whose register is refused, with why; any other refusal fails the test. */
const REFUSED: Record<string, string> = {
  // A note beside the register sits where the template's columns would go.
  "LysinKirill__SoftwareProjectManagement__Лысин_RiskRegister.xlsx": "O5 is not empty",
};

/** Registers with merged cells inside them (header cells merged across columns, categories or records merged down): now unmerged and applied. */
const WITH_MERGES = ["GeorgeAlex-M__software-testing-repo__Risk_Register.xlsm", "ziad-samer__Project-Management__Risk management.xlsx"];

describe("applying templates to the corpus", () => {
  test("the corpus is there", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  test.each(files)("%s", async (file) => {
    const bytes = corpusBytes(file);
    if (/\.xls$/i.test(file)) {
      await expect(XlsxHost.open(bytes, file)).rejects.toThrow(WorkbookError);
      await expect(XlsxHost.open(bytes, file)).rejects.toThrow(/xls/i);
      return;
    }
    const host = await XlsxHost.open(bytes, file);
    if (HOST_CANNOT_SAVE[file]) {
      await expect(host.save()).rejects.toThrow();
      return;
    }
    const top = (await detectRegisters(host)).sort((a, b) => b.confidence - a.confidence)[0];
    if (!top) return; // nothing to apply to (a dashboard, a report)
    const template = builtInTemplate(top.templateId) ?? templateForKind(top.kind);
    const before = await nonEmptyCells(host);

    const first = await planTemplateApplication(host, template, { sheet: top.sheet });
    if (first.kind === "refused") {
      expect({ file, refused: first.problem.message }).toEqual({ file, refused: expect.stringContaining(REFUSED[file] ?? "(not expected to be refused)") });
      expect(first.problem.message).toContain(top.sheet);
      expect(first.problem.cells.length).toBeGreaterThan(0);
      return;
    }
    expect(REFUSED[file]).toBeUndefined();
    expect(first.kind).toBe("existing");
    if (first.kind !== "existing") return;
    const unmerges = first.plan.edits.filter((e) => e.type === "unmergeCells");
    if (WITH_MERGES.includes(file)) {
      expect(unmerges.length).toBeGreaterThan(0);
      expect(first.notes).toContainEqual(expect.stringMatching(new RegExp(`^${unmerges.length} merged areas? (is|are) unmerged so the register can become a table`)));
      // Unmerges come first, then header names, then the table.
      const kinds = first.plan.edits.map((e) => e.type);
      expect(kinds.lastIndexOf("unmergeCells")).toBeLessThan(kinds.indexOf("createTable"));
    }
    await host.apply(first.plan);
    const reloaded = await XlsxHost.open(await host.save(), file.replace(/\.(csv|xlsm)$/i, ".xlsx"));
    const after = await nonEmptyCells(reloaded);
    expect(unannouncedChanges(before, after, first.plan)).toEqual([]);
    expect(filledAfterUnmerge(after, first.plan)).toEqual([]);
    const sheet = (await reloaded.outline({ previewRows: 200 })).sheets.find((s) => s.name === top.sheet);
    const table = parseRange(sheet?.tables.find((t) => t.name === first.table)?.address ?? "");
    expect(table).toBeDefined();
    if (table) expect(sheet?.merges.filter((m) => rangesIntersect(parseRange(m) ?? table, table))).toEqual([]);

    const second = await planTemplateApplication(reloaded, template, { sheet: top.sheet });
    expect(second.kind).toBe("existing");
    if (second.kind === "existing") expect(second.plan.edits).toEqual([]);
  });
});
