import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { linkFormula, type ProjectSummary } from "../../../../src/core/rollup";
import { summariseHost } from "../../../../src/jobs/rollup/read-projects";
import { planRollup, type RollupInput } from "../../../../src/jobs/rollup/plan-rollup";
import { projectWorkbook } from "../../../rollup-fixtures/project-workbook";

const today = new Date(2025, 5, 15);

async function summaries(n: number): Promise<ProjectSummary[]> {
  const out: ProjectSummary[] = [];
  for (let i = 0; i < n; i++) {
    const { bytes } = await projectWorkbook(i, { risks: 5, budgetLines: 3 });
    out.push(...(await summariseHost(await XlsxHost.open(bytes, `p${i}.xlsx`), `p${i}.xlsx`, { today })));
  }
  return out;
}

function input(list: ProjectSummary[]): RollupInput {
  return { projects: list.map((s) => ({ summary: s, link: { kind: "file", path: s.file, label: s.file } })), failed: [{ file: "bad.xlsx", reason: "damaged" }], now: new Date(2025, 5, 15, 9, 0) };
}

async function rowsOf(host: XlsxHost, sheet: string): Promise<{ values: unknown[][]; formulas: (string | null)[][] }> {
  const o = await host.outline({ previewRows: 0 });
  const used = o.sheets.find((s) => s.name === sheet)?.usedRange as string;
  const g = await host.read(sheet, `A1:${used.split(":")[1]}`);
  return { values: g.values, formulas: g.formulas };
}

