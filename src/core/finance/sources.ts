/**
 * An input figure together with where it comes from: the tracker cells it
 * sums (kept live as references) and amounts typed as text (copied as
 * numbers, since a formula cannot read "331,250 GBP").
 */
import type { AmountRead, MonthColumn, Tracker, TrackerLine } from "./tracker";

export interface CellRef {
  row: number;
  column: number;
}

export interface InputSource {
  /** null when no cell holds a value. */
  value: number | null;
  refs: CellRef[];
  constants: number[];
}

export const NO_INPUT: InputSource = { value: null, refs: [], constants: [] };

export function sourceOf(reads: readonly (AmountRead | null | undefined)[], row: (i: number) => number): InputSource {
  const refs: CellRef[] = [];
  const constants: number[] = [];
  let value: number | null = null;
  reads.forEach((a, i) => {
    if (!a) return;
    value = (value ?? 0) + a.value;
    if (a.typed) constants.push(a.value);
    else refs.push({ row: row(i), column: a.column });
  });
  return { value, refs, constants };
}

/** Sum of several sources (null when none has a value). */
export function sumSources(sources: readonly InputSource[]): InputSource {
  let value: number | null = null;
  for (const s of sources) if (s.value !== null) value = (value ?? 0) + s.value;
  return { value, refs: sources.flatMap((s) => s.refs), constants: sources.flatMap((s) => s.constants) };
}

/** Sum of plain values (null when none has a value), in the order given. */
export function sumOrNull(values: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const v of values) if (v !== null) total = (total ?? 0) + v;
  return total;
}

/** The months of `lines` in the month columns `pick` chooses, as one source (the tracker cells of each). */
export function monthsSource(t: Tracker, lines: readonly TrackerLine[], pick: (m: MonthColumn) => boolean): InputSource {
  const reads = lines.flatMap((l) => l.months.map((a, i) => ({ a: pick(t.monthColumns[i]) ? a : null, row: l.row })));
  return sourceOf(reads.map((x) => x.a), (i) => reads[i].row);
}
