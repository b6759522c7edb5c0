/**
 * What a column holds, read from the cells under its header, and how well that
 * fits a template column type. Content confirms or weakens a header match
 * ("Impact" over long sentences is not the 1–5 impact), and on its own can
 * recognise a column whose header is in no vocabulary (ids like "rs-1").
 */
import type { CellValue } from "../grid/cell";
import { isLevelWord } from "../risk/levels";
import type { ColumnType } from "../templates/schema";
import { remember } from "../bounded-memo";

export interface ColumnProfile {
  filled: number;
  numbers: number;
  levels: number;
  dates: number;
  percents: number;
  money: number;
  longText: number;
  shortText: number;
  ids: number;
  /** Risk response words: avoid, reduce, transfer, mitigate... */
  responses: number;
  distinct: number;
}

/** Compared with a cell's text lower-cased, a trailing "(...)" left out. */
const RESPONSE_WORDS = new Set(["avoid", "avoidance", "reduce", "reduction", "mitigate", "mitigation", "fallback", "transfer", "share", "accept", "acceptance", "exploit", "enhance", "reject", "escalate", "смягчение", "предотвращение", "предотвращени", "перенос", "принятие", "уклонение"]);
const TRAILING_NOTE = /\s*\(.*\)$/;


const ID = /^[A-Za-zА-Яа-я]{1,8}[-_ ./]?\d{1,6}[A-Za-z]?$/;
const PERCENT_TEXT = /^-?\d+(?:[.,]\d+)?\s*%(?:\s*(?:to|-|–)\s*\d+(?:[.,]\d+)?\s*%)?$/;
const MONEY_TEXT = /^-?(?:[$£€¥]\s*)?-?\d{1,3}(?:[,\s]\d{3})*(?:\.\d+)?\s*(?:[A-Z]{3}|[$£€¥]|k|m)?$/i;
const DATE_TEXT = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$/;

/** What one cell adds to its column's profile; null for a cell that adds nothing (blank, true/false, an error). */
export interface CellTally extends Omit<ColumnProfile, "filled" | "distinct"> {
  /** The cell as told apart from the others for `distinct`. */
  key: string;
}

/**
 * What a text adds, remembered by text (bounded): the cells under every
 * header tried are profiled, and values recur down a column and across
 * files (statuses, levels, owners). Read-only.
 */
const textTallies = new Map<string, CellTally | null>();
const TEXT_TALLY_LIMIT = 20_000;

/** Numbers recur too (levels, scores, the days of a project): what each adds is remembered, dates apart. */
const numberTallies = new Map<number, CellTally>();
const dateTallies = new Map<number, CellTally>();

export function tallyOf(v: CellValue, isDate: boolean): CellTally | null {
  if (v === null || typeof v === "boolean" || typeof v === "object") return null;
  if (typeof v === "number") {
    const memo = isDate ? dateTallies : numberTallies;
    let n = memo.get(v);
    if (n === undefined) {
      n = remember(memo, v, numberTally(v, isDate), TEXT_TALLY_LIMIT);
    }
    return n;
  }
  let t = textTallies.get(v);
  if (t === undefined) {
    t = remember(textTallies, v, textTally(v), TEXT_TALLY_LIMIT);
  }
  return t;
}

function numberTally(v: number, isDate: boolean): CellTally {
  const t: CellTally = { key: String(v).trim().toLowerCase(), numbers: 0, levels: 0, dates: 0, percents: 0, money: 0, longText: 0, shortText: 0, ids: 0, responses: 0 };
  if (isDate) t.dates++;
  else {
    t.numbers++;
    if (Number.isInteger(v) && v >= 1 && v <= 5) t.levels++;
    else if (v > 0 && v < 1) t.percents++;
    if (Number.isInteger(v) && v >= 1 && v < 100000) t.ids += 0.5;
  }
  return t;
}

