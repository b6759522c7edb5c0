/**
 * Levels written as words ("High", "Med", "L", "Very High", "Likely",
 * "25% to 50%") and the numbers they stand for. One place for detection
 * (is this a column of levels?), apply (the Score formula looks the level up
 * on this scale), validation and heat maps (which cell of the matrix).
 *
 * Each family is an ordered scale, lowest first. The scale follows the
 * workbook: a column written in Low / Medium / High (no "Very" either end) is
 * on a three-step scale, so High × High scores 9 on its 3×3 matrix, the top
 * band, rather than 16 of a five-step scale it never used. Percentage bands
 * are ordered by where they start. Numbers are levels themselves, except
 * PMBOK's fractions (probabilities 0.1–0.9, impacts 0.05–0.8), which fall
 * into five steps.
 */
import type { CellValue } from "../grid/cell";
import { listKey } from "../validate/suggest";

/** One step of a scale: the words that mean it and its value. */
export interface LevelStep {
  value: number;
  words: string[];
}

export interface LevelScale {
  /** What the scale is, for messages: "Very Low … Very High". */
  name: string;
  steps: LevelStep[];
}

const FAMILIES: LevelScale[] = [
  {
    name: "Very Low … Very High",
    steps: [
      { value: 1, words: ["very low", "vl", "v low", "lowest", "очень низкая", "очень низкое", "очень низкий"] },
      { value: 2, words: ["low", "l", "lo", "низкая", "низкое", "низкий"] },
      { value: 3, words: ["medium", "med", "m", "mid", "moderate", "средняя", "среднее", "средний"] },
      { value: 4, words: ["high", "h", "hi", "высокая", "высокое", "высокий"] },
      { value: 5, words: ["very high", "vh", "v high", "highest", "очень высокая", "очень высокое", "очень высокий"] },
    ],
  },
  {
    name: "Rare … Almost certain",
    steps: [
      { value: 1, words: ["rare", "very unlikely", "remote"] },
      { value: 2, words: ["unlikely", "improbable"] },
      { value: 3, words: ["possible", "possibly"] },
      { value: 4, words: ["likely", "probable"] },
      { value: 5, words: ["almost certain", "very likely", "certain", "expected"] },
    ],
  },
  {
    name: "Insignificant … Catastrophic",
    steps: [
      { value: 1, words: ["insignificant", "negligible", "trivial"] },
      { value: 2, words: ["minor"] },
      { value: 3, words: ["moderate", "significant"] },
      { value: 4, words: ["major", "serious", "severe"] },
      { value: 5, words: ["catastrophic", "critical", "extreme", "disastrous"] },
    ],
  },
];

/** The three middle steps of the first family, renumbered: a register's own Low / Medium / High scale. */
const LOW_MEDIUM_HIGH: LevelScale = {
  name: "Low … High",
  steps: FAMILIES[0].steps.slice(1, 4).map((s, i) => ({ value: i + 1, words: s.words })),
};

/**
 * Every five-step family's words on one scale, for a column that mixes them
 * ("Moderate", "Very likely", "Extreme"): the families agree step for step,
 * and a word in two of them ("moderate") has the same value in both.
 */
const MIXED_FIVE_STEP: LevelScale = {
  name: "Mixed words, five steps",
  steps: FAMILIES[0].steps.map((s, k) => ({ value: s.value, words: [...new Set(FAMILIES.flatMap((f) => f.steps[k].words))] })),
};

/** Every word of every family, for telling a column of levels from other text. */
const ALL_LEVEL_WORDS = new Set(FAMILIES.flatMap((f) => f.steps.flatMap((s) => s.words)));

export function isLevelWord(text: string): boolean {
  return ALL_LEVEL_WORDS.has(listKey(text));
}

const PERCENT_BAND = /^\s*[<>≤≥]?\s*(\d+(?:[.,]\d+)?)\s*%?\s*(?:(?:-|–|—|to)\s*(\d+(?:[.,]\d+)?)\s*%)?\s*$/i;

/** A band like "25% to 50%" or "> 70%": where it starts, or null. */
function bandStart(text: string): number | null {
  if (!/%/.test(text)) return null;
  const m = PERCENT_BAND.exec(text);
  if (!m) return null;
  const start = Number(m[1].replace(",", "."));
  return /^\s*</.test(text) ? start - 0.5 : start;
}

/**
 * Bands of one width that divide 0–100% into three to five ("50% to 75%",
 * "75% to 100%"): the whole scale of that width, each band on its own step,
 * even where the register uses only some of them.
 */
