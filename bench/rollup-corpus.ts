/**
 * The rollup's read of each real public workbook kept beside the project
 * (../shared/corpus) against a plain ExcelJS load of the same file, one file
 * at a time on one thread: what the generated workloads cannot show, since
 * real workbooks carry the styles, themes, drawings and formatting that a
 * model loads and the rollup's reader passes over. Absent corpus: null.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { summariseFile } from "../src/cli/rollup/summarise-file";
import { emptyMetadata } from "../src/core/metadata/schema";
import { bandsOf } from "../src/jobs/rollup/read-projects";
import { figure, kibibytes, round } from "./figures";

const CORPUS_DIR = path.resolve(__dirname, "../../shared/corpus");
/** Each file is timed this many times after a warm-up; the fastest counts (least disturbed by other work). */
const PASSES = 5;

function fastest(times: number[]): number {
  return Math.min(...times);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function benchRollupCorpus(smoke: boolean): Promise<Record<string, unknown> | null> {
  if (!existsSync(CORPUS_DIR)) return null;
  const files = readdirSync(CORPUS_DIR)
    .filter((f) => /\.(xlsx|xlsm)$/i.test(f))
    .sort();
  // The bands a new --out workbook counts in, as `pmo rollup` does.
  const bands = bandsOf({ metadata: emptyMetadata() });
  const passes = smoke ? 1 : PASSES;
  const rows: { file: string; size: number; rollupMs: number; excelJsMs: number }[] = [];
  for (const file of files) {
    const p = path.join(CORPUS_DIR, file);
    const bytes = readFileSync(p);
    const read = () => summariseFile({ path: p, shown: file, today: "2025-06-15", bands });
    // A file ExcelJS cannot load still costs the time it took to refuse it.
    const load = () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer).catch(() => undefined);
    await read();
    await load();
    const rollupTimes: number[] = [];
    const loadTimes: number[] = [];
    for (let i = 0; i < passes; i++) {
      rollupTimes.push(await timed(read));
      loadTimes.push(await timed(load));
    }
    rows.push({ file, size: bytes.length, rollupMs: fastest(rollupTimes), excelJsMs: fastest(loadTimes) });
  }
  const ratios = rows.map((r) => r.rollupMs / r.excelJsMs);
  return {
    what: `each real workbook in ../shared/corpus read for the rollup (summariseFile) against a plain ExcelJS load, on one thread, fastest of ${passes} after a warm-up`,
    files: rows.length,
    medianRatio: figure(round(median(ratios), 3), "x"),
    sumRatio: figure(round(rows.reduce((s, r) => s + r.rollupMs, 0) / rows.reduce((s, r) => s + r.excelJsMs, 0), 4), "x", { note: "dominated by the workbooks ExcelJS takes seconds over (styled whole columns)" }),
    byFile: rows.map((r) => ({ file: r.file, size: figure(kibibytes(r.size), "KiB"), rollup: figure(round(r.rollupMs, 1), "ms"), excelJs: figure(round(r.excelJsMs, 1), "ms"), ratio: round(r.rollupMs / r.excelJsMs, 3) })),
  };
}
