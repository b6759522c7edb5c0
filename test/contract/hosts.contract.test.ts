/**
 * The host contract: the same plans through the Excel host (over the fake)
 * and the xlsx host give the same workbook as the port shows it, the same
 * validations and colour rules, the same refusals, and an inverse plan that
 * puts the workbook back.
 */
import type { Edit } from "../../src/core/plan/edits";
import type { Plan } from "../../src/core/plan/plan";
import { expectAllAgree, HOST_KINDS, hostFrom, type HostKind } from "./hosts-under-test";
import { measureRegisterApply } from "./fake-excel/measure";
import { portState } from "./port-state";
import type { WorkbookSeed } from "./workbook-seed";

const KINDS: HostKind[] = HOST_KINDS;

const plan = (edits: Edit[], title = "Contract plan"): Plan => ({ title, edits });

const messyRegister: WorkbookSeed = {
  sheets: [
    {
      name: "Risk Log",
      origin: "B1",
      rows: [
        ["Programme Alpha — risk log", null, null, null],
        ["Prepared by: PMO office", null, null, null],
        [null, null, null, null],
        ["ID", "Risk description", "Likelihood", "Impact"],
        ["R-01", "Vendor insolvency", 3, 4],
        ["R-02", "Key staff leave", 2, 5],
        ["R-03", "=looks like a formula", 4, 2],
      ],
      merges: ["B1:E1"],
      numberFormats: { "D5:E7": "0" },
    },
    { name: "Notes", rows: [["free text"], [42]] },
  ],
};

const everyEdit: Edit[] = [
  { type: "addSheet", sheet: "Lists", hidden: "visible" },
  { type: "setCells", sheet: "Lists", address: "A1:A4", cells: [["Status"], ["Open"], ["Monitoring"], ["Closed"]] },
  { type: "createTable", sheet: "Risk Log", address: "B4:E7", name: "RiskLog", style: "TableStyleMedium2" },
  {
    type: "addTableColumns",
    sheet: "Risk Log",
    table: "RiskLog",
    columns: [
      { header: "Owner", values: ["Ana", "=Bob", null] },
      { header: "Score", formula: "=[@Likelihood]*[@Impact]" },
      { header: "Proximity" },
    ],
  },
  { type: "fillFormula", sheet: "Notes", address: "C1:C2", formula: "=A1&\"!\"" },
  { type: "setNumberFormat", sheet: "Risk Log", address: "D5:D7", format: "0.0" },
  { type: "setNumberFormat", sheet: "Notes", address: "A1:A2", format: [["@"], ["0%"]] },
  { type: "setStyle", sheet: "Risk Log", address: "B4:H4", style: { bold: true, fill: "#DDEBF7" } },
  { type: "setColumnWidths", sheet: "Risk Log", widths: [{ column: "C", width: 40 }] },
  { type: "setDataValidation", sheet: "Risk Log", address: "D5:D7", validation: { rule: { kind: "list", values: ["1", "2", "3", "4", "5"] }, allowBlank: true } },
  {
    type: "replaceConditionalFormats",
    sheet: "Risk Log",
    address: "G5:G7",
    rules: [{ kind: "expression", formula: "=$G5>=12", fill: "#FFC7CE" }],
  },
  { type: "setMetadata", key: "registers", value: [{ sheet: "Risk Log", table: "RiskLog", kind: "risk", templateId: "risk", templateVersion: "1", headerRow: 4, mapping: { id: "ID" }, confirmed: true }] },
];

