/**
 * Allowed values, matched the way a person reads them: "HIgh" and " high "
 * are "High" written differently (a safe fix), "In progeress" is probably
 * "In progress" (a suggestion only: a typo's correction is a guess).
 */
import { nfkc } from "../nfkc";

const PLAIN_WORDS = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** Case, surrounding and repeated spaces, and non-breaking spaces do not change what a value says. */
export function listKey(text: string): string {
  // Words of printable ASCII between single spaces (most values) have nothing to normalise, collapse or trim.
  if (PLAIN_WORDS.test(text)) return text.toLowerCase();
  return nfkc(text).replace(/[\s\u00a0]+/g, " ").trim().toLowerCase();
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

export type ListMatch = { kind: "exact" } | { kind: "spelling"; canonical: string } | { kind: "none"; suggestion?: string };

/**
 * How a value stands against an allowed list. A suggestion is made only when
 * one allowed value is clearly nearest: within a quarter of its length (at
 * least one edit) and nearer than any other.
 */
export function matchAllowed(text: string, allowed: readonly string[]): ListMatch {
  if (allowed.includes(text)) return { kind: "exact" };
  // Registers repeat their values: each distinct one is matched once per list.
  let known = matches.get(allowed);
  if (!known) matches.set(allowed, (known = new Map()));
  let m = known.get(text);
  if (!m) known.set(text, (m = matchOutsideList(text, allowed)));
  return m;
}

const matches = new WeakMap<readonly string[], Map<string, ListMatch>>();

function matchOutsideList(text: string, allowed: readonly string[]): ListMatch {
  const key = listKey(text);
  const same = allowed.filter((a) => listKey(a) === key);
  if (same.length === 1) return { kind: "spelling", canonical: same[0] };
  const scored = allowed.map((a) => ({ a, d: editDistance(key, listKey(a)) })).sort((x, y) => x.d - y.d);
  const best = scored[0];
  const next = scored[1];
  if (best && best.d <= Math.max(1, Math.floor(listKey(best.a).length / 4)) && (!next || next.d > best.d)) return { kind: "none", suggestion: best.a };
  return { kind: "none" };
}
