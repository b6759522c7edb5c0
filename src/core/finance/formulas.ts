/**
 * Formula text for the summary sheet: references into the tracker, sums of
 * its cells that leave subtotal rows out, and empty text ("") wherever there
 * is no value, so no cell ever shows #DIV/0! or #VALUE!.
 */
import { columnLetter, quoteSheetName } from "../grid/address";
import type { CellInput } from "../plan/edits";
import type { CellRef, InputSource } from "./sources";

/** Contiguous rows of one column become one range: E5:E9 rather than E5,E6,E7,E8,E9. */
export function refRanges(sheet: string, refs: readonly CellRef[]): string[] {
  const q = quoteSheetName(sheet);
  const byCol = new Map<number, number[]>();
  for (const r of refs) byCol.set(r.column, [...(byCol.get(r.column) ?? []), r.row]);
  const out: string[] = [];
  for (const [col, rows] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    const letter = columnLetter(col);
    for (let i = 0; i < sorted.length; i++) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
      out.push(i === j ? `${q}!${letter}${sorted[i]}` : `${q}!${letter}${sorted[i]}:${letter}${sorted[j]}`);
      i = j;
    }
  }
  return out;
}

/** Excel takes at most 255 arguments in a function; longer lists are summed in parts. */
function sumOf(args: string[]): string {
  if (args.length <= 200) return `SUM(${args.join(",")})`;
  const parts: string[] = [];
  for (let i = 0; i < args.length; i += 200) parts.push(sumOf(args.slice(i, i + 200)));
  return sumOf(parts);
}

function countOf(args: string[]): string {
  if (args.length <= 200) return `COUNT(${args.join(",")})`;
  const parts: string[] = [];
  for (let i = 0; i < args.length; i += 200) parts.push(countOf(args.slice(i, i + 200)));
  return parts.join("+");
}

/**
 * A cell holding an input: the live sum of its tracker cells (empty when none
 * holds a number), with amounts typed as text added as numbers.
 */
export function inputCell(sheet: string, source: InputSource): CellInput {
  if (!source.refs.length && !source.constants.length) return null;
  if (!source.refs.length) return source.constants.reduce((a, b) => a + b, 0);
  const ranges = refRanges(sheet, source.refs);
  const sum = sumOf([...ranges, ...source.constants.map(String)]);
  return { formula: source.constants.length ? `=${sum}` : `=IF(${countOf(ranges)}=0,"",${sum})` };
}

/** The sum of cells on this sheet, empty when none holds a number. */
export function localSum(ranges: string[]): CellInput {
  return { formula: `=IF(${countOf(ranges)}=0,"",${sumOf(ranges)})` };
}

/** The sum of `values` over the rows whose `keys` cell equals `key` (exact match, not a SUMIF pattern), empty when none holds a number. */
export function matchingSum(keys: string, values: string, key: string): CellInput {
  return { formula: `=IF(SUMPRODUCT(--(${keys}=${key}),--ISNUMBER(${values}))=0,"",SUMPRODUCT(--(${keys}=${key}),${values}))` };
}
