/**
 * `pmo rollup` over the whole ../shared/corpus folder: every file is either
 * rolled up into at least one project or listed with its reason; the run
 * never ends in an internal error; a project's figures each name the sheet
 * they came from; and a register the detection finds (risks, issues, budget)
 * shows up as that figure.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runCaptured } from "../unit/cli/capture";
import { CORPUS_DIR, corpusFiles } from "../corpus-files";


interface Field {
  value?: unknown;
  missing?: string;
  sources?: { file: string; sheet: string }[];
}

describe("pmo rollup over the corpus", () => {
  it("rolls up or explains every file", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rollup-corpus-"));
    try {
      const run = await runCaptured(["rollup", CORPUS_DIR, "--out", path.join(dir, "portfolio.xlsx"), "--json", "--threads", "2", "--as-of", "2026-01-31"], { cwd: dir });
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout) as { projects: { file: string; fields: Record<string, Field>; openRisks: number | null; openIssues: number | null; budget: number | null }[]; failed: { file: string; reason: string }[] };
      const files = corpusFiles(/^/);
      const accounted = new Set([...doc.projects.map((p) => path.basename(p.file)), ...doc.failed.map((f) => path.basename(f.file))]);
      expect([...accounted].sort()).toEqual([...files].sort());
      for (const f of doc.failed) expect(f.reason.length).toBeGreaterThan(10);
      for (const p of doc.projects) {
        for (const [id, field] of Object.entries(p.fields)) {
          if (field.missing !== undefined) expect(field.missing).not.toBe("");
          else for (const s of field.sources ?? []) expect(`${id}: ${s.file}`).toBe(`${id}: ${p.file}`);
        }
      }
      const named = (part: string) => doc.projects.find((p) => p.file.includes(part));
      expect(named("Nchaulagai__AdvancedProjectManagement__Risk Register")?.openRisks).toBeGreaterThan(0);
      expect(named("Nchaulagai__AdvancedProjectManagement__Issue Register")?.openIssues).toBeGreaterThan(0);
      expect(named("Budget Tracker")?.budget).toBeGreaterThan(0);
      expect(doc.failed.find((f) => f.file.endsWith(".xls"))?.reason).toMatch(/97-2003/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
