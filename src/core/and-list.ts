/** Items as a sentence lists them: "PV, EV and AC"; one item as it is; none as "". */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
