/**
 * The Excel host against the in-memory fake of the Excel object model: how
 * many context.sync() calls a register write takes and the largest payload
 * one sync carries, at several sizes. The measuring code belongs to the
 * contract suite (test/contract/fake-excel/measure.ts); this file only runs
 * it and records what it reports, or says plainly that it could not.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { figure, type Figure } from "./figures";

/** Excel on the web rejects requests over 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export type ExcelFakeRun =
  | { available: true; what: string; runs: { rows: number; syncs: Figure; largestPayloadPerSync: Figure }[] }
  | { available: false; reason: string };

const MEASURE_MODULE = path.resolve(__dirname, "..", "test", "contract", "fake-excel", "measure.ts");

export async function measureExcelHostOnFake(rowCounts: number[]): Promise<ExcelFakeRun> {
  if (!existsSync(MEASURE_MODULE)) {
    return {
      available: false,
      reason: `test/contract/fake-excel/measure.ts is not in the repository yet, so the ${rowCounts.map((n) => n.toLocaleString("en-GB")).join(", ")}-row runs were not made; no figures are recorded`,
    };
  }
  return { available: false, reason: "test/contract/fake-excel/measure.ts exists but this bench does not know its API yet" };
}

export function syncFigures(rows: number, syncs: number, largestPayloadBytes: number) {
  return {
    rows,
    syncs: figure(syncs, "syncs", { note: "context.sync() calls for the whole job; must grow only by whole chunks" }),
    largestPayloadPerSync: figure(largestPayloadBytes, "bytes", { goalMax: PAYLOAD_LIMIT_BYTES, note: "estimated request bytes of the largest sync; Excel on the web's limit is 5 MB" }),
  };
}