describe("the Portfolio sheet", () => {
  let projects: ProjectSummary[];
  beforeAll(async () => {
    projects = await summaries(4);
  });

  it("groups projects by portfolio and programme, with subtotal and total formulas", async () => {
    const host = XlsxHost.create("portfolio.xlsx");
    const result = await planRollup(host, input(projects));
    await host.apply(result.plan);
    const { values, formulas } = await rowsOf(host, result.sheet);
    const labels = values.map((r) => r[0]);
    expect(labels).toContain("Portfolio: Portfolio East");
    expect(labels).toContain("Programme: Programme 2");
    expect(labels).toContain("Subtotal portfolio Portfolio West");
    expect(labels).toContain("Not rolled up");
    expect(labels).toContain("bad.xlsx");
    const total = result.totalRow - 1;
    expect(values[total][0]).toBe("Total");
    expect(formulas[total][7]).toMatch(/^=SUBTOTAL\(9,H5:H\d+\)$/);
    expect(result.rows).toHaveLength(4);
  });

  it("gives the Refreshed date and time a column wide enough for Excel to show it (not ####)", async () => {
    const result = await planRollup(XlsxHost.create("portfolio.xlsx"), input(projects));
    const cells = result.plan.edits.find((e) => e.type === "setCells" && e.sheet === result.sheet);
    const widths = result.plan.edits.find((e) => e.type === "setColumnWidths");
    if (cells?.type !== "setCells" || widths?.type !== "setColumnWidths") throw new Error("the plan writes no cells or no widths");
    const refreshedRow = cells.cells.findIndex((r) => r[0] === "Refreshed");
    expect(typeof cells.cells[refreshedRow][1]).toBe("number");
    // "2025-06-15 09:00": 16 characters of Calibri 11 need a width of about 16.
    expect(widths.widths.find((w) => w.column === "B")?.width).toBeGreaterThanOrEqual(16.5);
  });

  it("refreshes in place: one sheet, one set of colour rules, notes kept against their project", async () => {
    const host = XlsxHost.create("portfolio.xlsx");
    const first = await planRollup(host, input(projects));
    await host.apply(first.plan);
    const width = first.columns.length;
    const row = first.rows.find((r) => r.key === "P0002")?.row as number;
    // The PMO types a header and a note beside project P0002.
    const { columnLetter } = await import("../../../../src/core/grid/address");
    const letter = columnLetter(width + 1);
    await host.apply({ title: "typed", edits: [{ type: "setCells", sheet: first.sheet, address: `${letter}4:${letter}${row}`, cells: [["PMO note"], ...Array.from({ length: row - 5 }, () => [null]), ["chase finance"]] }] });
    // Next month one project has gone: every row below it moves up.
    const second = await planRollup(host, input(projects.filter((p) => p.key !== "P0000")));
    await host.apply(second.plan);
    const o = await host.outline({ previewRows: 0 });
    expect(o.sheets.filter((s) => s.name.startsWith("Portfolio rollup"))).toHaveLength(1);
    const { values } = await rowsOf(host, second.sheet);
    const newRow = second.rows.find((r) => r.key === "P0002")?.row as number;
    expect(values[3][width]).toBe("PMO note");
    expect(values[newRow - 1][width]).toBe("chase finance");
    expect(values[newRow - 1][1]).toBe("P0002");
    const rules = await host.readRules(second.sheet, [`E5:E${second.totalRow}`]);
    expect(rules[0].conditionalFormats.map((c) => c.rules.length)).toEqual([4]);
    // A third run with nothing new changes no cell.
    const third = await planRollup(host, input(projects.filter((p) => p.key !== "P0000")));
    const before = await rowsOf(host, second.sheet);
    await host.apply(third.plan);
    expect((await rowsOf(host, second.sheet)).values).toEqual(before.values);
  });

  it("keeps the note of a project that left the rollup", async () => {
    const host = XlsxHost.create("portfolio.xlsx");
    const first = await planRollup(host, input(projects));
    await host.apply(first.plan);
    const { columnLetter } = await import("../../../../src/core/grid/address");
    const letter = columnLetter(first.columns.length + 1);
    const row = first.rows.find((r) => r.key === "P0000")?.row as number;
    await host.apply({ title: "typed", edits: [{ type: "setCells", sheet: first.sheet, address: `${letter}${row}`, cells: [["closing in July"]] }] });
    const second = await planRollup(host, input(projects.filter((p) => p.key !== "P0000")));
    await host.apply(second.plan);
    const { values } = await rowsOf(host, second.sheet);
    const kept = values.find((r) => r[first.columns.length] === "closing in July");
    expect(kept?.[1]).toBe("P0000");
  });

  it("moves rows the PMO typed below the rollup down with it when it grows", async () => {
    const host = XlsxHost.create("portfolio.xlsx");
    const first = await planRollup(host, input(projects.slice(0, 2)));
    await host.apply(first.plan);
    const { values } = await rowsOf(host, first.sheet);
    const below = values.length + 2;
    await host.apply({ title: "typed", edits: [{ type: "setCells", sheet: first.sheet, address: `A${below}:B${below}`, cells: [["Board date", "2025-07-01"]] }] });
    const second = await planRollup(host, input(projects));
    await host.apply(second.plan);
    const after = (await rowsOf(host, second.sheet)).values;
    const at = after.findIndex((r) => r[0] === "Board date");
    expect(at).toBeGreaterThan(second.totalRow);
    expect(after[at][1]).toBe("2025-07-01");
    expect(after.filter((r) => r[0] === "Board date")).toHaveLength(1);
  });

  it("writes links whose outside text can never become a formula", () => {
    const f = linkFormula({ kind: "file", path: 'x".xlsx"),CMD("calc', label: '=HYPERLINK("evil")' });
    // The label is the cell's cached result: text, shown as typed, never a formula of its own.
    expect(f).toEqual({ formula: '=HYPERLINK("x"".xlsx""),CMD(""calc","=HYPERLINK(""evil"")")', result: '=HYPERLINK("evil")' });
    expect(linkFormula({ kind: "sheet", sheet: "NDU Risks" })).toEqual({ formula: `=HYPERLINK("#'NDU Risks'!A1","NDU Risks")`, result: "NDU Risks" });
  });
});
