/**
 * Validation and its safe fixes through both hosts: the same findings read
 * from Excel (over the fake, as Windows, Mac and the web play it) and from a
 * file; "fix the safe ones" applied as one plan leaves only the findings that
 * had no safe fix, and its inverse gives every finding back. Plus the syncs
 * validation costs in Excel as a register grows.
 */
import { validateWorkbook } from "../../src/jobs/validation/validate";
import { isFixable, safeFixPlan } from "../../src/jobs/validation/fixes";
import { HIGHLIGHT_FILLS, highlightPlan } from "../../src/jobs/validation/highlight";
import type { Finding } from "../../src/core/validate";
import { CHECK_DAY, seededWorkbook } from "../unit/jobs/validation/seeded-registers";
import { FakeExcel } from "./fake-excel/fake-excel";
import { excelHostOver } from "./fake-excel/host-over-fake";
import { expectAllAgree, HOST_KINDS, hostFrom } from "./hosts-under-test";
import { scaledRiskRegister, seedFromXlsx } from "./register-seeds";

function keys(findings: Finding[]): string[] {
  return findings.map((f) => `${f.sheet}!${f.cell} ${f.rule} ${f.severity}: ${f.message}`);
}

describe("validation and its safe fixes on every host", () => {
  const states: { before: string[]; fixable: number; after: string[]; undone: string[]; fixedValues: unknown[] }[] = [];

  beforeAll(async () => {
    const wb = await seededWorkbook(11, 24, 4);
    const seed = await seedFromXlsx(wb.bytes);
    for (const kind of HOST_KINDS) {
      const { host } = await hostFrom(kind, seed);
      const before = await validateWorkbook(host, { today: CHECK_DAY });
      const fixPlan = safeFixPlan(before.findings);
      const result = await host.apply(fixPlan);
      const after = await validateWorkbook(host, { today: CHECK_DAY });
      const fixed = before.findings.filter(isFixable);
      const fixedValues = await Promise.all(fixed.map(async (f) => (await host.read(f.sheet, f.cell)).values[0][0]));
      await host.apply(result.undo.inverse);
      const undone = await validateWorkbook(host, { today: CHECK_DAY });
      states.push({ before: keys(before.findings), fixable: fixed.length, after: keys(after.findings), undone: keys(undone.findings), fixedValues });
    }
  });

  test("every host finds the same things", () => {
    expectAllAgree(states.map((s) => s.before));
    expect(states[0].fixable).toBeGreaterThan(5);
  });

  test("after the fixes only the findings without a safe fix remain, and each fixed cell holds what its text said", () => {
    for (const s of states) {
      expect(s.after.length).toBe(s.before.length - s.fixable);
      expect(s.fixedValues.every((v) => typeof v === "number" || ["Open", "In progress", "Not started", "Done"].includes(v as string))).toBe(true);
    }
    expectAllAgree(states.map((s) => s.after));
  });

  test("the inverse plan gives every finding back", () => {
    for (const s of states) expect(s.undone).toEqual(s.before);
  });
});

describe("highlighting invalid cells on every host", () => {
  test("fills each finding's cell and is removed cleanly, a cell's own fill included", async () => {
    const wb = await seededWorkbook(5, 12, 4);
    const seed = await seedFromXlsx(wb.bytes);
    for (const kind of HOST_KINDS) {
      const { host } = await hostFrom(kind, seed);
      const report = await validateWorkbook(host, { today: CHECK_DAY });
      const target = report.findings[0];
      // The user's own fill on the first finding's cell must come back.
      await host.apply({ title: "user fill", edits: [{ type: "setStyle", sheet: target.sheet, address: target.cell, style: { fill: "#00B050" } }] });
      const looks = async () => Promise.all(report.findings.map(async (f) => (await host.readLooks?.(f.sheet, f.cell))?.[0]?.[0]?.fill ?? null));
      const before = await looks();
      const result = await host.apply(highlightPlan(report.findings));
      const during = await looks();
      expect(during.every((fill) => fill === HIGHLIGHT_FILLS.error || fill === HIGHLIGHT_FILLS.warning)).toBe(true);
      await host.apply(result.undo.inverse);
      const after = await looks();
      expect({ kind, after }).toEqual({ kind, after: before });
      expect(before[0]).toBe("#00B050");
    }
  });
});

describe("validation's syncs in Excel", () => {
  async function syncs(rows: number): Promise<number> {
    const fake = FakeExcel.fromSeed(scaledRiskRegister(rows));
    const host = excelHostOver(fake);
    await validateWorkbook(host, { today: CHECK_DAY });
    return fake.runs.reduce((n, r) => n + r.syncs.length, 0);
  }

  test("do not grow with rows except by whole read chunks", async () => {
    const small = await syncs(1_000);
    const large = await syncs(10_000);
    expect(small).toBeLessThanOrEqual(10);
    // A 10k-row register is read in a few more row blocks, never a sync per row.
    expect(large - small).toBeLessThanOrEqual(6);
  });
});

describe("choosing a finding in Excel", () => {
  test("activates its sheet and selects its cell in one sync", async () => {
    const fake = FakeExcel.fromSeed({ sheets: [{ name: "Notes", rows: [["x"]] }, { name: "Risk Log", rows: [["ID"], ["R-1"]] }] });
    const host = excelHostOver(fake);
    const before = fake.runs.length;
    await host.selectCell?.("Risk Log", "A2");
    expect(fake.runs.slice(before).reduce((n, r) => n + r.syncs.length, 0)).toBe(1);
    const sheet = fake.state.sheets.find((s) => s.name === "Risk Log");
    expect(fake.state.activeSheetId).toBe(sheet?.id);
    expect(fake.state.selection).toEqual({ sheetId: sheet?.id, address: "A2" });
  });
});
