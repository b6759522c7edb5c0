import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { XlsxHost } from "../../../src/hosts/xlsx/xlsx-host";
import { projectWorkbook, unreadableFiles } from "../../rollup-fixtures/project-workbook";
import { runCaptured } from "./capture";

describe("pmo rollup over a folder", () => {
  let dir: string;
  const truths: Awaited<ReturnType<typeof projectWorkbook>>["truth"][] = [];
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "rollup-"));
    await fs.mkdir(path.join(dir, "in", "east", "deep"), { recursive: true });
    for (let i = 0; i < 3; i++) {
      const p = await projectWorkbook(i, { risks: 4, budgetLines: 3 });
      truths.push(p.truth);
      await fs.writeFile(path.join(dir, "in", i === 2 ? "east/deep" : "", `project ${i}.xlsx`), p.bytes);
    }
    for (const [name, content] of Object.entries(await unreadableFiles())) await fs.writeFile(path.join(dir, "in", "east", name), content);
  });
  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

  it("rolls up every readable workbook in two worker threads and lists every other file with its reason", async () => {
    const run = await runCaptured(["rollup", "in", "--out", "portfolio.xlsx", "--json", "--threads", "2", "--as-of", "2025-06-15"], { cwd: dir });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.projects.map((p: { key: string }) => p.key).sort()).toEqual(truths.map((t) => t.code));
    expect(doc.totals.budget).toBe(truths.reduce((n, t) => n + t.budget, 0));
    const reasons = Object.fromEntries(doc.failed.map((f: { file: string; reason: string }) => [path.basename(f.file), f.reason]));
    expect(Object.keys(reasons).sort()).toEqual(["broken.xlsx", "empty.xlsx", "locked.xlsx", "minutes.docx", "old format.xls", "renamed.xlsx", "~$Project A.xlsx"]);
    expect(reasons["locked.xlsx"]).toMatch(/password/);
    expect(reasons["old format.xls"]).toMatch(/97-2003/);
    expect(reasons["empty.xlsx"]).toMatch(/empty/);
    expect(reasons["~$Project A.xlsx"]).toMatch(/lock file/);
    expect(reasons["minutes.docx"]).toMatch(/not a workbook/);
    for (const f of doc.failed) expect(run.stderr).toContain(f.file);
    // The sheet lists them too.
    const host = await XlsxHost.open(await fs.readFile(path.join(dir, "portfolio.xlsx")), "portfolio.xlsx");
    const o = await host.outline({ previewRows: 60 });
    const sheet = o.sheets.find((s) => s.name === doc.sheet);
    const column = sheet?.preview?.values.map((r) => r[0]) ?? [];
    expect(column).toContain("Not rolled up");
    for (const f of doc.failed) expect(column).toContain(f.file);
  });

  it("refreshes the same output in place on a second run", async () => {
    const run = await runCaptured(["rollup", "in", "--out", "portfolio.xlsx", "--as-of", "2025-06-15", "--threads", "1"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Refreshed portfolio\.xlsx/);
    const host = await XlsxHost.open(await fs.readFile(path.join(dir, "portfolio.xlsx")), "portfolio.xlsx");
    expect((await host.outline()).sheets.map((s) => s.name)).toEqual(["Portfolio rollup"]);
  });

  it("refuses an --out in a folder that is not there before it reads a file", async () => {
    const run = await runCaptured(["rollup", "in", "--out", "missing/portfolio.xlsx", "--threads", "1"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the folder ${path.join(dir, "missing")} does not exist`);
    // Not one file was read: none is reported as not rolled up.
    expect(run.stderr).not.toContain("not rolled up");
    await expect(fs.access(path.join(dir, "missing"))).rejects.toThrow();
  });

  it("refuses, writing nothing, when no project can be rolled up", async () => {
    const run = await runCaptured(["rollup", "in/east/minutes.docx", "--out", "none.xlsx"], { cwd: dir });
    expect(run.code).toBe(2);
    await expect(fs.access(path.join(dir, "none.xlsx"))).rejects.toThrow();
  });
});
