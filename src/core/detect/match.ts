/**
 * How well one header names one template field, from 0 (not at all) to 1
 * (a listed synonym, word for word). Partial matches score by where the
 * synonym sits in the header: "Probability risk rating" is about probability
 * first, so "probability" at the start outranks "risk rating" later on.
 */
import type { Template, TemplateColumn } from "../templates/schema";
import { normaliseHeader, sameWord, words, type HeaderWords } from "./normalise";
import { remember } from "../bounded-memo";

export interface FieldVocabulary {
  column: TemplateColumn;
  /** Each synonym (and the header itself) as words. */
  phrases: string[][];
}

export interface TemplateVocabulary {
  template: Template;
  fields: FieldVocabulary[];
  /** How much finding a field says about this kind (fields many kinds share say little). */
  weight: Map<string, number>;
}

export function buildVocabularies(templates: readonly Template[]): TemplateVocabulary[] {
  const kindsPerField = new Map<string, Set<string>>();
  for (const t of templates) for (const c of t.columns) (kindsPerField.get(c.id) ?? kindsPerField.set(c.id, new Set()).get(c.id))!.add(t.kind);
  return templates.map((template) => ({
    template,
    fields: template.columns.map((column) => {
      const seen = new Set<string>();
      const phrases: string[][] = [];
      for (const s of [column.header, column.id.replace(/([a-z])([A-Z])/g, "$1 $2"), ...column.synonyms]) {
        const w = words(s);
        const key = w.join(" ");
        if (w.length && !seen.has(key)) {
          seen.add(key);
          phrases.push(w);
        }
      }
      return { column, phrases };
    }),
    weight: new Map(template.columns.map((c) => [c.id, 1 / Math.sqrt(kindsPerField.get(c.id)?.size ?? 1)])),
  }));
}

function phraseAt(tokens: readonly string[], phrase: string[], fuzzy: boolean): number {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let k = 0; k < phrase.length; k++) {
      const t = tokens[i + k];
      if (!(t === phrase[k] || (fuzzy && sameWord(t, phrase[k])))) continue outer;
    }
    return i;
  }
  return -1;
}

/** Score of a header's words against one synonym phrase. */
/**
 * Words that name many things ("date", "risk", "name"): as a synonym on their
 * own they only count when they are the whole header.
 */
const GENERIC_WORDS = new Set([
  "risk", "name", "item", "date", "type", "level", "value", "code", "total", "area", "group", "when",
  "review", "action", "actions", "current", "actual", "due", "from", "to", "text", "document", "cost",
  "period", "month", "year", "key", "number", "plan", "control", "event", "effect", "change", "issue",
  "decision", "raised", "closed", "logged", "submitted", "created", "opened", "resolved", "planned",
  "earned", "completed", "forecast", "target", "baseline", "internal", "external", "desired", "support",
]);

function phraseScore(tokens: readonly string[], phrase: string[]): number {
  if (!tokens.length) return 0;
  const short = phrase.length === 1 && phrase[0].length <= 2;
  const generic = phrase.length === 1 && GENERIC_WORDS.has(phrase[0]);
  if (tokens.length === phrase.length) {
    // Longer exact phrases are more specific: "risk category" beats "workstream" for category.
    if (tokens.every((t, i) => t === phrase[i])) return 1 + 0.01 * (phrase.length - 1);
    if (!short && tokens.every((t, i) => sameWord(t, phrase[i]))) return 0.88;
  }
  if (generic) return 0;
  // One- and two-letter synonyms ("p", "#", "no") only count as the whole header or its first word.
  const pos = phraseAt(tokens, phrase, !short);
  if (pos < 0) return 0;
  if (short && pos !== 0) return 0;
  const coverage = phrase.length / tokens.length;
  const place = pos === 0 ? 0.8 : Math.max(0.45, 0.68 - 0.06 * pos);
  return place * (0.75 + 0.25 * coverage) * (short ? 0.85 : 1);
}

const RESIDUAL_WORDS = new Set(["residual", "post", "after", "remaining", "target", "остаточный", "остаточная", "остаточное"]);

export function isResidualHeader(h: HeaderWords, groupWords: readonly string[] = []): boolean {
  return h.baseTokens.some((w) => RESIDUAL_WORDS.has(w)) || groupWords.some((w) => RESIDUAL_WORDS.has(w));
}

/** Scores by field and header text: the same texts recur down a sheet's first rows and across sheets. */
const scoreMemo = new WeakMap<FieldVocabulary, Map<string, number>>();

export function headerFieldScore(h: HeaderWords, field: FieldVocabulary): number {
  let memo = scoreMemo.get(field);
  if (!memo) scoreMemo.set(field, (memo = new Map()));
  let score = memo.get(h.raw);
  if (score === undefined) {
    score = scoreHeaderForField(h, field);
    if (memo.size > 50_000) memo.clear();
    memo.set(h.raw, score);
  }
  return score;
}

/**
 * A header's scores against every field of one template, in the template's
 * field order. Detection asks this for each header cell of each candidate row
 * of each sheet against each template: one lookup per header and template,
 * not one per field, and a bounded memo per template (header texts that
 * recur across rows, sheets and files are scored once).
 */
const rowMemo = new WeakMap<TemplateVocabulary, Map<string, Float64Array>>();
const ROW_MEMO_LIMIT = 5_000;

