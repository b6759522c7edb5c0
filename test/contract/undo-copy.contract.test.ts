/**
 * Undo of a big overwrite in Excel: the old cells are copied to the host's
 * very hidden undo sheet (Range.copyFrom) instead of read, and copied back by
 * Undo or by the roll-back of a failed apply. Small overwrites keep the exact
 * read. The copyCells edit gives the same cells on every host.
 */
import type { Edit } from "../../src/core/plan/edits";
import type { Plan } from "../../src/core/plan/plan";
import { WorkbookError, type WorkbookHost } from "../../src/hosts/host";
import { PackageHost } from "../../src/hosts/xlsx/package-host";
import { UNDO_SHEET } from "../../src/hosts/excel/undo-sheet";
import { FakeExcel, type SheetDump } from "./fake-excel/fake-excel";
import { excelHostOver } from "./fake-excel/host-over-fake";
import { expectAllAgree, HOST_KINDS, hostFrom, xlsxBytes } from "./hosts-under-test";
import { portState } from "./port-state";
import type { SeedCell, WorkbookSeed } from "./workbook-seed";

const plan = (edits: Edit[]): Plan => ({ title: "test", edits });

/** `rows` rows of four columns (id, name, amount, a formula relative to its row) under a header, and a lookup sheet. */
function ledger(rows: number): WorkbookSeed {
  const lines: SeedCell[][] = [["ID", "Name", "Amount", "Double"]];
  for (let i = 1; i <= rows; i++) lines.push([`L-${i}`, `Item ${i % 17}`, i * 1.5, { formula: `=C${i + 1}*2+Rates!$A$1` }]);
  return {
    sheets: [
      { name: "Ledger", rows: lines, numberFormats: { [`C2:C${rows + 1}`]: "#,##0.00", A1: "@" } },
      { name: "Rates", rows: [[0.5]] },
    ],
  };
}

/** New cells over the whole ledger (text a date would be read from in row 1, so the text mark matters there). */
function overwrite(rows: number): Edit {
  const cells = [["2026-01-02 00:00 UTC", "Name", "Amount", "Double"], ...Array.from({ length: rows }, (_, i) => [`N-${i}`, "new", i, null])];
  return { type: "setCells", sheet: "Ledger", address: `A1:D${rows + 1}`, cells };
}

const sheetNamed = (fake: FakeExcel, name: string): SheetDump | undefined => fake.dump().find((s) => s.name === name);
const userSheets = (fake: FakeExcel) => fake.dump().filter((s) => s.name !== UNDO_SHEET);

