/**
 * Heat maps at scale: `pmo heatmap`'s work on a big risk register file
 * (open, find the register, read it, plan the map and snapshot, apply,
 * save) as a ratio to ExcelJS's load + save of the same file in the same
 * run; and the Excel host's syncs for drawing the map of registers of
 * several sizes on the fake, by host method, which must not grow with the
 * rows (test/contract/heatmap-syncs.contract.test.ts asserts it).
 *
 *   npx tsx bench/heatmap.ts [--smoke]      prints the figures as JSON
 *   npx tsx bench/heatmap.ts draw <file> <out>  one measured phase (run in its own process)
 */
import { mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { FakeExcel } from "../test/contract/fake-excel/fake-excel";
import { excelHostOver } from "../test/contract/fake-excel/host-over-fake";
import { labelled } from "../test/contract/fake-excel/measure";
import { scaledRiskRegister } from "../test/contract/register-seeds";
import { openWorkbookForChange, saveWorkbookFile } from "../src/hosts/xlsx/workbook-file";
import { planHeatMaps } from "../src/jobs/heatmap/heatmap";
import { figure, mebibytes, round, seconds, type Figure } from "./figures";
import { runPhase } from "./phase";
import type { PhaseResult } from "./xlsx-phase";

export const HEAT_MAP_RATIO_GOAL = 0.6;

const phase = (script: string, args: string[]) => runPhase<PhaseResult & { placed?: number }>(script, args);

/** The measured phase: what `pmo heatmap <file> --out <out>` does. */
async function draw(file: string, out: string): Promise<PhaseResult & { placed: number }> {
  const t0 = performance.now();
  const host = await openWorkbookForChange(file);
  const t1 = performance.now();
  const drawing = await planHeatMaps(host, { now: new Date(Date.UTC(2026, 0, 1)) });
  if (!drawing.ok) throw new Error(drawing.message);
  const t2 = performance.now();
  await host.apply(drawing.plan);
  await saveWorkbookFile(host, { out, source: file });
  const t3 = performance.now();
  return {
    phase: "draw",
    ms: { open: t1 - t0, plan: t2 - t1, applySave: t3 - t2, total: t3 - t0 },
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    placed: drawing.maps.reduce((n, m) => n + m.map.inherent.placed, 0),
  };
}

interface DrawSyncs {
  total: number;
  byMethod: Record<string, number>;
}

/**
 * The job's syncs on the fake, in all and by the host method whose Excel.run
 * made them (outline, queryCells, apply), for a first draw and for a second
 * one a day later, which overwrites the snapshot of every risk. `copyOldCells`
 * false plays an Excel without ExcelApi 1.9, where the apply reads the old
 * snapshot for Undo instead of copying it: the same run's baseline.
 */
async function fakeSyncs(rows: number, copyOldCells = true): Promise<{ first: DrawSyncs; second: DrawSyncs }> {
  const fake = FakeExcel.fromSeed(scaledRiskRegister(rows));
  fake.keepUndoSnapshots = false;
  const labels: string[] = [];
  const host = labelled(excelHostOver(fake, { supportsRangeCopy: copyOldCells }), fake, labels);
  const draws: DrawSyncs[] = [];
  for (const day of [1, 2]) {
    const from = fake.runs.length;
    const drawing = await planHeatMaps(host, { now: new Date(Date.UTC(2026, 0, day)) });
    if (!drawing.ok) throw new Error(drawing.message);
    await host.apply(drawing.plan);
    const byMethod: Record<string, number> = {};
    fake.runs.slice(from).forEach((r, k) => (byMethod[labels[from + k] ?? "unknown"] = (byMethod[labels[from + k] ?? "unknown"] ?? 0) + r.syncs.length));
    draws.push({ total: fake.runs.slice(from).reduce((n, r) => n + r.syncs.length, 0), byMethod });
  }
  return { first: draws[0] as DrawSyncs, second: draws[1] as DrawSyncs };
}

export async function benchHeatMap(rows: number, excelRows: number[], progress: (text: string) => void) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pmo-bench-heatmap-"));
  try {
    const file = path.join(dir, "register.xlsx");
    progress(`heat map: writing a ${rows.toLocaleString("en-GB")}-row register...`);
    phase("xlsx-phase.ts", ["generate", file, String(rows)]);
    progress("heat map: baseline, ExcelJS load + save...");
    const baseline = phase("xlsx-phase.ts", ["baseline", file, path.join(dir, "baseline.xlsx")]);
    progress("heat map: open + find + read + plan + apply + save, as pmo heatmap runs it...");
    const measured = phase("heatmap.ts", ["draw", file, path.join(dir, "measured.xlsx")]);
    const s = (ms: number | undefined): Figure => figure(ms === undefined ? null : seconds(ms), "s");
    const syncs: { rows: number; syncs: Figure; byMethod: Record<string, number>; secondDraw: { syncs: Figure; byMethod: Record<string, number> }; secondDrawReadingOldCells: { syncs: Figure; byMethod: Record<string, number> } }[] = [];
    for (const n of excelRows) {
      progress(`heat map on the Excel fake: ${n.toLocaleString("en-GB")} rows...`);
      const m = await fakeSyncs(n);
      const reading = await fakeSyncs(n, false);
      syncs.push({
        rows: n,
        syncs: figure(m.first.total, "syncs", { note: "first draw: outline + queryCells (where the register ends, its placing columns, titles) + the apply of the map and snapshot sheets; must not grow with the rows" }),
        byMethod: m.first.byMethod,
        secondDraw: {
          syncs: figure(m.second.total, "syncs", { note: "second draw: the snapshot read back and overwritten, its old cells copied to the undo sheet for Undo (Range.copyFrom); must not grow with the rows" }),
          byMethod: m.second.byMethod,
        },
        secondDrawReadingOldCells: {
          syncs: figure(reading.second.total, "syncs", { note: "the same second draw where Excel lacks ExcelApi 1.9: the old snapshot is read for Undo, in row blocks" }),
          byMethod: reading.second.byMethod,
        },
      });
    }
    return {
      workload: { rows, columns: 15, placedRisks: measured.placed ?? null },
      baseline: { what: "ExcelJS Workbook.xlsx.readFile + writeFile of the same file", total: s(baseline.ms.total), peakRss: figure(mebibytes(baseline.peakRssBytes), "MiB") },
      measured: {
        what: "openWorkbookForChange + planHeatMaps (find the register, read it once, place every risk, plan the map and snapshot sheets) + apply + save, as pmo heatmap --out runs it",
        open: s(measured.ms.open),
        plan: s(measured.ms.plan),
        applySave: s(measured.ms.applySave),
        total: s(measured.ms.total),
        peakRss: figure(mebibytes(measured.peakRssBytes), "MiB"),
      },
      ratio: figure(round(measured.ms.total / baseline.ms.total, 2), "x baseline", { goalMax: HEAT_MAP_RATIO_GOAL, note: "measured total / ExcelJS load + save, both timed in this run" }),
      excelFakeSyncs: syncs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "draw") {
    process.stdout.write(JSON.stringify(await draw(argv[1], argv[2])) + "\n");
    return;
  }
  const smoke = argv.includes("--smoke");
  const figures = await benchHeatMap(smoke ? 2_000 : 100_000, smoke ? [1_000] : [1_000, 10_000, 100_000], (t) => process.stderr.write(`${t}\n`));
  process.stdout.write(JSON.stringify(figures, null, 2) + "\n");
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
