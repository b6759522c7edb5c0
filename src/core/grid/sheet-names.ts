/** `wanted`, or the first of "wanted 2", "wanted 3"... that no sheet is called (Excel compares sheet names without case). */
export function freeSheetName(wanted: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((s) => s.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const name = `${wanted} ${n}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
