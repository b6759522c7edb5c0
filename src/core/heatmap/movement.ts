/**
 * Movement since the last snapshot. Each draw keeps a snapshot of every
 * risk's scores in the workbook (blocks of plain rows on its own sheet); the next
 * draw compares with it: a risk open in both moved up, down or stayed the
 * same; one open now but not open then is new; one open then but closed or
 * gone now is closed.
 */
import { isBlank, type CellValue } from "../grid/cell";
import type { MapBasis, MappedRisk } from "./model";

export { SNAPSHOT_SHEET } from "./names";
/** The header of the snapshot as drawn before registers had blocks: register and time on every risk's row. Still read. */
export const SNAPSHOT_HEADERS = ["Register", "Risk ID", "Open", "Inherent Score", "Residual Score", "Taken At"] as const;
/** The header of a register's block of risks: the register and the time are written once, above its risks. */
export const SNAPSHOT_COLUMNS = ["Risk ID", "Open", "Inherent Score", "Residual Score"] as const;
const BLOCK_REGISTER = "Register";
const BLOCK_TAKEN_AT = "Taken At";

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

function isOpenText(v: CellValue | undefined): boolean {
  return v === true || String(v).toLowerCase() === "true" || String(v).toLowerCase() === "yes";
}

/** A block's first row: "Register", the register, "Taken At", the time (no risk's row holds text in its third cell). */
function blockStart(row: readonly CellValue[]): { register: string; takenAt: string } | null {
  if (String(row[0] ?? "").trim() !== BLOCK_REGISTER || String(row[2] ?? "").trim() !== BLOCK_TAKEN_AT || isBlank(row[1] ?? null)) return null;
  return { register: String(row[1]).trim(), takenAt: String(row[3] ?? "") };
}

/**
 * The snapshot as kept on its sheet: blocks of one register's risks, each
 * under a row naming the register and the time and a row of column headers;
 * or, as drawn before, one header row and the register and time on every
 * risk's row. Rows that are not snapshot rows are skipped.
 */
export function readSnapshot(values: readonly (readonly CellValue[])[]): SnapshotEntry[] {
  const header = values[0]?.map((v) => String(v ?? "").trim());
  if (header && SNAPSHOT_HEADERS.every((h, k) => header[k] === h)) return readRowsLayout(values);
  const out: SnapshotEntry[] = [];
  let block: { register: string; takenAt: string } | null = null;
  for (const row of values) {
    const start = blockStart(row);
    if (start) {
      block = start;
      continue;
    }
    if (!block || isBlank(row[0] ?? null) || (String(row[0]).trim() === SNAPSHOT_COLUMNS[0] && String(row[1] ?? "").trim() === SNAPSHOT_COLUMNS[1])) continue;
    out.push({ register: block.register, id: String(row[0]).trim(), open: isOpenText(row[1]), inherent: scoreOf(row[2] ?? null), residual: scoreOf(row[3] ?? null), takenAt: block.takenAt });
  }
  return out;
}

function readRowsLayout(values: readonly (readonly CellValue[])[]): SnapshotEntry[] {
  const out: SnapshotEntry[] = [];
  for (const row of values.slice(1)) {
    if (isBlank(row[0] ?? null) || isBlank(row[1] ?? null)) continue;
    out.push({
      register: String(row[0]).trim(),
      id: String(row[1]).trim(),
      open: isOpenText(row[2]),
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

/**
 * The snapshot's cells: for each register (and time), a row naming them, a
 * row of column headers, then one row per risk. The register and the time
 * are written once per block, not on every risk's row: on a register of
 * 100,000 risks that is most of what the sheet would weigh. Every text is
 * written as text, never a formula. `headerRows` are the sheet rows (1-based)
 * of the two rows above each block's risks.
 */
export function snapshotCells(entries: readonly SnapshotEntry[]): { rows: (string | number | boolean | null)[][]; headerRows: number[] } {
  const rows: (string | number | boolean | null)[][] = [];
  const headerRows: number[] = [];
  let last: string | null = null;
  for (const e of entries) {
    const block = `${e.register}\u0000${e.takenAt}`;
    if (block !== last) {
      headerRows.push(rows.length + 1, rows.length + 2);
      rows.push([BLOCK_REGISTER, e.register, BLOCK_TAKEN_AT, e.takenAt], [...SNAPSHOT_COLUMNS]);
      last = block;
    }
    rows.push([e.id, e.open ? "Yes" : "No", e.inherent, e.residual]);
  }
  return { rows, headerRows };
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
