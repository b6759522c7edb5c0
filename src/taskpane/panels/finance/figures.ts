/** How the Finance panel writes figures: amounts with separators, indices to two places, percentages to one; "–" where there is no value. */
export function money(n: number | null): string {
  return n === null ? "–" : n.toLocaleString("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 0 });
}

export function index(n: number | null): string {
  return n === null ? "–" : n.toFixed(2);
}

export function percent(n: number | null): string {
  return n === null ? "–" : `${(n * 100).toFixed(1)}%`;
}
