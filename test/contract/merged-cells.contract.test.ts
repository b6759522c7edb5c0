/**
 * Unmerging and merging on both hosts: an unmerge leaves the value in the
 * top-left cell and the other cells empty (never filled down), names one
 * merged area exactly or is refused, lets a table be made over the cells,
 * and undo merges the areas back with the workbook as it was.
 */
import type { Edit } from "../../src/core/plan/edits";
import type { Plan } from "../../src/core/plan/plan";
import type { WorkbookHost } from "../../src/hosts/host";
import { builtInTemplate } from "../../src/core/templates/catalogue";
import type { Template } from "../../src/core/templates/schema";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { expectAllAgree, HOST_KINDS, hostFrom, type HostKind } from "./hosts-under-test";
import { portState } from "./port-state";
import type { WorkbookSeed } from "./workbook-seed";

const KINDS: HostKind[] = HOST_KINDS;

const plan = (edits: Edit[], title = "Merged cells"): Plan => ({ title, edits });

/** A register with a merged title above it, a header merged over two columns and categories merged down column A. */
const mergedRegister: WorkbookSeed = {
  sheets: [
    {
      name: "Risks",
      rows: [
        ["Project risk register", null, null, null],
        [null, null, null, null],
        ["Risk category", null, "Description", "Owner"],
        ["Functional", "R-1", "Scope creep", "Ana"],
        [null, "R-2", "Unclear requirements", "Bob"],
        [null, "R-3", "Late sign-off", "Ana"],
        ["Technical", "R-4", "Legacy interface", "Cy"],
        [null, "R-5", "Data migration", "Bob"],
      ],
      merges: ["A1:D1", "A3:B3", "A4:A6", "A7:A8"],
    },
  ],
};

const unmergeAndTabulate: Edit[] = [
  { type: "unmergeCells", sheet: "Risks", address: "A3:B3", label: "Risk category" },
  { type: "unmergeCells", sheet: "Risks", address: "A4:A6", label: "Functional" },
  { type: "unmergeCells", sheet: "Risks", address: "A7:A8", label: "Technical" },
  { type: "setCells", sheet: "Risks", address: "B3", cells: [["Column2"]], label: "B3 is blank" },
  { type: "createTable", sheet: "Risks", address: "A3:D8", name: "RiskRegister", style: "TableStyleMedium2" },
];

/** Every merged area of the sheets (the outline reports those touching its preview rows; this register is short). */
async function mergesOf(host: WorkbookHost): Promise<Record<string, string[]>> {
  const outline = await host.outline({ previewRows: 100 });
  return Object.fromEntries(outline.sheets.map((s) => [s.name, [...s.merges].sort()]));
}

async function stateOf(host: WorkbookHost): Promise<unknown> {
  return { port: await portState(host), merges: await mergesOf(host) };
}

