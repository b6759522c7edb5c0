/**
 * The Excel host against the in-memory fake of the Excel object model: how
 * many context.sync() calls a register write takes and the largest payload
 * one sync carries, at several sizes. The measuring code belongs to the
 * contract suite, which asserts on the same numbers; this file runs it and
 * records what it reports.
 */
import { PAYLOAD_LIMIT_BYTES } from "../test/contract/fake-excel/context";
import { measureRegisterApply, measureRegisterJob } from "../test/contract/fake-excel/measure";
import { figure, kibibytes, seconds, type Figure } from "./figures";

export interface ExcelFakeRun {
  what: string;
  registerJob: { what: string; runs: { rows: number; syncs: Figure; applySyncs: Figure; largestPayloadPerSync: Figure; edits: number; time: Figure }[] };
  runs: { rows: number; syncs: Figure; largestPayloadPerSync: Figure; largestRequest: Figure; largestResponse: Figure; time: Figure }[];
}

export async function measureExcelHostOnFake(rowCounts: number[], progress: (text: string) => void): Promise<ExcelFakeRun> {
  const runs: ExcelFakeRun["runs"] = [];
  for (const rows of rowCounts) {
    progress(`Excel host on the fake: ${rows.toLocaleString("en-GB")} rows...`);
    const m = await measureRegisterApply(rows);
    runs.push({
      rows: m.rows,
      syncs: figure(m.syncs, "syncs", { note: "context.sync() calls for the whole apply; may grow with rows only by whole chunks" }),
      largestPayloadPerSync: figure(kibibytes(m.maxPayloadBytes), "KiB", {
        goalMax: kibibytes(PAYLOAD_LIMIT_BYTES),
        note: "larger of request and response of the biggest sync, as the fake estimates it; Excel on the web refuses over 5 MB",
      }),
      largestRequest: figure(kibibytes(m.maxRequestBytes), "KiB"),
      largestResponse: figure(kibibytes(m.maxResponseBytes), "KiB"),
      time: figure(seconds(m.ms), "s", { note: "time against the in-memory fake, not Excel; for spotting regressions only" }),
    });
  }
  const jobRuns: ExcelFakeRun["registerJob"]["runs"] = [];
  for (const rows of rowCounts) {
    progress(`Excel host on the fake, register job: ${rows.toLocaleString("en-GB")} rows...`);
    const m = await measureRegisterJob(rows);
    jobRuns.push({
      rows: m.rows,
      syncs: figure(m.syncs, "syncs", { note: "every context.sync() of the job: outline, detection reads, snapshot reads, rules, apply; grows with rows only by whole read chunks" }),
      applySyncs: figure(m.applySyncs, "syncs", { note: "of which the apply" }),
      largestPayloadPerSync: figure(kibibytes(m.maxPayloadBytes), "KiB", { goalMax: kibibytes(PAYLOAD_LIMIT_BYTES) }),
      edits: m.edits,
      time: figure(seconds(m.ms), "s", { note: "against the in-memory fake, not Excel" }),
    });
  }
  return {
    registerJob: {
      what: "the register job (detect + plan the risk template + apply) on a messy risk register seeded in the fake, measured by test/contract/fake-excel/measure.ts",
      runs: jobRuns,
    },
    what: "ExcelHost.apply of a 15-column register plan (setCells, createTable, two date formats, a Status drop-down) on the fake Excel, measured by test/contract/fake-excel/measure.ts",
    runs,
  };
}
