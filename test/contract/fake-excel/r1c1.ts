/**
 * A1 ↔ R1C1 for the fake's `formulasR1C1`: a cell reference relative to the
 * formula's own cell reads R[-1]C[2] (the row above, two columns right);
 * `$`-anchored parts read as absolute numbers (R1C3). Text in quotes,
 * structured references in brackets and quoted sheet names are left alone,
 * by the same walk as the fill of formula-fill.ts.
 */
import { columnIndex, columnLetter } from "../../../src/core/grid/address";
import { mapFormulaRefs } from "../../../src/hosts/xlsx/formula-fill";

const A1_REF = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/;
const R1C1_REF = /^R(\[-?\d+\]|\d*)C(\[-?\d+\]|\d*)/;

const startsName = (prev: string) => /[A-Za-z0-9_.$]/.test(prev);
const continuesName = (next: string | undefined) => next !== undefined && /[A-Za-z0-9_.(!\[]/.test(next);

export function toR1C1(formula: string, row: number, col: number): string {
  return mapFormulaRefs(formula, (rest, prev) => {
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
  return mapFormulaRefs(formula, (rest, prev) => {
    if (startsName(prev)) return undefined;
    const m = R1C1_REF.exec(rest);
    if (!m || continuesName(rest[m[0].length])) return undefined;
    const part = (p: string, here: number) => (p === "" ? { n: here, abs: false } : p.startsWith("[") ? { n: here + Number(p.slice(1, -1)), abs: false } : { n: Number(p), abs: true });
    const r = part(m[1] as string, row);
    const c = part(m[2] as string, col);
    return { out: `${c.abs ? "$" : ""}${columnLetter(c.n)}${r.abs ? "$" : ""}${r.n}`, length: m[0].length };
  });
}