describe("undo of a big overwrite in Excel (fake)", () => {
  it("copies the old cells server-side, then puts back values, formulas with relative references, number formats and styles exactly", async () => {
    const fake = FakeExcel.fromSeed(ledger(3_000));
    const host = excelHostOver(fake);
    await host.apply(plan([{ type: "setStyle", sheet: "Ledger", address: "A1:D1", style: { bold: true, fill: "#DDEEFF" } }]));
    const before = userSheets(fake);
    const stylesBefore = structuredClone(fake.state.sheets[0]?.rows.get(1)?.st);
    const from = fake.runs.length;
    const result = await host.apply(plan([overwrite(3_000), { type: "setStyle", sheet: "Ledger", address: "A1:D1", style: { bold: false, fill: null } }]));
    // No read of the 12,000 old cells: every response is small.
    const syncs = fake.runs.slice(from).flatMap((r) => r.syncs);
    expect(Math.max(...syncs.map((s) => s.responseBytes))).toBeLessThan(20_000);
    expect(result.undo.inverse.edits.find((e) => e.type === "copyCells")).toMatchObject({ type: "copyCells", sheet: "Ledger", address: "A1:D3001", fromSheet: UNDO_SHEET, fromAddress: "A1:D3001" });
    // The date-like text went in as text, and the Text-formatted header cell kept it without the text mark.
    expect(sheetNamed(fake, "Ledger")?.cells.A1).toEqual({ value: "2026-01-02 00:00 UTC", numberFormat: "@" });
    const undoSheet = sheetNamed(fake, UNDO_SHEET);
    expect(undoSheet?.visibility).toBe("VeryHidden");
    expect(undoSheet?.cells.D2).toEqual({ value: null, formula: "=C2*2+Rates!$A$1" });
    // The outline does not show the undo sheet to the jobs.
    expect((await host.outline()).sheets.map((s) => s.name)).toEqual(["Ledger", "Rates"]);

    await host.apply(result.undo.inverse);
    expect(userSheets(fake)).toEqual(before);
    expect(fake.state.sheets[0]?.rows.get(1)?.st).toEqual(stylesBefore);
    expect(fake.state.sheets[0]?.rows.get(3001)?.f[4]).toBe("=C3001*2+Rates!$A$1");
    // Once put back, the copies are not kept.
    expect(Object.keys(sheetNamed(fake, UNDO_SHEET)?.cells ?? {})).toEqual([]);
  });

  it("an overwrite of few cells still reads them exactly, with no undo sheet", async () => {
    const fake = FakeExcel.fromSeed(ledger(3_000));
    const host = excelHostOver(fake);
    const result = await host.apply(plan([{ type: "setCells", sheet: "Ledger", address: "A2:D1001", cells: Array.from({ length: 1_000 }, () => ["x", "y", 1, 2]) }]));
    expect(result.undo.inverse.edits.map((e) => e.type)).toEqual(["setCells"]);
    expect(sheetNamed(fake, UNDO_SHEET)).toBeUndefined();
    const before = FakeExcel.fromSeed(ledger(3_000)).dump();
    await host.apply(result.undo.inverse);
    expect(fake.dump()).toEqual(before);
  });

  it.each([
    ["a colour rule", { type: "replaceConditionalFormats", sheet: "Ledger", address: "C2:C3001", rules: [{ kind: "expression", formula: "=$C2>100", fill: "#FFC7CE" }] } as Edit],
    ["merged cells", { type: "mergeCells", sheet: "Ledger", address: "B10:B11" } as Edit],
  ])("where %s lies on a big overwrite the old cells are read (a paste back would add to it), and Undo puts them back", async (_, first) => {
    const fake = FakeExcel.fromSeed(ledger(3_000));
    const host = excelHostOver(fake);
    await host.apply(plan([first]));
    const before = fake.dump();
    const result = await host.apply(plan([overwrite(3_000)]));
    expect(result.undo.inverse.edits.map((e) => e.type)).not.toContain("copyCells");
    await host.apply(result.undo.inverse);
    expect(fake.dump()).toEqual(before);
  });

  it("a rule edit of the same plan over a big overwrite makes it read too", async () => {
    const fake = FakeExcel.fromSeed(ledger(3_000));
    const host = excelHostOver(fake);
    const result = await host.apply(plan([overwrite(3_000), { type: "replaceConditionalFormats", sheet: "Ledger", address: "C2:C3001", rules: [{ kind: "expression", formula: "=$C2>100", fill: "#FFC7CE" }] }]));
    expect(result.undo.inverse.edits.map((e) => e.type)).not.toContain("copyCells");
  });

  it("in a workbook whose structure is protected, a big overwrite reads the old cells rather than add the undo sheet, and applies", async () => {
    const fake = FakeExcel.fromSeed(ledger(3_000));
    fake.state.structureProtected = true;
    const host = excelHostOver(fake);
    const before = fake.dump();
    const result = await host.apply(plan([overwrite(3_000)]));
    expect(result.undo.inverse.edits.map((e) => e.type)).toEqual(["setCells"]);
    expect(sheetNamed(fake, UNDO_SHEET)).toBeUndefined();
    await host.apply(result.undo.inverse);
    expect(fake.dump()).toEqual(before);
  });

  it("without ExcelApi 1.9 the old cells are read, as before", async () => {
    const fake = FakeExcel.fromSeed(ledger(3_000));
    const host = excelHostOver(fake, { supportsRangeCopy: false });
    const result = await host.apply(plan([overwrite(3_000)]));
    expect(result.undo.inverse.edits.map((e) => e.type)).toEqual(["setCells"]);
    expect(sheetNamed(fake, UNDO_SHEET)).toBeUndefined();
  });

  it("an Undo whose copy a later big overwrite replaced is refused, and changes nothing", async () => {
    const fake = FakeExcel.fromSeed(ledger(3_000));
    const host = excelHostOver(fake);
    const first = await host.apply(plan([overwrite(3_000)]));
    const second = await host.apply(plan([{ type: "setCells", sheet: "Ledger", address: "A1:D3001", cells: Array.from({ length: 3_001 }, () => ["again", 1, 2, 3]) }]));
    const now = fake.dump();
    await expect(host.apply(first.undo.inverse)).rejects.toThrow(/has been replaced by a later change/);
    expect(fake.dump()).toEqual(now);
    // The later one's Undo still works, and leads back to the first overwrite.
    await host.apply(second.undo.inverse);
    const afterFirst = FakeExcel.fromSeed(ledger(3_000));
    await excelHostOver(afterFirst).apply(plan([overwrite(3_000)]));
    expect(userSheets(fake)).toEqual(userSheets(afterFirst));
  });

  it("after Ctrl+Z of the overwrite, which takes the copy back too, the pane's Undo is refused rather than applied twice", async () => {
    const fake = FakeExcel.fromSeed(ledger(3_000));
    const host = excelHostOver(fake);
    const result = await host.apply(plan([overwrite(3_000)]));
    fake.undo();
    const before = fake.dump();
    expect(userSheets(fake)).toEqual(userSheets(FakeExcel.fromSeed(ledger(3_000))));
    await expect(host.apply(result.undo.inverse)).rejects.toThrow(/taken back with Ctrl\+Z/);
    expect(fake.dump()).toEqual(before);
  });

  it("the copy goes out in the same batch as the writes, ahead of them", async () => {
    const fake = FakeExcel.fromSeed(ledger(3_000));
    const host = excelHostOver(fake);
    await host.outline();
    await host.apply(plan([{ type: "setCells", sheet: "Rates", address: "A1", cells: [[0.7]] }])); // the undo sheet is not there yet
    await host.apply(plan([overwrite(10)])); // small: read
    const from = fake.runs.length;
    await host.apply(plan([overwrite(3_000)]));
    const runs = fake.runs.slice(from);
    // A first big overwrite: the undo sheet made outside the undo group, then one run for the rest.
    expect(runs.map((r) => r.mergeUndoGroup)).toEqual([false, true]);
    const writes = runs[1]?.syncs ?? [];
    expect(writes).toHaveLength(1);
    expect(writes[0]?.requestBytes).toBeGreaterThan(3_000 * 20);
  });
});

