/**
 * Moves a formula from one cell to another the way Excel fills it: relative
 * A1 references shift, `$`-anchored parts stay. Text in quotes, structured
 * references in brackets (`[@Q1]` is a column, not cell Q1), quoted sheet
 * names and function names (LOG10( is a function, not a cell) are left alone.
 */
import { columnIndex, columnLetter, MAX_COLUMNS, MAX_ROWS } from "../../core/grid/address";

const REF = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/;

function shiftRef(text: string, dRow: number, dCol: number): { out: string; length: number } | undefined {
  const m = REF.exec(text);
  if (!m) return undefined;
  const next = text[m[0].length];
  // "LOG10(" is a call, "A1B" or "A1_x" is a name.
  if (next !== undefined && /[A-Za-z0-9_.(!]/.test(next)) return undefined;
  const col = columnIndex(m[2]);
  let row = Number(m[4]);
  if (col === undefined || row < 1 || row > MAX_ROWS) return undefined;
  let c = col;
  if (!m[1]) c += dCol;
  if (!m[3]) row += dRow;
  // Excel shows #REF! for a reference pushed off the sheet.
  if (c < 1 || c > MAX_COLUMNS || row < 1 || row > MAX_ROWS) return { out: "#REF!", length: m[0].length };
  return { out: `${m[1]}${columnLetter(c)}${m[3]}${row}`, length: m[0].length };
}

/**
 * Walks a formula outside quoted text, quoted sheet names and brackets, and
 * offers `convert` each place where a name or a reference could start (a
 * letter or `$`); what it declines is copied as it is.
 */
export function mapFormulaRefs(formula: string, convert: (rest: string, prev: string) => { out: string; length: number } | undefined): string {
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
    if (depth === 0 && /[A-Za-z$]/.test(ch)) {
      const hit = convert(formula.slice(i), i > 0 ? (formula[i - 1] as string) : "");
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

/** The formula as it reads when moved dRow rows down and dCol columns right. */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return mapFormulaRefs(formula, (rest, prev) => {
    if (/[A-Za-z0-9_.\]]/.test(prev)) return undefined;
    const shifted = shiftRef(rest, dRow, dCol);
    if (shifted) return shifted;
    // Skip the whole name so its tail is not read as a reference.
    const name = /^[A-Za-z_$][A-Za-z0-9_.$]*/.exec(rest)?.[0] ?? (rest[0] as string);
    return { out: name, length: name.length };
  });
}

/**
 * shiftFormula for one formula filled over many cells. A formula with no
 * relative row (or column) references reads the same in every row (or
 * column), as a table's `[#This Row]` formula does: it is returned as it is
 * rather than parsed again for each of 100,000 cells, and the cells share one
 * string. Moving by one row is enough to tell: any relative row reference
 * would read differently (or become #REF!).
 */
export function formulaFiller(formula: string): (dRow: number, dCol: number) => string {
  const sameDown = shiftFormula(formula, 1, 0) === formula;
  const sameAcross = shiftFormula(formula, 0, 1) === formula;
  return (dRow, dCol) => ((dRow === 0 || sameDown) && (dCol === 0 || sameAcross) ? formula : shiftFormula(formula, dRow, dCol));
}
