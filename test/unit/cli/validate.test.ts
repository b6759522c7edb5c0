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
  const owned = new ExcelJS.Workbook();
  const issues = owned.addWorksheet("Issues");
  issues.addRow(["Issue ID", "Title", "Description", "Owner", "Priority", "Status"]);
  issues.addRow(["I-1", "Server", "The server is slow", null, "High", "Open"]);
  issues.addRow(["I-2", "Supplier", "Supplier is late", null, "Low", "Open"]);
  issues.addRow(["I-3", "Budget", "Budget was cut", "Ann Cole", "High", "Open"]);
  await owned.xlsx.writeFile(path.join(dir, "owners.xlsx"));
  const rule = { id: "owner-for-high", field: "owner", check: "required", when: { field: "priority", equals: ["high"] }, severity: "error", message: "High-priority issues need an owner." };
  await writeFile(path.join(dir, "our-issues.json"), JSON.stringify({ extends: "issue", id: "our-issues", rules: [rule] }));
  await writeFile(path.join(dir, "bad-rules.json"), JSON.stringify({ extends: "issue", id: "bad", rules: [{ ...rule, field: "sponsor" }] }));
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

  test("--template adds a PMO's own rules from its template file", async () => {
    const plain = await runCaptured(["validate", "owners.xlsx", "--json"], { cwd: dir });
    expect(plain.code).toBe(0);
    const run = await runCaptured(["validate", "owners.xlsx", "--template", "our-issues.json", "--json"], { cwd: dir });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { findings: Record<string, string>[] };
    expect(doc.findings).toEqual([{ sheet: "Issues", cell: "D2", field: "owner", rule: "custom:owner-for-high", severity: "error", message: "High-priority issues need an owner." }]);
  });

  test("a rule about a column the template does not have is refused, naming it", async () => {
    const run = await runCaptured(["validate", "owners.xlsx", "--template", "bad-rules.json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules[0].field: "sponsor" is not a column of this template');
  });

  test("a file that is not a workbook is bad input (exit 2)", async () => {
    const run = await runCaptured(["validate", "notes.xlsx"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("notes.xlsx");
  });
});
