/**
 * Keeps a worked-out value in a memo that is emptied when it reaches
 * `limit` entries. Detection and the rollup keep such memos across many
 * files (header texts, cell tallies, labels): emptying at once is cheaper
 * than keeping entries in order of use, and a memo only ever saves work.
 */
export function remember<K, V>(memo: Map<K, V>, key: K, value: V, limit: number): V {
  if (memo.size >= limit) memo.clear();
  memo.set(key, value);
  return value;
}
