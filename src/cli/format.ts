/** Plain-text layout for terminal output: columns padded so they line up. */

/** Pads every column but the last to its widest cell; returns one string per row. */
export function alignColumns(rows: readonly (readonly string[])[], gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat(widths[i] - displayWidth(cell) + gap)))
      .join("")
      .trimEnd(),
  );
}

/** Characters as a terminal shows them (combining marks take no column). Wide CJK is rare in sheet names; counted as one. */
function displayWidth(text: string): number {
  return [...text.normalize("NFC")].filter((ch) => !/\p{M}/u.test(ch)).length;
}

// One formatter for every count, made when first needed: toLocaleString builds a new one per call, which a rollup's progress line per file pays for.
let grouped: Intl.NumberFormat | undefined;

export function plural(n: number, one: string, many = one + "s"): string {
  return `${(grouped ??= new Intl.NumberFormat("en-GB")).format(n)} ${n === 1 ? one : many}`;
}