describe.each(KINDS)("%s host", (kind) => {
  test("refuses an invalid plan and writes nothing", async () => {
    const h = await hostFrom(kind, messyRegister);
    const before = await portState(h.host);
    const bad = { title: "bad", edits: [{ type: "setCells", sheet: "Risk Log", address: "B5", cells: [[{ formula: "no equals" }]] }] };
    await expect(h.host.apply(bad as unknown as Plan)).rejects.toThrow();
    const unfit = plan([
      { type: "setCells", sheet: "Risk Log", address: "B5", cells: [["changed"]] },
      { type: "setCells", sheet: "No such sheet", address: "A1", cells: [["x"]] },
    ]);
    await expect(h.host.apply(unfit)).rejects.toThrow(/No such sheet/);
    expect(await portState(h.host)).toEqual(before);
  });

  test("undo: applying the inverse plan gives back the workbook as it was", async () => {
    const h = await hostFrom(kind, messyRegister);
    const before = await portState(h.host);
    const result = await h.host.apply(plan(everyEdit));
    expect(result.editsApplied).toBe(everyEdit.length);
    expect(await portState(h.host)).not.toEqual(before);
    await h.host.apply(result.undo.inverse);
    expect(await portState(h.host)).toEqual(before);
    expect(h.validations()).toEqual([]);
    expect(h.conditionalFormats()).toEqual([]);
  });

  test("undoing the undo (table removal, column removal, sheet deletion, resize) gives the applied workbook back", async () => {
    const h = await hostFrom(kind, messyRegister);
    const first = await h.host.apply(plan([...everyEdit, { type: "resizeTable", sheet: "Risk Log", table: "RiskLog", address: "B4:H6" }]));
    const applied = await portState(h.host, { rankPositions: true });
    const undo = await h.host.apply(first.undo.inverse);
    expect(undo.undo.inverse.edits.map((e) => e.type)).toEqual(expect.arrayContaining(["addSheet", "createTable", "addTableColumns", "resizeTable"]));
    await h.host.apply(undo.undo.inverse);
    expect(await portState(h.host, { rankPositions: true })).toEqual(applied);
  });

  test("re-applying validation and colour rules replaces them, never stacks", async () => {
    const h = await hostFrom(kind, messyRegister);
    const p = plan(everyEdit.filter((e) => e.type === "setDataValidation" || e.type === "replaceConditionalFormats"));
    await h.host.apply(p);
    const once = { v: h.validations(), c: h.conditionalFormats() };
    await h.host.apply(p);
    expect({ v: h.validations(), c: h.conditionalFormats() }).toEqual(once);
    expect(once.v).toHaveLength(1);
    expect(once.c).toHaveLength(1);
  });
});

describe("both hosts agree", () => {
  async function both(seed: WorkbookSeed, p: Plan) {
    const states = [];
    for (const kind of KINDS) {
      const h = await hostFrom(kind, seed);
      await h.host.apply(p);
      states.push({ port: await portState(h.host), validations: h.validations(), conditionalFormats: h.conditionalFormats() });
    }
    return states;
  }

  test("every edit type on a messy register (title rows, header in column B, merged title)", async () => {
    expectAllAgree(await both(messyRegister, plan(everyEdit)));
  });

  test.each(everyEdit.map((e, i) => [e.type, i] as const))("edit %s alone (with what it needs before it)", async (_type, i) => {
    const needs = everyEdit.slice(0, i).filter((e) => e.type === "addSheet" || e.type === "createTable");
    expectAllAgree(await both(messyRegister, plan([...needs, everyEdit[i] as Edit])));
  });

  test("text that looks like a formula, number, date or boolean stays text", async () => {
    const texts = ["=HYPERLINK(\"http://x\")", "+1 555 0100", "-12", "@user", "007", "1/2/2024", "FALSE", "#REF!", "'apostrophe"];
    const p = plan([{ type: "setCells", sheet: "Notes", address: "A1:I1", cells: [texts] }]);
    const states = await both(messyRegister, p);
    expectAllAgree(states);
    const [excel] = states;
    const sheets = (excel?.port as { sheets: { name: string; values: unknown[][]; formulas: unknown[][] }[] }).sheets;
    const notes = sheets.find((s) => s.name === "Notes");
    expect(notes?.values[0]).toEqual(texts);
    expect(notes?.formulas[0]).toEqual(texts.map(() => null));
  });
});

describe("Excel host at scale (fake Excel)", () => {
  test("syncs grow only by whole chunks from 10 to 100,000 rows, and no sync carries 5 MB", async () => {
    const small = await measureRegisterApply(10);
    const medium = await measureRegisterApply(1_000);
    const large = await measureRegisterApply(100_000);
    expect(medium.syncs).toBe(small.syncs);
    // 100,000 rows × 15 columns is about 25 MB of cell data: a handful of 4 MB blocks, not thousands of round trips.
    expect(large.syncs - small.syncs).toBeGreaterThan(0);
    expect(large.syncs - small.syncs).toBeLessThanOrEqual(8);
    for (const m of [small, medium, large]) expect(m.maxPayloadBytes).toBeLessThan(5 * 1024 * 1024);
  });
});