describe("a big overwrite that fails partway in Excel (fake)", () => {
  it("is put back from the copy at a failure of every command of the writing run", async () => {
    const seed = ledger(3_000);
    const edits = [overwrite(3_000), { type: "setNumberFormat", sheet: "Ledger", address: "C2:C3001", format: "0" } as Edit, { type: "setCells", sheet: "Rates", address: "A1", cells: [[2]] } as Edit];
    /** The host after a first big overwrite (the ledger written again as it is), which made the undo sheet. */
    const withUndoSheet = async (fake: FakeExcel): Promise<WorkbookHost> => {
      const host = excelHostOver(fake);
      await host.outline();
      const again = (ledger(3_000).sheets[0]?.rows ?? []).map((row) => row.map((c) => (c !== null && typeof c === "object" && "formula" in c ? c : (c as string | number))));
      await host.apply(plan([{ type: "setCells", sheet: "Ledger", address: "A1:D3001", cells: again }]));
      return host;
    };
    const probe = FakeExcel.fromSeed(seed);
    const probeHost = await withUndoSheet(probe);
    const start = probe.runs.length;
    await probeHost.apply(plan(edits));
    // Read, checked and written in one run.
    expect(probe.runs.length - start).toBe(1);
    const commands = probe.runs[start]?.syncs.reduce((n, s) => n + s.commands, 0) ?? 0;
    let rolledBack = 0;
    for (let command = 1; command <= commands; command++) {
      const fake = FakeExcel.fromSeed(seed);
      const host = await withUndoSheet(fake);
      const before = userSheets(fake);
      fake.injectFailure = { run: fake.runs.length, command };
      const error = await host.apply(plan(edits)).then(() => null, (e: unknown) => e);
      expect({ command, error }).toEqual({ command, error: expect.any(WorkbookError) });
      if (/put back/.test((error as Error).message)) rolledBack++;
      expect({ command, sheets: userSheets(fake) }).toEqual({ command, sheets: before });
    }
    expect(rolledBack).toBeGreaterThan(0);
  });
});

describe("a first big overwrite, which makes the undo sheet, failing partway in Excel (fake)", () => {
  it("is put back at a failure of every command of either run, and the undo sheet is very hidden at the next apply", async () => {
    const seed = ledger(3_000);
    const probe = FakeExcel.fromSeed(seed);
    await excelHostOver(probe).apply(plan([overwrite(3_000)]));
    const perRun = probe.runs.map((r) => r.syncs.reduce((n, x) => n + x.commands, 0));
    expect(probe.runs.map((r) => r.mergeUndoGroup)).toEqual([false, true]);
    const before = userSheets(FakeExcel.fromSeed(seed));
    for (let run = 0; run < perRun.length; run++) {
      for (let command = 1; command <= (perRun[run] as number); command++) {
        const fake = FakeExcel.fromSeed(seed);
        fake.injectFailure = { run, command };
        const host = excelHostOver(fake);
        const error = await host.apply(plan([overwrite(3_000)])).then(() => null, (e: unknown) => e);
        expect({ run, command, error }).toEqual({ run, command, error: expect.any(WorkbookError) });
        expect({ run, command, sheets: userSheets(fake) }).toEqual({ run, command, sheets: before });
        const again = await host.apply(plan([overwrite(3_000)]));
        expect({ run, command, undoSheet: sheetNamed(fake, UNDO_SHEET)?.visibility }).toEqual({ run, command, undoSheet: "VeryHidden" });
        await host.apply(again.undo.inverse);
        expect({ run, command, undone: userSheets(fake) }).toEqual({ run, command, undone: before });
      }
    }
  });
});

