/**
 * Validation at scale: pmo validate's work on a big risk register file as a
 * ratio to ExcelJS's full load of the same file in the same run, and the
 * Excel host's syncs for validating registers of several sizes on the fake.
 */
import { mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { FakeExcel } from "../test/contract/fake-excel/fake-excel";
import { excelHostOver } from "../test/contract/fake-excel/host-over-fake";
import { scaledRiskRegister } from "../test/contract/register-seeds";
import { validateWorkbook } from "../src/jobs/validation/validate";
import { figure, mebibytes, round, seconds, type Figure } from "./figures";
import { runPhase } from "./phase";
import type { PhaseResult } from "./xlsx-phase";

/** Validation reads; it should cost well under a full model load. */
export const VALIDATION_RATIO_GOAL = 0.5;

const phase = (script: string, args: string[]) => runPhase<PhaseResult & { findings?: number; rows?: number }>(script, args);

async function fakeSyncs(rows: number): Promise<number> {
  const fake = FakeExcel.fromSeed(scaledRiskRegister(rows));
  fake.keepUndoSnapshots = false;
  await validateWorkbook(excelHostOver(fake), { today: new Date(2026, 0, 1) });
  return fake.runs.reduce((n, r) => n + r.syncs.length, 0);
}

export async function benchValidation(rows: number, excelRows: number[], progress: (text: string) => void) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pmo-bench-validate-"));
  try {
    const file = path.join(dir, "register.xlsx");
    progress(`validation: writing a ${rows.toLocaleString("en-GB")}-row register...`);
    phase("xlsx-phase.ts", ["generate", file, String(rows)]);
    progress("validation: baseline, ExcelJS full load...");
    const baseline = phase("validation-phase.ts", ["load", file]);
    progress("validation: open + find + check, as pmo validate runs it...");
    const measured = phase("validation-phase.ts", ["validate", file]);
    const s = (ms: number | undefined): Figure => figure(ms === undefined ? null : seconds(ms), "s");
    const syncs: { rows: number; syncs: Figure }[] = [];
    for (const n of excelRows) {
      progress(`validation on the Excel fake: ${n.toLocaleString("en-GB")} rows...`);
      syncs.push({ rows: n, syncs: figure(await fakeSyncs(n), "syncs", { note: "outline + detection + one read of the register; may grow only by whole read chunks" }) });
    }
    return {
      workload: { rows, columns: 15, checkedRows: measured.rows ?? null, findings: measured.findings ?? null },
      baseline: { what: "ExcelJS Workbook.xlsx.readFile of the same file (full model load)", total: s(baseline.ms.total), peakRss: figure(mebibytes(baseline.peakRssBytes), "MiB") },
      measured: {
        what: "openWorkbookForReading (the read-only package host) + validateWorkbook (detect the register, read it once, check every row), as pmo validate runs it",
        open: s(measured.ms.open),
        check: s(measured.ms.check),
        total: s(measured.ms.total),
        peakRss: figure(mebibytes(measured.peakRssBytes), "MiB"),
      },
      ratio: figure(round(measured.ms.total / baseline.ms.total, 2), "x baseline", {
        goalMax: VALIDATION_RATIO_GOAL,
        note: "measured total / ExcelJS full load, both timed in this run",
      }),
      excelFakeSyncs: syncs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Alone: `npx tsx bench/validation.ts [--smoke]` prints this section's figures as JSON (sizes as the whole bench takes them). */
if (require.main === module) {
  const smoke = process.argv.includes("--smoke");
  benchValidation(smoke ? 2_000 : 100_000, smoke ? [1_000] : [1_000, 10_000, 100_000], (text) => process.stderr.write(`${text}\n`)).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
