/**
 * A1 ↔ R1C1 for the fake's `formulasR1C1`: a cell reference relative to the
 * formula's own cell reads R[-1]C[2] (the row above, two columns right);
 * `$`-anchored parts read as absolute numbers (R1C3). Text in quotes,
 * structured references in brackets and quoted sheet names are left alone,
 * as in the fill of formula-fill.ts.
 */
import { columnIndex, columnLetter } from "../../../src/core/grid/address";

const A1_REF = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/;
const R1C1_REF = /^R(\[-?\d+\]|\d*)C(\[-?\d+\]|\d*)/;

/** Walks a formula, handing each stretch outside quotes and brackets to `convert` at every position. */
function mapRefs(formula: string, convert: (rest: string, prev: string) => { out: string; length: number } | undefined): string {
  let out = "";
  let i = 0;
  let depth = 0;
  while (i < formula.length) {
    const ch = formula[i] as string;
    if (ch === '"' || (ch === "'" && depth === 0)) {
      const end = formula.indexOf(ch, i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "[") depth++;
    if (ch === "]") depth = Math.max(0, depth - 1);
    if (depth === 0) {
      const hit = convert(formula.slice(i), formula[i - 1] ?? "");
      if (hit) {
        out += hit.out;
        i += hit.length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

const startsName = (prev: string) => /[A-Za-z0-9_.$]/.test(prev);
const continuesName = (next: string | undefined) => next !== undefined && /[A-Za-z0-9_.(!\[]/.test(next);

export function toR1C1(formula: string, row: number, col: number): string {
  return mapRefs(formula, (rest, prev) => {
    if (startsName(prev)) return undefined;
    const m = A1_REF.exec(rest);
    if (!m || continuesName(rest[m[0].length])) return undefined;
    const c = columnIndex(m[2] as string);
    if (c === undefined) return undefined;
    const r = Number(m[4]);
    const rowPart = m[3] ? `R${r}` : r === row ? "R" : `R[${r - row}]`;
    const colPart = m[1] ? `C${c}` : c === col ? "C" : `C[${c - col}]`;
    return { out: rowPart + colPart, length: m[0].length };
  });
}

export function fromR1C1(formula: string, row: number, col: number): string {
  return mapRefs(formula, (rest, prev) => {
    if (startsName(prev)) return undefined;
    const m = R1C1_REF.exec(rest);
    if (!m || continuesName(rest[m[0].length])) return undefined;
    const part = (p: string, here: number) => (p === "" ? { n: here, abs: false } : p.startsWith("[") ? { n: here + Number(p.slice(1, -1)), abs: false } : { n: Number(p), abs: true });
    const r = part(m[1] as string, row);
    const c = part(m[2] as string, col);
    return { out: `${c.abs ? "$" : ""}${columnLetter(c.n)}${r.abs ? "$" : ""}${r.n}`, length: m[0].length };
  });
}