describe("copyCells on every host", () => {
  /** A source block with text, numbers, formats, formulas relative and absolute, and a target block holding other cells. */
  const seed: WorkbookSeed = {
    sheets: [
      {
        name: "Src",
        rows: [
          ["Risk", "Score", "Double"],
          ["R-1", 4, { formula: "=B2*2" }],
          ["R-2", 5, { formula: "=B3*2+$B$2" }],
          ["R-3", null, { formula: "=SUM(B2:B4)" }],
        ],
        numberFormats: { "B2:B4": "0.0", C2: "0%" },
      },
      { name: "Dst", rows: [["old", 1, 2], [3, "x", { formula: "=A2+1" }], [null, null, null], ["y", 9, 9], ["z"]], numberFormats: { "A1:C5": "0.000" } },
    ],
  };
  const copies: Edit[] = [
    // Same address on another sheet: formulas unchanged.
    { type: "copyCells", sheet: "Dst", address: "A1:C4", fromSheet: "Src", fromAddress: "A1:C4" },
    // Moved down and right on the same sheet: relative references move with the cells.
    { type: "copyCells", sheet: "Src", address: "E6:G9", fromSheet: "Src", fromAddress: "A1:C4" },
  ];

  async function hosts(): Promise<{ kind: string; host: WorkbookHost }[]> {
    const out: { kind: string; host: WorkbookHost }[] = [];
    for (const kind of HOST_KINDS) out.push({ kind, host: (await hostFrom(kind, seed)).host });
    return out;
  }

  it("gives the same cells (values, formulas, number formats, looks), and its Undo the cells before", async () => {
    const states: unknown[] = [];
    const looks: unknown[] = [];
    const undone: unknown[] = [];
    const all = await hosts();
    all.push({ kind: "package", host: await PackageHost.open(await xlsxBytes(seed), "copy.xlsx") });
    for (const { host } of all) {
      await host.apply(plan([{ type: "setStyle", sheet: "Src", address: "A1:C1", style: { bold: true, fill: "#FFEE00" } }]));
      const before = await portState(host);
      const result = await host.apply(plan(copies));
      states.push(await portState(host));
      looks.push([await host.readLooks?.("Dst", "A1:C2"), await host.readLooks?.("Src", "E6:G7")]);
      await host.apply(result.undo.inverse);
      undone.push({ same: JSON.stringify(await portState(host)) === JSON.stringify(before) });
    }
    type Shown = { sheets: { name: string; values: unknown[][]; formulas: unknown[][]; numberFormats: string[][] }[] };
    const [first] = states as Shown[];
    const dst = first?.sheets.find((s) => s.name === "Dst");
    const src = first?.sheets.find((s) => s.name === "Src");
    expect(dst?.values.map((row) => row.slice(0, 2))).toEqual([["Risk", "Score"], ["R-1", 4], ["R-2", 5], ["R-3", null], ["z", null]]);
    expect(dst?.formulas.map((row) => row[2])).toEqual([null, "=B2*2", "=B3*2+$B$2", "=SUM(B2:B4)", null]);
    expect(dst?.numberFormats[1]).toEqual(["General", "0.0", "0%"]);
    // Below the copy, Dst keeps its own cells and formats.
    expect(dst?.numberFormats[4]).toEqual(["0.000", "0.000", "0.000"]);
    expect(src?.values[6]?.slice(4, 6)).toEqual(["R-1", 4]);
    expect(src?.formulas.slice(6, 9).map((row) => row[6])).toEqual(["=F7*2", "=F8*2+$B$2", "=SUM(F7:F9)"]);
    expect(looks[0]).toEqual(looks[looks.length - 1]);
    for (const l of looks) expect(l).toEqual(looks[0]);
    expect((looks[0] as { bold: boolean }[][][])[0]?.[0]?.[0]).toMatchObject({ bold: true });
    expectAllAgree(states.slice(0, HOST_KINDS.length));
    expect(states[HOST_KINDS.length]).toEqual(states[0]);
    expect(undone).toEqual(all.map(() => ({ same: true })));
  });

  it("is refused on every host when its check cell no longer holds the stamp, and nothing changes", async () => {
    for (const { kind, host } of await hosts()) {
      const before = await portState(host);
      const error = await host.apply(plan([{ type: "copyCells", sheet: "Dst", address: "A1:C4", fromSheet: "Src", fromAddress: "A1:C4", check: { address: "A1", text: "not this" } }])).then(() => null, (e: unknown) => e);
      expect({ kind, error }).toEqual({ kind, error: expect.any(WorkbookError) });
      expect({ kind, state: await portState(host) }).toEqual({ kind, state: before });
    }
  });
});