describe.each(KINDS)("%s host", (kind) => {
  test("unmerging keeps each value in its top-left cell, leaves the other cells empty and lets the register become a table", async () => {
    const h = await hostFrom(kind, mergedRegister);
    await h.host.apply(plan(unmergeAndTabulate));
    expect(await mergesOf(h.host)).toEqual({ Risks: ["A1:D1"] });
    const grid = await h.host.read("Risks", "A3:D8");
    expect(grid.values.map((row) => row[0])).toEqual(["Risk category", "Functional", null, null, "Technical", null]);
    expect(grid.values[0]).toEqual(["Risk category", "Column2", "Description", "Owner"]);
    const outline = await h.host.outline();
    expect(outline.sheets[0]?.tables).toEqual([{ name: "RiskRegister", sheet: "Risks", address: "A3:D8", headers: ["Risk category", "Column2", "Description", "Owner"], showTotals: false }]);
  });

  test("undo merges the areas back and puts the workbook back as it was", async () => {
    const h = await hostFrom(kind, mergedRegister);
    const before = await stateOf(h.host);
    const result = await h.host.apply(plan(unmergeAndTabulate));
    expect(result.undo.inverse.edits.filter((e) => e.type === "mergeCells").map((e) => ("address" in e ? e.address : ""))).toEqual(["A7:A8", "A4:A6", "A3:B3"]);
    await h.host.apply(result.undo.inverse);
    expect(await stateOf(h.host)).toEqual(before);
  });

  test("undoing the undo unmerges again and gives the applied workbook back", async () => {
    const h = await hostFrom(kind, mergedRegister);
    const first = await h.host.apply(plan(unmergeAndTabulate));
    const applied = await stateOf(h.host);
    const undo = await h.host.apply(first.undo.inverse);
    expect(undo.undo.inverse.edits.filter((e) => e.type === "unmergeCells")).toHaveLength(3);
    await h.host.apply(undo.undo.inverse);
    expect(await stateOf(h.host)).toEqual(applied);
  });

  test.each([
    ["part of a merged area", "A4:A5", /A4:A5 is not one merged area: the merged cells there are A4:A6/],
    ["more than one merged area", "A4:A8", /the merged cells there are A4:A6, A7:A8/],
    ["cells that are not merged", "C4:C5", /C4:C5 is not merged \(C4 is a cell of its own\)/],
  ])("refuses to unmerge %s, naming the cells, and changes nothing", async (_what, address, message) => {
    const h = await hostFrom(kind, mergedRegister);
    const before = await stateOf(h.host);
    await expect(h.host.apply(plan([{ type: "setCells", sheet: "Risks", address: "D4", cells: [["changed"]] }, { type: "unmergeCells", sheet: "Risks", address }]))).rejects.toThrow(message);
    expect(await stateOf(h.host)).toEqual(before);
  });

  test("refuses a table over merged cells the plan leaves merged, naming them, and changes nothing", async () => {
    const h = await hostFrom(kind, mergedRegister);
    const before = await stateOf(h.host);
    const partly = unmergeAndTabulate.filter((e) => !(e.type === "unmergeCells" && e.address === "A7:A8"));
    await expect(h.host.apply(plan(partly))).rejects.toThrow(/A3:D8 holds merged cells A7:A8/);
    expect(await stateOf(h.host)).toEqual(before);
  });

  test("refuses to merge cells of a table or over a merged area", async () => {
    const h = await hostFrom(kind, mergedRegister);
    await h.host.apply(plan(unmergeAndTabulate));
    const before = await stateOf(h.host);
    await expect(h.host.apply(plan([{ type: "mergeCells", sheet: "Risks", address: "A4:A6" }]))).rejects.toThrow(/lies in table “RiskRegister”/);
    await expect(h.host.apply(plan([{ type: "mergeCells", sheet: "Risks", address: "A1:B2" }]))).rejects.toThrow(/overlaps merged cells A1:D1/);
    expect(await stateOf(h.host)).toEqual(before);
  });

  test("a merge keeps the top-left value; its undo splits the area and puts the other values back", async () => {
    const h = await hostFrom(kind, mergedRegister);
    const before = await stateOf(h.host);
    const result = await h.host.apply(plan([{ type: "mergeCells", sheet: "Risks", address: "C4:D5" }]));
    expect((await mergesOf(h.host)).Risks).toContain("C4:D5");
    expect((await h.host.read("Risks", "C4:D5")).values).toEqual([["Scope creep", null], [null, null]]);
    await h.host.apply(result.undo.inverse);
    expect(await stateOf(h.host)).toEqual(before);
  });
});

/** A long register whose owners are merged down far below the rows the outline previews. */
function longRegister(): WorkbookSeed {
  const rows: (string | number | null)[][] = [["ID", "Title", "Owner", "Probability", "Impact", "Status"]];
  for (let i = 1; i <= 150; i++) rows.push([`R-${i}`, `Risk number ${i}`, i === 122 || i === 123 ? null : `Owner ${i % 4}`, 1 + (i % 5), 1 + ((i * 3) % 5), "Open"]);
  return { sheets: [{ name: "Risks", rows, merges: ["C122:C124"] }] };
}

describe.each(KINDS)("the register job on the %s host", (kind) => {
  test("unmerges merged cells far below the outline's preview rows, then makes the table", async () => {
    const h = await hostFrom(kind, longRegister());
    const risk = builtInTemplate("risk") as Template;
    const a = await planTemplateApplication(h.host, risk);
    if (a.kind !== "existing") throw new Error(a.kind === "refused" ? a.problem.message : "expected the existing register");
    expect(a.plan.edits.filter((e) => e.type === "unmergeCells")).toEqual([{ type: "unmergeCells", sheet: "Risks", address: "C122:C124", label: "Owner 1" }]);
    await h.host.apply(a.plan);
    expect(await mergesOf(h.host)).toEqual({ Risks: [] });
    expect((await h.host.read("Risks", "C122:C124")).values).toEqual([["Owner 1"], [null], [null]]);
    const again = await planTemplateApplication(h.host, risk);
    expect(again.kind === "existing" && again.plan.edits).toEqual([]);
  });
});

describe("both hosts agree", () => {
  test("on the workbook after unmerging and making the table, and after undo", async () => {
    const states = [];
    for (const kind of KINDS) {
      const h = await hostFrom(kind, mergedRegister);
      const result = await h.host.apply(plan(unmergeAndTabulate));
      const applied = await stateOf(h.host);
      await h.host.apply(result.undo.inverse);
      // The hosts word the rest of an inverse differently (the Excel host always restores a new table's header row); the merges must match.
      const merges = result.undo.inverse.edits.filter((e) => e.type === "mergeCells");
      states.push({ applied, undone: await stateOf(h.host), merges });
    }
    expectAllAgree(states);
  });
});
