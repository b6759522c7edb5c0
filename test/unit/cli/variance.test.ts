import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { runCaptured } from "./capture";
import { blockTracker, evmPeriodRows } from "../jobs/finance/generated-trackers";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "pmo-variance-"));
  await writeFile(path.join(dir, "blocks.xlsx"), (await blockTracker(5)).bytes);
  await writeFile(path.join(dir, "evm.xlsx"), (await evmPeriodRows(2)).bytes);
  const plain = new ExcelJS.Workbook();
  plain.addWorksheet("Issues").addRows([["ID", "Title", "Status"], ["I-1", "Server", "Open"]]);
  await plain.xlsx.writeFile(path.join(dir, "issues.xlsx"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("pmo variance", () => {
  test("--json prints the projects with the contract's keys (null where a measure has no value) and writes the summary sheet", async () => {
    const run = await runCaptured(["variance", "evm.xlsx", "--out", "out.xlsx", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { projects: Record<string, unknown>[] };
    expect(doc.projects).toHaveLength(1);
    for (const key of ["project", "bac", "pv", "ev", "ac", "cv", "sv", "cpi", "spi", "eac", "etc", "vac", "tcpi"]) expect(doc.projects[0]).toHaveProperty(key);
    expect(typeof doc.projects[0].cpi).toBe("number");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path.join(dir, "out.xlsx"))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain("PMO Finance");
  });

  test("text output names the subtotal rows it left out; a budget tracker's project has a RAG", async () => {
    const run = await runCaptured(["variance", "blocks.xlsx", "--out", "blocks-out.xlsx"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/subtotal or total row\(s\) \([\d, ]+\) left out of the sums/);
    expect(run.stdout).toMatch(/\b(Red|Amber|Green)\b/);
  });

  test("a workbook with no budget tracker is bad input (exit 2), and --out and --in-place are required", async () => {
    const none = await runCaptured(["variance", "issues.xlsx", "--out", "x.xlsx"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no budget tracker or earned value sheet/);
    const usage = await runCaptured(["variance", "evm.xlsx"], { cwd: dir });
    expect(usage.code).toBe(2);
  });
});
