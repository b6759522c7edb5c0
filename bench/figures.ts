import * as os from "node:os";
/** A measured number with its unit and, where there is one, the goal it is held to. */
export interface Figure {
  value: number | null;
  unit: string;
  /** Present when the figure has a target: met is null when the value could not be measured. */
  goal?: { max: number; unit: string; met: boolean | null };
  /** Why the value is null, or what it means. */
  note?: string;
}

export function figure(value: number | null, unit: string, extra: { goalMax?: number; note?: string } = {}): Figure {
  const out: Figure = { value, unit };
  if (extra.goalMax !== undefined) out.goal = { max: extra.goalMax, unit, met: value === null ? null : value <= extra.goalMax };
  if (extra.note !== undefined) out.note = extra.note;
  return out;
}

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));
export const seconds = (ms: number): number => round(ms / 1000, 2);
export const mebibytes = (bytes: number): number => round(bytes / 2 ** 20, 1);
export const kibibytes = (bytes: number): number => round(bytes / 1024, 1);

/** The 1, 5 and 15-minute load averages, to print beside wall times measured on a shared machine. */
export const loadAverages = (): number[] => os.loadavg().map((n) => round(n, 2));
export const LOAD_NOTE = "1, 5 and 15-minute load averages; above the CPU count, timings are inflated by other work";
