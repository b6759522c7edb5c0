import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { runCaptured } from "./capture";
import { seededWorkbook } from "../jobs/validation/seeded-registers";

let dir: string;
let seededCount: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "pmo-validate-"));
  const wb = await seededWorkbook(7, 30, 4);
  seededCount = wb.seeded.length;
  await writeFile(path.join(dir, "seeded.xlsx"), wb.bytes);
  const clean = new ExcelJS.Workbook();
  const ws = clean.addWorksheet("Issues");
  ws.addRow(["ID", "Title", "Description", "Priority", "Status"]);
  ws.addRow(["I-1", "Server", "The server is slow", "High", "Open"]);
  ws.addRow(["I-2", "Supplier", "Supplier late", "Low", "In progress"]);
  await clean.xlsx.writeFile(path.join(dir, "clean.xlsx"));
  await writeFile(path.join(dir, "notes.xlsx"), "just text");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("pmo validate", () => {
  test("exits 1 when there are errors and prints a summary by rule and severity, then each finding", async () => {
    const run = await runCaptured(["validate", "seeded.xlsx"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^seeded\.xlsx: 3 registers checked, \d+ errors, \d+ warnings/);
    expect(run.stdout).toMatch(/Rule\s+Errors\s+Warnings\s+Info/);
    expect(run.stdout).toMatch(/closed-date\s+\d+\s+0\s+0/);
    expect(run.stdout).toContain("Risks!A");
  });

  test("--json gives the contract's findings, one per seeded error", async () => {
    const run = await runCaptured(["validate", "seeded.xlsx", "--json", "--as-of", "2026-06-30"], { cwd: dir });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { findings: Record<string, string>[] };
    expect(doc.findings).toHaveLength(seededCount);
    for (const f of doc.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(["sheet", "cell", "field", "rule", "severity", "message"]));
    expect(doc.findings.find((f) => f.rule === "unique")).toMatchObject({ sheet: "Risks", field: "id", severity: "error" });
  });

  test("--sheet checks one sheet only", async () => {
    const run = await runCaptured(["validate", "seeded.xlsx", "--sheet", "budget", "--json"], { cwd: dir });
    const doc = JSON.parse(run.stdout) as { findings: { sheet: string }[] };
    expect(new Set(doc.findings.map((f) => f.sheet))).toEqual(new Set(["Budget"]));
  });

  test("--as-of must be a real day", async () => {
    const run = await runCaptured(["validate", "clean.xlsx", "--as-of", "2026-02-30"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--as-of takes a real day");
  });

  test("exits 0 on a workbook without errors", async () => {
    const run = await runCaptured(["validate", "clean.xlsx"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("clean.xlsx: 1 register checked, 0 errors, 0 warnings");
  });

  test("a sheet that is not there is bad input (exit 2) naming the sheets there are", async () => {
    const run = await runCaptured(["validate", "clean.xlsx", "--sheet", "Risks"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has no sheet “Risks”; its sheets are “Issues”");
  });

  test("a file that is not a workbook is bad input (exit 2)", async () => {
    const run = await runCaptured(["validate", "notes.xlsx"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("notes.xlsx");
  });
});
