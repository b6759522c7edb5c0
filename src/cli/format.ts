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

/**
 * A count with thousands separated ("12,500"). Not Intl: the first number
 * formatter a process makes loads locale data (about 0.1 s, more than the
 * whole of a rollup's progress lines), and the CLI's messages are English.
 */
function grouped(n: number): string {
  return Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ",") : String(n);
}

export function plural(n: number, one: string, many = one + "s"): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}