function equalBandScale(bands: string[]): LevelScale | null {
  const spans = bands.map((b) => {
    const m = PERCENT_BAND.exec(b);
    return m?.[2] === undefined ? null : { start: Number(m[1].replace(",", ".")), end: Number(m[2].replace(",", ".")) };
  });
  if (spans.some((x) => x === null)) return null;
  const width = (spans[0] as { start: number; end: number }).end - (spans[0] as { start: number; end: number }).start;
  const steps = 100 / width;
  if (!Number.isInteger(steps) || steps < 3 || steps > 5) return null;
  if (spans.some((x) => x && (x.end - x.start !== width || x.start % width !== 0))) return null;
  return {
    name: `0% to 100% in ${steps} bands`,
    steps: Array.from({ length: steps }, (_, k) => {
      const own = bands.filter((_, i) => (spans[i] as { start: number }).start === k * width).map(listKey);
      return { value: k + 1, words: own.length ? own : [`${k * width}% to ${(k + 1) * width}%`] };
    }),
  };
}

/** The value of a level on a scale; null when the text is not on it. */
export function levelValue(text: string, scale: LevelScale): number | null {
  const k = listKey(text);
  for (const s of scale.steps) if (s.words.includes(k)) return s.value;
  return null;
}

function textsOf(values: readonly CellValue[]): string[] {
  return values.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
}

/**
 * The scale a column's levels are written on, or null when the column holds
 * numbers (they need no lookup) or words of no known scale. The family that
 * names most of the column's words wins; percentage bands make a scale of
 * their own, ordered by where each starts.
 */
export function scaleOfColumn(values: readonly CellValue[]): LevelScale | null {
  const texts = textsOf(values);
  const numbers = values.filter((v) => typeof v === "number").length;
  if (texts.length === 0 || numbers >= texts.length) return null;
  let best: { scale: LevelScale; hits: number } | null = null;
  for (const f of FAMILIES) {
    const hits = texts.filter((t) => levelValue(t, f) !== null).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { scale: f, hits };
  }
  // A single percentage ("70%") is a value, read as a fraction; only ranges and "> 70%" make bands.
  const bands = [...new Set(texts.filter((t) => bandStart(t) !== null && fractionOfText(t) === null))].sort((a, b) => (bandStart(a) as number) - (bandStart(b) as number));
  if (bands.length >= 2 && (!best || bands.length > best.hits)) {
    return equalBandScale(bands) ?? { name: `${bands[0]} … ${bands[bands.length - 1]}`, steps: bands.map((b, i) => ({ value: i + 1, words: [listKey(b)] })) };
  }
  const mixedHits = texts.filter((t) => levelValue(t, MIXED_FIVE_STEP) !== null).length;
  if (best && mixedHits > best.hits) best = { scale: MIXED_FIVE_STEP, hits: mixedHits };
  if (!best || best.hits * 2 < texts.length) return null;
  if (best.scale === FAMILIES[0] && texts.every((t) => levelValue(t, LOW_MEDIUM_HIGH) !== null || levelValue(t, FAMILIES[0]) === null)) return LOW_MEDIUM_HIGH;
  return best.scale;
}

/** How a level column's cells become levels 1…steps. */
export type LevelReading =
  | { kind: "numbers"; steps: number }
  /** PMBOK-style fractions: a value below `thresholds[k]` (and not below the one before) is level k + 1. */
  | { kind: "fractions"; steps: number; thresholds: number[] }
  | { kind: "words"; steps: number; scale: LevelScale };

/** Midpoints between PMBOK's probability steps 0.1/0.3/0.5/0.7/0.9 and impact steps 0.05/0.1/0.2/0.4/0.8. */
const PMBOK_THRESHOLDS = { probability: [0.2, 0.4, 0.6, 0.8], impact: [0.075, 0.15, 0.3, 0.6] };

const NUMBER_TEXT = /^[+-]?(\d+(?:\.\d*)?|\.\d+)(%?)$/;

/**
 * A number typed as text ("70%", "0.7", " 7.5% "), as a formula's
 * arithmetic reads it (`"70%"*1` is 0.7 in Excel and LibreOffice alike);
 * null for any other text. Only plain digits with a point and an optional
 * trailing %: the forms every locale reads the same way.
 */
export function fractionOfText(text: string): number | null {
  const m = NUMBER_TEXT.exec(text.trim());
  if (!m) return null;
  const n = Number(text.trim().replace(/%$/, ""));
  return Number.isFinite(n) ? (m[2] ? n / 100 : n) : null;
}

/** A fraction column's cell as a number: itself, or the number its text holds ("70%" is 0.7); null otherwise. */
export function fractionValue(v: CellValue): number | null {
  if (typeof v === "number") return v;
  return typeof v === "string" ? fractionOfText(v) : null;
}

/**
 * Fractions between 0 and 1: PMBOK's numeric scale (or percentages typed as
 * numbers), not levels 1–n. More of the numbers lie strictly between 0 and
 * 1 than above 1, so a stray 0 or a typo such as 1.5 in a PMBOK column
 * leaves that one cell without a level rather than turning the whole
 * column into whole-number levels, while a 1–5 column with one 0.5 typed
 * in stays a 1–5 column.
 */
