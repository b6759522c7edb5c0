/**
 * Movement since the last snapshot. Each draw keeps a snapshot of every
 * risk's scores in the workbook (a plain table on its own sheet); the next
 * draw compares with it: a risk open in both moved up, down or stayed the
 * same; one open now but not open then is new; one open then but closed or
 * gone now is closed.
 */
import { isBlank, type CellValue } from "../grid/cell";
import type { MapBasis, MappedRisk } from "./model";

export { SNAPSHOT_SHEET } from "./names";
export const SNAPSHOT_HEADERS = ["Register", "Risk ID", "Open", "Inherent Score", "Residual Score", "Taken At"] as const;

export interface SnapshotEntry {
  register: string;
  id: string;
  open: boolean;
  inherent: number | null;
  residual: number | null;
  takenAt: string;
}

export type Movement = "up" | "down" | "same" | "new" | "closed";

export interface RiskMovement {
  register: string;
  id: string;
  movement: Movement;
  before: number | null;
  now: number | null;
}

function scoreOf(v: CellValue): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The snapshot as kept on its sheet (header row first); rows that are not snapshot rows are skipped. */
export function readSnapshot(values: readonly (readonly CellValue[])[]): SnapshotEntry[] {
  const header = values[0]?.map((v) => String(v ?? "").trim());
  if (!header || SNAPSHOT_HEADERS.some((h, k) => header[k] !== h)) return [];
  const out: SnapshotEntry[] = [];
  for (const row of values.slice(1)) {
    if (isBlank(row[0] ?? null) || isBlank(row[1] ?? null)) continue;
    out.push({
      register: String(row[0]).trim(),
      id: String(row[1]).trim(),
      open: row[2] === true || String(row[2]).toLowerCase() === "true" || String(row[2]).toLowerCase() === "yes",
      inherent: scoreOf(row[3] ?? null),
      residual: scoreOf(row[4] ?? null),
      takenAt: String(row[5] ?? ""),
    });
  }
  return out;
}

export function snapshotOf(register: string, risks: readonly MappedRisk[], takenAt: string): SnapshotEntry[] {
  return risks.map((r) => ({ register, id: r.id, open: r.open, inherent: r.inherent?.score ?? null, residual: r.residual?.score ?? null, takenAt }));
}

/** The snapshot's cells: header row then one row per risk. Every text is written as text, never a formula. */
export function snapshotCells(entries: readonly SnapshotEntry[]): (string | number | boolean | null)[][] {
  return [[...SNAPSHOT_HEADERS], ...entries.map((e) => [e.register, e.id, e.open ? "Yes" : "No", e.inherent, e.residual, e.takenAt])];
}

const key = (register: string, id: string) => `${register.toLowerCase()}\u0000${id.toLowerCase()}`;

/** Each risk's movement against the previous snapshot, on the basis's score; risks unchanged and closed in both are left out. */
export function movementSince(register: string, previous: readonly SnapshotEntry[], risks: readonly MappedRisk[], basis: MapBasis): RiskMovement[] {
  const before = new Map(previous.filter((e) => e.register.toLowerCase() === register.toLowerCase()).map((e) => [key(e.register, e.id), e]));
  const out: RiskMovement[] = [];
  const seen = new Set<string>();
  for (const r of risks) {
    const k = key(register, r.id);
    seen.add(k);
    const was = before.get(k);
    const now = r[basis]?.score ?? null;
    const then = was ? was[basis] : null;
    if (r.open && (!was || !was.open)) out.push({ register, id: r.id, movement: "new", before: then, now });
    else if (!r.open && was?.open) out.push({ register, id: r.id, movement: "closed", before: then, now });
    else if (r.open && was?.open) {
      const movement: Movement = now === null || then === null || now === then ? "same" : now > then ? "up" : "down";
      out.push({ register, id: r.id, movement, before: then, now });
    }
  }
  for (const [k, was] of before) {
    if (!seen.has(k) && was.open) out.push({ register, id: was.id, movement: "closed", before: was[basis], now: null });
  }
  return out;
}

export function movementCounts(moves: readonly RiskMovement[]): Record<Movement, number> {
  const counts: Record<Movement, number> = { up: 0, down: 0, same: 0, new: 0, closed: 0 };
  for (const m of moves) counts[m.movement]++;
  return counts;
}
