/**
 * Applying the risk template to 40 generated messy registers: nothing the
 * user had is lost or moved unless the preview said so, merged cells inside
 * the register are unmerged without filling anything down, totals and legends
 * stay outside the table, and applying again plans nothing.
 */
import { parseRange } from "../../../src/core/grid/address";
import { builtInTemplate } from "../../../src/core/templates/catalogue";
import { XlsxHost } from "../../../src/hosts/xlsx/xlsx-host";
import { planTemplateApplication } from "../../../src/jobs/registers/apply";
import { messyRiskRegister } from "./messy-register";
import { filledAfterUnmerge, nonEmptyCells, unannouncedChanges } from "./preservation";

const risk = builtInTemplate("risk");
if (!risk) throw new Error("the catalogue has no risk template");
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

describe("applying the risk template to messy registers", () => {
  test.each(SEEDS)("seed %i: cells kept, totals outside, second plan empty", async (seed) => {
    const messy = await messyRiskRegister(seed);
    const host = await XlsxHost.open(messy.bytes, `messy-${seed}.xlsx`);
    const before = await nonEmptyCells(host);

    const first = await planTemplateApplication(host, risk);
    expect(first.kind).toBe("existing");
    if (first.kind !== "existing") return;
    expect(first.register.sheet).toBe(messy.sheet);
    // Merged owners are unmerged before the table is made, each named in the preview.
    expect(first.plan.edits.filter((e) => e.type === "unmergeCells")).toHaveLength(messy.ownerMerges);
    if (messy.ownerMerges) expect(first.notes.some((n) => / unmerged so the register can become a table: /.test(n))).toBe(true);
    await host.apply(first.plan);
    const reloaded = await XlsxHost.open(await host.save(), `messy-${seed}.xlsx`);

    const after = await nonEmptyCells(reloaded);
    expect(unannouncedChanges(before, after, first.plan)).toEqual([]);
    expect(filledAfterUnmerge(after, first.plan)).toEqual([]);

    const outline = await reloaded.outline({ previewRows: 0 });
    const table = outline.sheets.find((s) => s.name === messy.sheet)?.tables[0];
    expect(table?.name).toBe("RiskRegister");
    const range = parseRange(table?.address ?? "");
    expect(range?.top).toBe(messy.headerRow);
    expect(range?.left).toBe(messy.firstColumn);
    // Every template column is there, the user's own first.
    expect(table?.headers.slice(0, messy.columns.length)).toEqual(messy.columns);
    expect(range && range.bottom).toBeGreaterThanOrEqual(messy.lastDataRow);
    if (messy.totalRow !== null) expect(range && range.bottom).toBeLessThan(messy.totalRow);
    if (messy.legendRow !== null) expect(range && range.bottom).toBeLessThan(messy.legendRow);

    const second = await planTemplateApplication(reloaded, risk);
    expect(second.kind).toBe("existing");
    if (second.kind === "existing") expect(second.plan.edits).toEqual([]);
  });
});
