import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { runCaptured } from "./capture";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "pmo-heatmap-"));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.addRow(["Risk ID", "Title", "Probability", "Impact", "Residual Probability", "Residual Impact", "Status"]);
  ws.addRow(["R1", "Supplier late", "High", "High", "Medium", "High", "Open"]);
  ws.addRow(["R2", "Budget cut", "Low", "High", "Low", "Medium", "Open"]);
  ws.addRow(["R3", "Staff leave", "Medium", "Low", "Low", "Low", "Closed"]);
  ws.addRow(["=R4", "Looks like a formula", "High", "Medium", "High", "Low", "open"]);
  await wb.xlsx.writeFile(path.join(dir, "risks.xlsx"));
  const inherentOnly = new ExcelJS.Workbook();
  const sheet = inherentOnly.addWorksheet("Risks");
  sheet.addRow(["Risk ID", "Title", "Probability", "Impact", "Status"]);
  sheet.addRow(["R1", "Supplier late", 4, 5, "Open"]);
  sheet.addRow(["R2", "Budget cut", 2, 3, "Open"]);
  await inherentOnly.xlsx.writeFile(path.join(dir, "inherent-only.xlsx"));
  const none = new ExcelJS.Workbook();
  none.addWorksheet("Notes").addRow(["Just notes"]);
  await none.xlsx.writeFile(path.join(dir, "none.xlsx"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("pmo heatmap", () => {
  test("--json gives the contract's size and counts: rows high → low, columns low → high, open risks only", async () => {
    const run = await runCaptured(["heatmap", "risks.xlsx", "--out", "map.xlsx", "--json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { size: number[]; inherent: number[][]; residual: number[][] | null; output: string };
    expect(doc.size).toEqual([3, 3]);
    expect(doc.inherent).toEqual([
      [0, 1, 1],
      [0, 0, 0],
      [0, 0, 1],
    ]);
    expect(doc.residual).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    expect(path.basename(doc.output)).toBe("map.xlsx");
  });

  test("writes the map sheet and the snapshot; an ID that looks like a formula stays text", async () => {
    await runCaptured(["heatmap", "risks.xlsx", "--out", "map2.xlsx"], { cwd: dir });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path.join(dir, "map2.xlsx"))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Risks", "Heat Map", "Risk Snapshot"]);
    const map = wb.getWorksheet("Heat Map");
    expect(String(map?.getCell("A1").value)).toMatch(/^Risk heat map: Risks/);
    const b8 = map?.getCell("B8").value as { formula?: string } | null;
    expect(b8?.formula).toMatch(/^SUMPRODUCT\(/);
    const ids: unknown[] = [];
    map?.eachRow((row) => row.eachCell((c) => ids.push(c.value)));
    expect(ids).toContain("=R4");
    const snapshot = wb.getWorksheet("Risk Snapshot");
    expect(snapshot?.getRow(1).values).toEqual([undefined, "Register", "Risks", "Taken At", expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/)]);
    expect(snapshot?.getRow(2).values).toEqual([undefined, "Risk ID", "Open", "Inherent Score", "Residual Score"]);
    expect(snapshot?.getCell("A6").value).toBe("=R4");
  });

  test("drawing again in place replaces the map: no second sheet, and the movement since the first draw", async () => {
    await writeFile(path.join(dir, "again.xlsx"), await readFile(path.join(dir, "risks.xlsx")));
    expect((await runCaptured(["heatmap", "again.xlsx", "--in-place"], { cwd: dir })).code).toBe(0);
    const second = await runCaptured(["heatmap", "again.xlsx", "--in-place", "--json"], { cwd: dir });
    expect(second.code).toBe(0);
    const doc = JSON.parse(second.stdout) as { maps: { movement: { movement: string }[] | null }[] };
    expect(doc.maps[0].movement?.map((m) => m.movement)).toEqual(["same", "same", "same"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path.join(dir, "again.xlsx"))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Risks", "Heat Map", "Risk Snapshot"]);
  });

  test("--residual on a register without residual levels ranks on inherent scores and says so, instead of an empty top ten", async () => {
    const run = await runCaptured(["heatmap", "inherent-only.xlsx", "--out", "inherent-map.xlsx", "--residual"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/no residual probability and impact columns, so the ten highest and the movement are by inherent score/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path.join(dir, "inherent-map.xlsx"))) as unknown as ArrayBuffer);
    const texts: unknown[] = [];
    wb.getWorksheet("Heat Map")?.eachRow((row) => row.eachCell((c) => texts.push(c.value)));
    expect(texts).toContain("Ten highest open risks by inherent score");
    expect(texts).not.toContain("Ten highest open risks by residual score");
    expect(texts).toContain("Supplier late");
  });

  test("a workbook with no risk register: exit 2 and the reason, no file written", async () => {
    const run = await runCaptured(["heatmap", "none.xlsx", "--out", "none-map.xlsx"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/none\.xlsx: no risk register with probability and impact columns was found/);
  });

  test("needs --out or --in-place", async () => {
    const run = await runCaptured(["heatmap", "risks.xlsx"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out FILE/);
  });
});