function textTally(v: string): CellTally | null {
  const s = v.trim();
  if (s === "") return null;
  const lower = s.toLowerCase();
  const t: CellTally = { key: lower, numbers: 0, levels: 0, dates: 0, percents: 0, money: 0, longText: 0, shortText: 0, ids: 0, responses: 0 };
  if (isLevelWord(lower)) t.levels++;
  if (RESPONSE_WORDS.has(lower.includes("(") ? lower.replace(TRAILING_NOTE, "") : lower)) t.responses++;
  if (PERCENT_TEXT.test(s)) {
    t.percents++;
    t.levels++;
  } else if (MONEY_TEXT.test(s)) t.money++;
  else if (DATE_TEXT.test(s)) t.dates++;
  else if (ID.test(s)) t.ids++;
  if (s.length > 40) t.longText++;
  else if (!/^-?[\d.,\s%]+$/.test(s)) t.shortText++;
  return t;
}

/** A column's profile from what each of its cells adds (tallyOf). */
export class ProfileSum {
  private readonly p: ColumnProfile = { filled: 0, numbers: 0, levels: 0, dates: 0, percents: 0, money: 0, longText: 0, shortText: 0, ids: 0, responses: 0, distinct: 0 };
  /**
   * The distinct keys: a list, not a set, as a column profiled holds at most
   * a few dozen cells, and a set grown key by key allocated far more for
   * each column under each header tried.
   */
  private readonly seen: string[] = [];

  add(t: CellTally | null): void {
    if (!t) return;
    const p = this.p;
    p.filled++;
    if (!this.seen.includes(t.key)) this.seen.push(t.key);
    p.numbers += t.numbers;
    p.levels += t.levels;
    p.dates += t.dates;
    p.percents += t.percents;
    p.money += t.money;
    p.longText += t.longText;
    p.shortText += t.shortText;
    p.ids += t.ids;
    p.responses += t.responses;
  }

  profile(): ColumnProfile {
    this.p.distinct = this.seen.length;
    return this.p;
  }
}

export function profileColumn(values: CellValue[], isDate: boolean[]): ColumnProfile {
  const sum = new ProfileSum();
  for (let i = 0; i < values.length; i++) sum.add(tallyOf(values[i], isDate[i]));
  return sum.profile();
}

/**
 * The most contentFit raises a score by. The header search's shortcuts
 * (locate.ts) pass over a row only when it could not beat the header found
 * even with every cell raised this much: a larger factor below must raise
 * this too (a test holds contentFit to it).
 */
export const MAX_CONTENT_FIT = 1.25;

/** A factor around 1: above when content confirms the type, below when it contradicts it. */
export function contentFit(type: ColumnType, fieldId: string, p: ColumnProfile): number {
  if (p.filled < 2) return 1;
  // Shares divided out where read, not through a closure: this runs for every field a header cell may name.
  const filled = p.filled;
  if (fieldId === "id") {
    if (p.ids / filled >= 0.6 && p.distinct >= p.filled * 0.8) return 1.1;
    return p.longText / filled > 0.3 ? 0.5 : 0.9;
  }
  const numericish = (p.numbers + p.money + p.percents) / filled;
  // A column of "Transfer", "mitigate"... is the response, whatever its header says.
  if (p.responses / filled >= 0.6) return fieldId === "response" ? MAX_CONTENT_FIT : fieldId === "mitigation" ? 0.7 : 1;
  switch (type) {
    case "level":
      if (p.levels / filled >= 0.6) return 1.1;
      if (p.longText / filled > 0.4) return 0.45;
      return numericish >= 0.6 ? 1 : 0.75;
    case "number":
    case "integer":
    case "percent":
    case "currency":
      if (numericish >= 0.6) return 1.05;
      if (p.longText / filled > 0.4) return 0.45;
      return p.levels / filled >= 0.6 ? 0.95 : 0.75;
    case "date":
      if (p.dates / filled >= 0.6) return 1.1;
      return p.numbers / filled >= 0.6 ? 0.75 : 0.6;
    case "list":
      if (p.longText / filled > 0.4) return 0.7;
      return (p.shortText + p.levels) / filled >= 0.6 ? 1.05 : 0.9;
    case "text":
      if (p.dates / filled >= 0.6) return 0.6;
      if (numericish >= 0.8) return 0.8;
      return 1;
  }
}