export function headerScores(h: HeaderWords, vocab: TemplateVocabulary): Float64Array {
  let memo = rowMemo.get(vocab);
  if (!memo) rowMemo.set(vocab, (memo = new Map()));
  let scores = memo.get(h.raw);
  if (!scores) {
    scores = new Float64Array(vocab.fields.length);
    if (mayName(h, vocab)) for (let i = 0; i < scores.length; i++) scores[i] = scoreHeaderForField(h, vocab.fields[i]);
    remember(memo, h.raw, scores, ROW_MEMO_LIMIT);
  }
  return scores;
}

/**
 * The first words of a template's phrases. A phrase scores only where the
 * header holds its first word, or that word but for a typo (sameWord: five
 * letters or more, lengths at most two apart), so a header with none of them
 * scores 0 on every field of the template: most cells of record rows met as
 * candidate headers ("P0012-R4", "Owner 3") are told so without scoring.
 */
interface FirstWords {
  exact: Set<string>;
  /** Words of five letters or more by length, for the typo check. */
  byLength: Map<number, string[]>;
}

const firstWordsMemo = new WeakMap<TemplateVocabulary, FirstWords>();

function firstWordsOf(vocab: TemplateVocabulary): FirstWords {
  let fw = firstWordsMemo.get(vocab);
  if (!fw) {
    fw = { exact: new Set(), byLength: new Map() };
    for (const f of vocab.fields) for (const phrase of f.phrases) fw.exact.add(phrase[0]);
    for (const w of fw.exact) if (w.length >= 5) (fw.byLength.get(w.length) ?? fw.byLength.set(w.length, []).get(w.length))!.push(w);
    firstWordsMemo.set(vocab, fw);
  }
  return fw;
}

function firstWordsIn(words: FirstWords, t: string): boolean {
  if (words.exact.has(t)) return true;
  if (t.length < 5) return false;
  for (let len = t.length - 2; len <= t.length + 2; len++) for (const w of words.byLength.get(len) ?? []) if (sameWord(t, w)) return true;
  return false;
}

/** Per template, the words found to be one of its first words or not (bounded): words recur far more than whole texts. */
const firstWordHits = new WeakMap<TemplateVocabulary, Map<string, boolean>>();
const FIRST_WORD_HITS_LIMIT = 50_000;

function mayName(h: HeaderWords, vocab: TemplateVocabulary): boolean {
  const fw = firstWordsOf(vocab);
  let hits = firstWordHits.get(vocab);
  if (!hits) firstWordHits.set(vocab, (hits = new Map()));
  for (const list of [h.tokens, h.baseTokens]) for (const t of list) if (rememberedFirstWord(hits, fw, t)) return true;
  return false;
}

/** firstWordsIn, remembered word by word in `hits` (bounded). */
function rememberedFirstWord(hits: Map<string, boolean>, words: FirstWords, t: string): boolean {
  let hit = hits.get(t);
  if (hit === undefined) {
    hit = remember(hits, t, firstWordsIn(words, t), FIRST_WORD_HITS_LIMIT);
  }
  return hit;
}

/** The first words of every phrase of several templates together, and the words found to be one of them or not (bounded). */
interface AnyFirstWords {
  words: FirstWords;
  seen: Map<string, boolean>;
}

const anyFirstWordsMemo = new WeakMap<readonly TemplateVocabulary[], AnyFirstWords>();

/**
 * Whether any of these templates could name the header (mayName of one of
 * them): asked once per header before asking each template, since most
 * record cells met as candidate headers (ids, names, sentences) hold no
 * template's first word at all. Words recur more than whole texts do, so
 * the answer is remembered word by word.
 */
export function mayNameAny(h: HeaderWords, vocabularies: readonly TemplateVocabulary[]): boolean {
  let any = anyFirstWordsMemo.get(vocabularies);
  if (!any) {
    any = { words: { exact: new Set(), byLength: new Map() }, seen: new Map() };
    for (const v of vocabularies) {
      const fw = firstWordsOf(v);
      for (const w of fw.exact) any.words.exact.add(w);
    }
    for (const w of any.words.exact) if (w.length >= 5) (any.words.byLength.get(w.length) ?? any.words.byLength.set(w.length, []).get(w.length))!.push(w);
    anyFirstWordsMemo.set(vocabularies, any);
  }
  for (const list of [h.tokens, h.baseTokens]) for (const t of list) if (rememberedFirstWord(any.seen, any.words, t)) return true;
  return false;
}

function scoreHeaderForField(h: HeaderWords, field: FieldVocabulary): number {
  let best = 0;
  // Most headers have no parenthesised part or scale: their own words are all their words, and score the same.
  const ownWordsOnly = h.tokens.length === h.baseTokens.length && h.tokens.every((t, i) => t === h.baseTokens[i]);
  field.phrases.forEach((phrase, rank) => {
    // Earlier synonyms are the field's own words; a later one only wins on a better match.
    const own = phraseScore(h.baseTokens, phrase);
    const s = (ownWordsOnly ? own : Math.max(own, phraseScore(h.tokens, phrase) * 0.95)) - 0.002 * Math.min(rank, 20);
    best = Math.max(best, s);
  });
  if (best === 0) return 0;
  const t = field.column.type;
  const numeric = t === "level" || t === "number" || t === "integer" || t === "percent";
  if (h.scale) best = numeric ? Math.min(1, best + 0.12) : best * 0.6;
  if (h.listedValues.length) best = t === "level" || t === "list" ? Math.min(1, best + 0.05) : best * 0.8;
  return best;
}

export { normaliseHeader };
