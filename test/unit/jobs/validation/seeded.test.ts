import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { validateWorkbook } from "../../../../src/jobs/validation/validate";
import { CHECK_DAY, seededWorkbook } from "./seeded-registers";

describe.each([1, 2, 3])("a generated workbook with seeded errors (seed %i)", (seed) => {
  let result: Awaited<ReturnType<typeof run>>;
  async function run() {
    const wb = await seededWorkbook(seed, 80, 3);
    const host = await XlsxHost.open(wb.bytes, `seeded-${seed}.xlsx`);
    const report = await validateWorkbook(host, { today: CHECK_DAY });
    return { wb, report };
  }
  beforeAll(async () => {
    result = await run();
  });

  test("every register is found and checked", () => {
    expect(result.report.registers.map((r) => [r.sheet, r.kind, r.skipped ?? null])).toEqual([
      ["Risks", "risk", null],
      ["Milestones", "milestone", null],
      ["Budget", "budget", null],
    ]);
  });

  test("every seeded error is found at its cell by its rule (recall 1)", () => {
    const found = new Set(result.report.findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`));
    const missed = result.wb.seeded.filter((s) => !found.has(`${s.sheet}!${s.cell} ${s.rule}`));
    expect(missed).toEqual([]);
    expect(result.wb.seeded.length).toBeGreaterThan(40);
  });

  test("nothing is raised that was not seeded (precision 1)", () => {
    const seeded = new Set(result.wb.seeded.map((s) => `${s.sheet}!${s.cell} ${s.rule}`));
    const extra = result.report.findings.filter((f) => !seeded.has(`${f.sheet}!${f.cell} ${f.rule}`)).map((f) => `${f.sheet}!${f.cell} ${f.rule}: ${f.message}`);
    expect(extra).toEqual([]);
  });

  test("clean rows raise nothing", () => {
    const onClean = result.report.findings.filter((f) => result.wb.cleanRows.get(f.sheet)?.includes(f.row));
    expect(onClean).toEqual([]);
    expect([...result.wb.cleanRows.values()].flat().length).toBeGreaterThan(100);
  });
});
