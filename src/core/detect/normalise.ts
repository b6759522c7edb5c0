/**
 * Header text → comparable tokens. Real headers differ from the vocabulary in
 * case, punctuation, line breaks, snake_case and CamelCase, trailing spaces,
 * scale suffixes ("_1_5", "(1 - 5)"), allowed values written into the header
 * ("Impact (High/Med/Low)") and typos ("Concequence"); all of that is taken
 * apart here so matching compares words.
 */
import { nfkc } from "../nfkc";
import { remember } from "../bounded-memo";

/** Read-only: normaliseHeader hands the same remembered object to every caller. */
export interface HeaderWords {
  readonly raw: string;
  /** All words, parentheses included. */
  readonly tokens: readonly string[];
  /** Words outside parentheses and without a scale suffix: the header's own name. */
  readonly baseTokens: readonly string[];
  /** The header announces a numeric scale, e.g. "(1 - 5)" or "_1_5". */
  readonly scale: boolean;
  /** Values listed in the header, e.g. ["high", "med", "low"]. */
  readonly listedValues: readonly string[];
}

const STOP_WORDS = new Set(["the", "of", "a", "an", "to", "for", "and", "or", "in", "on", "is", "it"]);
const SCALE = /^\s*\d+(?:[.,]\d+)?\s*(?:-|–|—|to|\.\.)\s*\d+(?:[.,]\d+)?\s*%?\s*$/i;
const SCALE_SUFFIX = /[\s_-]+\d+[\s_-]+(?:to[\s_-]+)?\d+\s*$/i;

export function words(text: string): string[] {
  const spaced = nfkc(text)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[#$%№]/g, (m) => ` ${m} `)
    .replace(/[^\p{L}\p{N}#$%№]+/gu, " ")
    .trim();
  return spaced ? spaced.split(" ").filter((w) => !STOP_WORDS.has(w)) : [];
}

/**
 * Words that make a header a question or an instruction ("What was the
 * impact?", "Describe what happened"): the rest of the header is what the
 * column holds.
 */
const QUESTION_WORDS = new Set([
  "what", "how", "why", "who", "which", "where", "when", "was", "were", "is", "are", "did", "does", "do", "has", "have", "had",
  "describe", "explain", "list", "state", "give", "provide", "enter", "please", "briefly", "this", "that", "these", "there",
  "you", "we", "us", "your", "our", "will", "would", "should", "could", "can", "any", "if", "so", "they", "them",
]);
const QUESTION_START = /^\s*(?:what|how|why|who|which|where|when|did|does|do|is|are|was|were|has|have|describe|explain|list|state|give|provide|please)\b/i;

/** A question or instruction header's content words, or null when the header is not one. */
function questionContent(raw: string, tokens: string[]): string[] | null {
  if (!/\?\s*$/.test(raw) && !QUESTION_START.test(raw)) return null;
  const rest = tokens.filter((w) => !QUESTION_WORDS.has(w));
  if (!rest.length || rest.length === tokens.length) return null;
  // "Who raised it?" asks for a person: "raised by"; "When was it logged?" asks for a date: "date logged".
  if (tokens[0] === "who" && rest.length <= 2 && !rest.includes("by")) return [...rest, "by"];
  if (tokens[0] === "when" && rest.length <= 2 && !rest.includes("date")) return ["date", ...rest];
  return rest;
}

/** "Requested on", "Closed on": a date column named by its event, as "date requested" names it. */
function onDate(raw: string, tokens: string[]): string[] {
  return tokens.length === 1 && /\S\s+on\s*$/i.test(raw) ? ["date", tokens[0]] : tokens;
}

/** Verbs that mean the same for a register's record: a lesson noted or recorded is a lesson logged. */
const SAME_MEANING: Record<string, string> = { noted: "logged", recorded: "logged", entered: "logged", agreed: "decided" };

/**
 * Detection reads each header cell once per template and again for each
 * candidate row; the same texts recur, so their words are remembered
 * (bounded, like the word pairs below). Callers treat the result as read-only.
 */
const headerMemo = new Map<string, HeaderWords>();
const HEADER_MEMO_LIMIT = 20_000;

export function normaliseHeader(raw: string): HeaderWords {
  let h = headerMemo.get(raw);
  if (h === undefined) {
    h = remember(headerMemo, raw, readHeader(raw), HEADER_MEMO_LIMIT);
  }
  return h;
}

function readHeader(raw: string): HeaderWords {
  let scale = false;
  const listedValues: string[] = [];
  const normal = nfkc(raw);
  let base = normal.replace(/[([]([^)\]]*)[)\]]/g, (_m, inner: string) => {
    if (SCALE.test(inner)) scale = true;
    else if (/[/,|]/.test(inner)) {
      const parts = inner.split(/[/,|]/).map((p) => p.trim().toLowerCase()).filter(Boolean);
      if (parts.length >= 2 && parts.every((p) => p.length <= 12 && !/\s{2,}/.test(p))) listedValues.push(...parts);
    }
    return " ";
  });
  if (SCALE_SUFFIX.test(base)) {
    scale = true;
    base = base.replace(SCALE_SUFFIX, " ");
  }
  const tokens = words(raw.replace(SCALE_SUFFIX, " "));
  // Nothing in brackets and no scale at the end (most headers, and every record cell a search meets): the header's
  // own words are all its words (words() normalises as nfkc() did), worked out once.
  const own = base === normal && !SCALE_SUFFIX.test(raw) ? tokens : words(base);
  const baseTokens = onDate(raw, questionContent(raw, own) ?? own).map((w) => SAME_MEANING[w] ?? w);
  return { raw, tokens, baseTokens: baseTokens.length ? baseTokens : tokens, scale, listedValues };
}

/** Levenshtein distance, stopping early once it passes `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Detection compares every word in a sheet's first rows with every word of
 * every template's vocabulary; the same pairs come up again and again, so
 * answers are remembered (bounded, so a huge workbook cannot grow it forever).
 */
const sameWordMemo = new Map<string, Map<string, boolean>>();
let sameWordMemoSize = 0;
const SAME_WORD_MEMO_LIMIT = 200_000;
const DIGIT = /\d/;

/** Two words the same but for a typo: one edit for words of 5+ letters, two for 9+. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  // An edit changes the length by at most one, and no typo turns letters into digits: most pairs end here, before the memo.
  if (n < 5 || Math.abs(a.length - b.length) > (n >= 9 ? 2 : 1) || DIGIT.test(a) || DIGIT.test(b)) return false;
  // Keyed word by word: building a joined key per comparison cost more than the comparison saved.
  let forA = sameWordMemo.get(a);
  let same = forA?.get(b);
  if (same === undefined) {
    same = editDistance(a, b, 2) <= (n >= 9 ? 2 : 1);
    if (sameWordMemoSize >= SAME_WORD_MEMO_LIMIT) {
      sameWordMemo.clear();
      sameWordMemoSize = 0;
      forA = undefined;
    }
    if (!forA) sameWordMemo.set(a, (forA = new Map()));
    forA.set(b, same);
    sameWordMemoSize++;
  }
  return same;
}