export function isFractionColumn(values: readonly CellValue[]): boolean {
  const numbers = values.map(fractionValue).filter((v): v is number => v !== null);
  const fractions = numbers.filter((n) => n > 0 && n < 1).length;
  return fractions > 0 && fractions > numbers.filter((n) => n > 1 || n < 0).length;
}

/**
 * How to read a level column: on the scale of its words when it holds words,
 * as PMBOK fractions, or as whole numbers on the workbook's `steps`.
 */
export function levelReading(values: readonly CellValue[], dimension: "probability" | "impact", steps: number): LevelReading {
  const scale = scaleOfColumn(values);
  if (scale) return { kind: "words", steps: Math.max(...scale.steps.map((s) => s.value)), scale };
  if (isFractionColumn(values)) return { kind: "fractions", steps: 5, thresholds: PMBOK_THRESHOLDS[dimension] };
  return { kind: "numbers", steps };
}

/**
 * A cell's level on a reading, 1…steps, or null (blank, off the scale, text
 * among numbers). Words are matched as the workbook's formulas match them
 * (trimmed, any case); numbers must be whole levels on the scale.
 */
export function levelOnReading(v: CellValue, reading: LevelReading): number | null {
  if (reading.kind === "fractions") {
    const n = fractionValue(v);
    if (n === null || !(n > 0 && n <= 1)) return null;
    const below = reading.thresholds.findIndex((t) => n < t);
    return below < 0 ? reading.steps : below + 1;
  }
  if (typeof v === "number") {
    return Number.isInteger(v) && v >= 1 && v <= reading.steps ? v : null;
  }
  if (reading.kind === "words" && typeof v === "string") return levelValue(v, reading.scale);
  return null;
}

/** The words of each step a formula may match (those a person would type: none holding a quote). */
export function typedWords(step: LevelStep): string[] {
  return step.words.filter((w) => !/"/.test(w));
}

/** Cells (by index) whose text is not on the scale: a score cannot be worked out for them. */
export function offScale(values: readonly CellValue[], scale: LevelScale): number[] {
  const out: number[] = [];
  values.forEach((v, i) => {
    // A number typed as text is off the scale too: the formula cannot read it, so its score stays empty.
    if (typeof v === "string" && v.trim() !== "" && levelValue(v, scale) === null) out.push(i);
  });
  return out;
}

/** A level cell's number: itself when it is one, its step on the scale when it is a word; null when neither. */
export function levelNumber(v: CellValue, scale: LevelScale | undefined): number | null {
  if (typeof v === "number") return v;
  if (typeof v !== "string" || v.trim() === "") return null;
  if (scale) return levelValue(v, scale);
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : null;
}

/**
 * The spreadsheet expression for a level cell's number: the cell itself when
 * it holds a number, else its step looked up on the scale. An off-scale word
 * gives #N/A here, which the caller turns into an empty score.
 */
export function levelLookupExpression(ref: string, scale: LevelScale): string {
  const words: string[] = [];
  const values: number[] = [];
  for (const s of scale.steps) {
    for (const w of typedWords(s)) {
      words.push(w);
      values.push(s.value);
    }
  }
  const list = words.map((w) => `"${w}"`).join(",");
  return `IF(ISNUMBER(${ref}),${ref},INDEX({${values.join(",")}},MATCH(TRIM(${ref}),{${list}},0)))`;
}

/**
 * The spreadsheet expression for a fraction cell's level (PMBOK's 0.1–0.9,
 * or a percentage: 70% typed as a number, or "70%" as text): its place
 * among the thresholds, as `levelOnReading` finds it, 1…thresholds.length
 * + 1. `×1` reads a number typed as text as core's `fractionOfText` does;
 * a blank is 0, and 0, a value over 1, TRUE or FALSE or other text give
 * #N/A (or #VALUE!), which the caller turns into an empty cell, as core
 * gives no level. MATCH with its default type finds the last threshold the value
 * reaches; 0 heads the list so every value above 0 reaches one.
 */
export function fractionLevelExpression(ref: string, thresholds: readonly number[]): string {
  const v = `${ref}*1`;
  return `IF(AND(${notLogicalExpression(ref)},${v}>0,${v}<=1),MATCH(${v},{${[0, ...thresholds].join(",")}}),NA())`;
}

/**
 * 1 (TRUE) unless the cell holds TRUE or FALSE. Arithmetic reads TRUE as 1,
 * which a fraction column would take for 100% (level 5); a yes/no is not a
 * probability or impact, and core (`fractionValue`) gives it no level, so
 * the workbook's fraction formulas test for it. Over a range inside
 * SUMPRODUCT it tests each cell.
 */
export function notLogicalExpression(ref: string): string {
  return `NOT(ISLOGICAL(${ref}))`;
}
