/**
 * Finding a register's header row in a sheet and mapping its columns to a
 * template's fields. Every row near the top is tried as a header against every
 * template; a row wins by how much of a template it names (fields unique to a
 * kind count most), how much of the row is named, and whether the cells below
 * hold what those fields should hold. Group rows above the header (merged
 * "Risk Assessment" cells) are read too.
 */
import { columnLetter, type RangeAddress } from "../grid/address";
import type { Template } from "../templates/schema";
import { contextMentions, idNounOf, itemNounOf, kindNouns } from "./kind-words";
import { headerScores, isResidualHeader, mayNameAny, type TemplateVocabulary } from "./match";
import { normaliseHeader, words, type HeaderWords } from "./normalise";
import { contentFit, MAX_CONTENT_FIT, ProfileSum, tallyOf, type ColumnProfile } from "./profile";
import { bottomRow, hasText, headerTextOf, isDateCell, mergeAt, rightColumn, valueAt, type SheetCells } from "./sheet-cells";
import { remember } from "../bounded-memo";

export interface HeaderCell {
  col: number;
  text: string;
  /** Words of the group cells above this column, top first. */
  groupWords: readonly string[];
  groupText: string;
}

export interface FieldMatch {
  fieldId: string;
  col: number;
  header: string;
  /** 0..1 after content checks. */
  confidence: number;
  source: "header" | "content";
  note?: string;
}

export interface Assignment {
  template: Template;
  matches: FieldMatch[];
  evidence: number;
  /** Header cells that matched some field of this template. */
  namedCells: number;
}

export interface LocatedRegister {
  headerRow: number;
  /** Rows above the header that group its columns. */
  groupRows: number[];
  headerCells: HeaderCell[];
  firstCol: number;
  lastCol: number;
  best: Assignment;
  runnerUp: Assignment | null;
  /** 0..1: how header-like the row is on its own (dense, short labels, no record right above). */
  rowFactor: number;
  notes: string[];
}

/** Header rows are looked for this far down a sheet. */
export const HEADER_SEARCH_ROWS = 60;
/** Cells under a candidate header read to profile its columns. */
const PROFILE_ROWS = 30;

const RESIDUAL_OF: Record<string, string> = {
  probability: "residualProbability",
  impact: "residualImpact",
  score: "residualScore",
};

const LABEL_VALUE = /^[^:]{1,40}:\s*\S/;

/** "Owner: Sam", a label and its value in one cell. Most texts have no colon: that is looked for first. */
function isLabelValue(text: string): boolean {
  const colon = text.indexOf(":");
  return colon >= 1 && colon <= 40 && LABEL_VALUE.test(text);
}

function inExcluded(row: number, col: number, exclude: readonly RangeAddress[]): boolean {
  for (let i = 0; i < exclude.length; i++) {
    const r = exclude[i];
    if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) return true;
  }
  return false;
}

/** A row's text cells as header cells, with nothing left out; the cells are shared: read-only. */
interface RowReading extends RowHeaderCells {
  /** Columns holding a number. */
  numberCols: readonly number[];
  /** The cells split into blocks side by side (headerBlocks), once asked for. */
  blocks?: (readonly HeaderCell[])[];
}

/**
 * Shared by every header cell read from a row and by rows without numbers:
 * every row near the top of every sheet is read, and few header cells ever
 * get group words (applyGroups gives those copies arrays of their own).
 */
const NO_WORDS: readonly string[] = Object.freeze([]);
const NO_COLUMNS: readonly number[] = Object.freeze([]);

/**
 * A row's cells and number columns are gathered here first and copied out
 * at their size: arrays grown a push at a time were half empty, and every
 * row near the top of every sheet is read. Only readRow uses them, and it
 * calls nothing that calls it.
 */
const rowCellsScratch: HeaderCell[] = [];
const numberColsScratch: number[] = [];
const NO_CELLS: readonly HeaderCell[] = Object.freeze([]);

function readRow(cells: SheetCells, row: number, right: number): RowReading {
  let found = 0;
  let numbers = 0;
  let labels = 0;
  const merged = cells.merges.length > 0;
  const values = cells.values[row - cells.top];
  // Without merged areas a row holds nothing past its last value.
  const last = merged ? right : Math.min(right, cells.left + (values?.length ?? 0) - 1);
  for (let col = cells.left; col <= last; col++) {
    const m = merged ? mergeAt(cells, row, col) : undefined;
    if (m && m.left !== col) continue;
    const v = m ? valueAt(cells, m.top, m.left) : (values?.[col - cells.left] ?? null);
    if (typeof v === "number") numberColsScratch[numbers++] = col;
    const text = headerTextOf(v);
    if (!text || text.length > 160) continue;
    if (isLabelValue(text)) labels++;
    rowCellsScratch[found++] = { col, text, groupWords: NO_WORDS, groupText: "" };
  }
  return {
    cells: found ? rowCellsScratch.slice(0, found) : NO_CELLS,
    numbers,
    labels,
    numberCols: numbers ? numberColsScratch.slice(0, numbers) : NO_COLUMNS,
    // Set here, not added later, so that every reading keeps one shape.
    blocks: undefined,
  };
}

interface RowHeaderCells {
  cells: readonly HeaderCell[];
  numbers: number;
  labels: number;
}

/**
 * A row of a register found, read again by the search for the next one: all
 * of it inside the register, as most such rows are. Shared: read-only.
 */
const NOTHING_LEFT: RowHeaderCells = Object.freeze({ cells: Object.freeze([]), numbers: 0, labels: 0 });

/** A row's reading without the cells inside `exclude`. */
function excluding(reading: RowReading, row: number, exclude: readonly RangeAddress[]): RowHeaderCells {
  let crossed = false;
  for (let i = 0; i < exclude.length && !crossed; i++) crossed = row >= exclude[i].top && row <= exclude[i].bottom;
  if (!crossed) return reading;
  // Counted before anything is copied: each search after the first reads every row of the registers found before it.
  // Indexed loops: an iterator here allocated a result per cell.
  const { cells, numberCols } = reading;
  let kept = 0;
  for (let i = 0; i < cells.length; i++) if (!inExcluded(row, cells[i].col, exclude)) kept++;
  let numbers = 0;
  for (let i = 0; i < numberCols.length; i++) if (!inExcluded(row, numberCols[i], exclude)) numbers++;
  if (kept === cells.length && numbers === reading.numbers) return reading;
  if (kept === 0 && numbers === 0) return NOTHING_LEFT;
  const out: HeaderCell[] = [];
  let labels = 0;
  for (let i = 0; i < cells.length; i++) {
    if (inExcluded(row, cells[i].col, exclude)) continue;
    out.push(cells[i]);
    if (isLabelValue(cells[i].text)) labels++;
  }
  return { cells: out, numbers, labels };
}

/** Text cells of a row as header cells; a merged header counts once, at its left column. */
export function headerCellsOf(cells: SheetCells, row: number, exclude: RangeAddress[] = [], right = rightColumn(cells)): RowHeaderCells {
  return excluding(readRow(cells, row, right), row, exclude);
}

/**
 * One sheet's rows as the header search reads them, each read once for all
 * the searches of the sheet: the register search, the search for a block of
 * uncertain kind when that fails, and the searches for further registers
 * stacked or side by side (which leave out the ones found). The cells must
 * not change while it is in use; the header cells it gives are shared, and
 * read-only.
 */
export class SheetRows {
  readonly right: number;
  /** By row, from the top of the cells. */
  private readonly readings: (RowReading | undefined)[] = [];

  /** The profiles under each row tried as a header, kept for every search and template that asks. */
  private readonly profilesByRow = new Map<number, ProfilesBelow>();

  constructor(readonly cells: SheetCells) {
    this.right = rightColumn(cells);
  }

  profilesBelow(row: number): ColumnProfiles {
    let p = this.profilesByRow.get(row);
    if (!p) this.profilesByRow.set(row, (p = new ProfilesBelow(this.cells, row)));
    return p;
  }

  headerCells(row: number, exclude: readonly RangeAddress[] = []): RowHeaderCells {
    let reading = this.readings[row - this.cells.top];
    if (!reading) this.readings[row - this.cells.top] = reading = readRow(this.cells, row, this.right);
    return excluding(reading, row, exclude);
  }

  /** headerBlocks of a row's header cells (as headerCells gave them); worked out once for the whole row. Read-only. */
  headerBlocks(row: number, header: RowHeaderCells): (readonly HeaderCell[])[] {
    const reading = this.readings[row - this.cells.top];
    if (reading && header === reading) return (reading.blocks ??= headerBlocks(this.cells, row, reading.cells));
    return headerBlocks(this.cells, row, header.cells);
  }
}

/** Rows under a header looked at to tell a spacer column from a column with no header. */
const GAP_LOOKAHEAD = 12;

/** A column with nothing in the header row and nothing below it: what separates two blocks side by side. */
function emptyColumn(cells: SheetCells, row: number, col: number): boolean {
  const last = Math.min(bottomRow(cells), row + GAP_LOOKAHEAD);
  for (let r = row; r <= last; r++) {
    const m = mergeAt(cells, r, col);
    const v = m ? valueAt(cells, m.top, m.left) : valueAt(cells, r, col);
    if (v !== null && !(typeof v === "string" && v.trim() === "")) return false;
  }
  return true;
}

/**
 * A header row's cells split into blocks side by side: a register, then
 * (after an empty column) the lists its drop-downs read, notes, or a second
 * register. Each block is a candidate of its own.
 */
export function headerBlocks(cells: SheetCells, row: number, header: readonly HeaderCell[]): (readonly HeaderCell[])[] {
  let blocks: (readonly HeaderCell[])[] | undefined;
  let start = 0;
  for (let i = 1; i < header.length; i++) {
    if (!emptyColumnBetween(cells, row, header[i - 1], header[i])) continue;
    (blocks ??= []).push(header.slice(start, i));
    start = i;
  }
  // Most rows are one block: that block is the row's own array, not a copy (blocks are read-only).
  if (!blocks) return header.length ? [header] : [];
  blocks.push(header.slice(start));
  return blocks;
}

/** Whether an empty column stands between two header cells of a row (past the first one's merged area). */
function emptyColumnBetween(cells: SheetCells, row: number, prev: HeaderCell, next: HeaderCell): boolean {
  const m = mergeAt(cells, row, prev.col);
  for (let c = m ? m.right + 1 : prev.col + 1; c < next.col; c++) if (emptyColumn(cells, row, c)) return true;
  return false;
}

/** The profile of one column under a header row, its first PROFILE_ROWS cells (a merged area counted once, at its top-left cell). */
function profileBelow(cells: SheetCells, row: number, col: number): ColumnProfile {
  const last = Math.min(bottomRow(cells), row + PROFILE_ROWS);
  const sum = new ProfileSum();
  const merged = cells.merges.length > 0;
  for (let r = row + 1; r <= last; r++) {
    const m = merged ? mergeAt(cells, r, col) : undefined;
    if (m && (m.top !== r || m.left !== col)) continue;
    const v = valueAt(cells, r, col);
    // Only a number can be a date (by its format).
    sum.add(tallyOf(v, typeof v === "number" && isDateCell(cells, r, col)));
  }
  return sum.profile();
}

/** Profiles of a header row's columns, by column. */
export interface ColumnProfiles {
  get(col: number): ColumnProfile | undefined;
}

/**
 * The profiles of the columns under a header row, each worked out when first
 * asked for: most cells of a row tried as a header name no field, and the
 * profile under them is never read.
 */
class ProfilesBelow implements ColumnProfiles {
  private readonly done = new Map<number, ColumnProfile>();

  constructor(
    private readonly cells: SheetCells,
    private readonly row: number,
  ) {}

  get(col: number): ColumnProfile {
    let p = this.done.get(col);
    if (!p) this.done.set(col, (p = profileBelow(this.cells, this.row, col)));
    return p;
  }
}

/** What surrounds a header: the sheet's name and the titles above it, as words. */
export interface HeaderContext {
  words: string[];
}

/** Evidence a kind gets from an id column named for it ("Decision ID Code"). */
const OWN_ID_EVIDENCE = 0.8;
/** Evidence a kind gets from its noun in the sheet name or title ("Assumptions"). */
const CONTEXT_EVIDENCE = 0.35;

/**
 * The field a header made of the kind's noun belongs to: "Assumption" or
 * "Milestone name" names each record; "Change summary" or "Risk details"
 * describes it.
 */
function itemField(fieldIds: Set<string>, h: HeaderWords): string | undefined {
  const describes = h.baseTokens.length === 2 && !["name", "title"].includes(h.baseTokens[1]);
  const order = describes ? ["description", "event", "title", "milestone", "name"] : ["title", "milestone", "name", "event", "description"];
  return order.find((f) => fieldIds.has(f));
}

/** Each template's field ids: assignFields runs for every candidate row against every template. */
const fieldIdsMemo = new WeakMap<TemplateVocabulary, Set<string>>();

function fieldIdsOf(vocab: TemplateVocabulary): Set<string> {
  let ids = fieldIdsMemo.get(vocab);
  if (!ids) fieldIdsMemo.set(vocab, (ids = new Set(vocab.fields.map((f) => f.column.id))));
  return ids;
}

/**
 * Whether a header cell is a candidate for one template: some field scores
 * 0.4 on its words, or its kind noun names the template's id or item.
 */
function isCandidate(c: CellWords, vocab: TemplateVocabulary): boolean {
  const nouns = kindNouns(vocab.template);
  if ((!!c.idNoun && nouns.includes(c.idNoun)) || (!!c.itemNoun && nouns.includes(c.itemNoun))) return true;
  const scores = headerScores(c.h, vocab);
  for (let i = 0; i < scores.length; i++) if (scores[i] >= 0.4) return true;
  return false;
}

/**
 * A header text as the search reads it against a set of templates: its
 * words, and which templates it is a candidate cell for (one flag per
 * template). Detection asks this of every cell of every candidate row, and
 * the texts recur down a sheet and across files, so it is worked out once
 * per text (bounded, like the header memo). Read-only.
 */
interface TextReading {
  words: CellWords;
  flags: Uint8Array;
  /** Some flag is set. */
  any: boolean;
}

const textMemo = new WeakMap<readonly TemplateVocabulary[], Map<string, TextReading>>();
const TEXT_MEMO_LIMIT = 20_000;

function textReadings(header: readonly HeaderCell[], vocabularies: readonly TemplateVocabulary[]): TextReading[] {
  let memo = textMemo.get(vocabularies);
  if (!memo) textMemo.set(vocabularies, (memo = new Map()));
  const out: TextReading[] = [];
  for (const cell of header) {
    let reading = memo.get(cell.text);
    if (!reading) {
      const c = cellWordsOfText(cell.text);
      const flags = new Uint8Array(vocabularies.length);
      let any = false;
      // A cell with no template's first word and no kind noun scores nothing anywhere: all flags stay 0.
      if (c.idNoun || c.itemNoun || mayNameAny(c.h, vocabularies)) {
        for (let v = 0; v < vocabularies.length; v++) if (isCandidate(c, vocabularies[v])) flags[v] = 1;
        any = flags.includes(1);
      }
      reading = remember(memo, cell.text, { words: c, flags, any }, TEXT_MEMO_LIMIT);
    }
    out.push(reading);
  }
  return out;
}

/**
 * The templates assignFields could find a usable reading of these header
 * cells against: it needs three cells matched, and a cell is only a candidate
 * (see isCandidate), or repeats the words of a candidate cell. Rows of
 * records read as candidate headers fail this for nearly every template, so
 * they are passed over without building an assignment.
 */
function usableVocabularies(cells: readonly TextReading[], vocabularies: readonly TemplateVocabulary[]): TemplateVocabulary[] {
  if (cells.length < 3 || !cells.some((c) => c.any)) return [];
  const out: TemplateVocabulary[] = [];
  // Only cells with the same words can repeat one another: in most rows no two have.
  let sameWords: boolean | undefined;
  for (let v = 0; v < vocabularies.length; v++) {
    let strong = 0;
    for (const c of cells) strong += c.flags[v];
    if (strong >= 3) out.push(vocabularies[v]);
    else if (strong > 0 && (sameWords ??= hasSameWords(cells)) && strong + repeats(cells, v) >= 3) out.push(vocabularies[v]);
  }
  return out;
}

function hasSameWords(cells: readonly TextReading[]): boolean {
  // A row holds a handful of cells: comparing each pair costs less than building a set.
  for (let i = 1; i < cells.length; i++) for (let j = 0; j < i; j++) if (cells[i].words.key === cells[j].words.key) return true;
  return false;
}

/** Non-candidate cells for template `v` whose words repeat a candidate cell's. */
function repeats(cells: readonly TextReading[], v: number): number {
  const strongKeys = new Set<string>();
  for (const c of cells) if (c.flags[v]) strongKeys.add(c.words.key);
  let n = 0;
  for (const c of cells) if (!c.flags[v] && strongKeys.has(c.words.key)) n++;
  return n;
}

/** A header cell's words and kind nouns, the same for every template. */
interface CellWords {
  h: HeaderWords;
  key: string;
  idNoun: string | null;
  itemNoun: string | null;
}

/**
 * A header text's words and kind nouns, remembered by text (bounded, like
 * the header memo): every cell of every row tried as a header asks, and the
 * same texts recur down a sheet and across files. Read-only.
 */
const cellWordsMemo = new Map<string, CellWords>();
const CELL_WORDS_MEMO_LIMIT = 20_000;

function cellWordsOfText(text: string): CellWords {
  let c = cellWordsMemo.get(text);
  if (c === undefined) {
    const h = normaliseHeader(text);
    c = remember(cellWordsMemo, text, { h, key: h.baseTokens.join(" "), idNoun: idNounOf(h), itemNoun: itemNounOf(h) }, CELL_WORDS_MEMO_LIMIT);
  }
  return c;
}

function cellWordsOf(header: readonly HeaderCell[]): CellWords[] {
  return header.map((cell) => cellWordsOfText(cell.text));
}

/** What assignFields asks of each field of a template, by field index: worked out once per template, not per header cell. */
interface FieldFacts {
  ids: string[];
  types: Template["columns"][number]["type"][];
  /** The residual field a field's reading turns into under a residual header, where the template has one. */
  residualOf: (string | undefined)[];
}

const fieldFactsMemo = new WeakMap<TemplateVocabulary, FieldFacts>();

function fieldFactsOf(vocab: TemplateVocabulary): FieldFacts {
  let facts = fieldFactsMemo.get(vocab);
  if (!facts) {
    const fieldIds = fieldIdsOf(vocab);
    const ids = vocab.fields.map((f) => f.column.id);
    facts = {
      ids,
      types: vocab.fields.map((f) => f.column.type),
      residualOf: ids.map((id) => (RESIDUAL_OF[id] && fieldIds.has(RESIDUAL_OF[id]) ? RESIDUAL_OF[id] : undefined)),
    };
    fieldFactsMemo.set(vocab, facts);
  }
  return facts;
}

/**
 * The fields of one template a header text is read as, before its column's
 * content is looked at: each field's score (an id or item named for the
 * kind counted in), for the fields scoring 0.4 or more, in field order.
 * The same for every row and file the text heads, so worked out once per
 * template and text (bounded, like the score memo). Read-only.
 */
interface CellPlan {
  fields: number[];
  scores: number[];
  /** The header's own words say residual (group rows above may say so too). */
  residual: boolean;
}

const cellPlanMemo = new WeakMap<TemplateVocabulary, Map<string, CellPlan>>();
const CELL_PLAN_MEMO_LIMIT = 5_000;

function cellPlanOf(c: CellWords, vocab: TemplateVocabulary): CellPlan {
  let memo = cellPlanMemo.get(vocab);
  if (!memo) cellPlanMemo.set(vocab, (memo = new Map()));
  let plan = memo.get(c.h.raw);
  if (!plan) {
    const { ids } = fieldFactsOf(vocab);
    const nouns = kindNouns(vocab.template);
    const item = c.itemNoun && nouns.includes(c.itemNoun) ? itemField(fieldIdsOf(vocab), c.h) : undefined;
    const idScore = c.idNoun ? (nouns.includes(c.idNoun) ? 0.97 : 0) : undefined;
    const scores = headerScores(c.h, vocab);
    plan = { fields: [], scores: [], residual: isResidualHeader(c.h) };
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      let s = scores[i];
      // An id named for a kind is that kind's id, and no other kind's.
      if (idScore !== undefined && id === "id") s = idScore === 0 ? 0 : Math.max(s, idScore);
      if (item !== undefined && id === item) s = Math.max(s, 0.9);
      if (s < 0.4) continue;
      plan.fields.push(i);
      plan.scores.push(s);
    }
    remember(memo, c.h.raw, plan, CELL_PLAN_MEMO_LIMIT);
  }
  return plan;
}

/**
 * The readings one assignFields call weighs (a header cell read as a field,
 * with its score), in arrays kept from call to call: assignFields runs for
 * every candidate row against every template, and an object and a sorted
 * copy per call were much of what detection allocated. One set serves every
 * call: assignFields calls nothing that calls it again.
 */
class Candidates {
  size = 0;
  fields: string[] = [];
  /** Index of the reading's cell among the header cells. */
  cells = new Int32Array(32);
  scores = new Float64Array(32);
  /** 1 where the reading is a residual counterpart of the field the header names. */
  residual = new Uint8Array(32);
  /** Indices of the readings, best first once sorted. */
  order = new Int32Array(32);

  push(field: string, cell: number, score: number, residual: boolean): void {
    if (this.size === this.scores.length) this.grow();
    const i = this.size++;
    this.fields[i] = field;
    this.cells[i] = cell;
    this.scores[i] = score;
    this.residual[i] = residual ? 1 : 0;
  }

  /**
   * Orders the readings best first: by score, then by column, then as
   * pushed. An insertion sort, stable as Array.prototype.sort is, so the
   * order is the one sorting candidate objects gave; a call weighs a few dozen.
   */
  sort(headerCells: readonly HeaderCell[]): void {
    const { order, scores, cells } = this;
    for (let i = 0; i < this.size; i++) {
      const col = headerCells[cells[i]].col;
      let j = i;
      // The comparison sorting the objects made, (b.score - a.score || a.col - b.col), with this reading as b.
      for (; j > 0 && (scores[i] - scores[order[j - 1]] || headerCells[cells[order[j - 1]]].col - col) > 0; j--) order[j] = order[j - 1];
      order[j] = i;
    }
  }

  private grow(): void {
    const n = this.scores.length * 2;
    this.cells = grown(this.cells, new Int32Array(n));
    this.scores = grown(this.scores, new Float64Array(n));
    this.residual = grown(this.residual, new Uint8Array(n));
    this.order = new Int32Array(n);
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const candidates = new Candidates();

function hasField(matches: readonly FieldMatch[], fieldId: string): boolean {
  for (let i = 0; i < matches.length; i++) if (matches[i].fieldId === fieldId) return true;
  return false;
}

function hasColumn(matches: readonly FieldMatch[], col: number): boolean {
  for (let i = 0; i < matches.length; i++) if (matches[i].col === col) return true;
  return false;
}

function anySameKey(words: readonly CellWords[]): boolean {
  for (let i = 1; i < words.length; i++) for (let j = 0; j < i; j++) if (words[i].key === words[j].key) return true;
  return false;
}

/** Sorts matches by column in place; no two share a column, so any sort gives this order. */
function sortByColumn(matches: FieldMatch[]): void {
  for (let i = 1; i < matches.length; i++) {
    const m = matches[i];
    let j = i;
    for (; j > 0 && matches[j - 1].col > m.col; j--) matches[j] = matches[j - 1];
    matches[j] = m;
  }
}

/**
 * Best one-to-one mapping of header cells to one template's fields.
 * `words`, when given, are cellWordsOf(headerCells): the caller that tries
 * one row against several templates works them out once.
 */
export function assignFields(headerCells: readonly HeaderCell[], vocab: TemplateVocabulary, profiles: ColumnProfiles, context?: HeaderContext, words?: readonly CellWords[]): Assignment {
  const fieldIds = fieldIdsOf(vocab);
  const { ids, types, residualOf } = fieldFactsOf(vocab);
  const cellWords = words ?? cellWordsOf(headerCells);
  let ownId = false;
  candidates.size = 0;
  for (let k = 0; k < headerCells.length; k++) {
    const cell = headerCells[k];
    const plan = cellPlanOf(cellWords[k], vocab);
    const residual = plan.residual || (cell.groupWords.length > 0 && isResidualHeader(cellWords[k].h, cell.groupWords));
    // Asked for only once some field reads the cell: a profile is the costly part.
    let profile: ColumnProfile | undefined | null = null;
    for (let j = 0; j < plan.fields.length; j++) {
      const i = plan.fields[j];
      const id = ids[i];
      let s = plan.scores[j];
      if (profile === null) profile = profiles.get(cell.col);
      if (profile) s *= contentFit(types[i], id, profile);
      const counterpart = residual ? residualOf[i] : undefined;
      if (counterpart) {
        // A reading under 0.4 is never taken: it is not weighed at all.
        if (s * 0.98 >= 0.4) candidates.push(counterpart, k, s * 0.98, true);
        s *= 0.5;
      }
      if (s >= 0.4) candidates.push(id, k, s, false);
    }
  }
  candidates.sort(headerCells);
  const matches: FieldMatch[] = [];
  for (let o = 0; o < candidates.size; o++) {
    const c = candidates.order[o];
    const cell = headerCells[candidates.cells[c]];
    const fieldId = candidates.fields[c];
    if (hasField(matches, fieldId) || hasColumn(matches, cell.col)) continue;
    const score = candidates.scores[c];
    matches.push({ fieldId, col: cell.col, header: cell.text, confidence: Math.min(1, score), source: "header", note: candidates.residual[c] ? `read as ${fieldId} (residual)` : undefined });
    if (fieldId === "id" && cellWords[candidates.cells[c]].idNoun) ownId = true;
  }
  // Only cells with the same words can repeat one another: in most rows no two have.
  if (anySameKey(cellWords)) readRepeatedHeaders(headerCells, cellWords, fieldIds, matches);
  sortByColumn(matches);
  let named = 0;
  for (const m of matches) named += (vocab.weight.get(m.fieldId) ?? 0.5) * m.confidence;
  const inContext = context && contextMentions(vocab.template, context.words);
  const evidence = named + (ownId ? OWN_ID_EVIDENCE : 0) + (inContext && matches.length >= 2 ? CONTEXT_EVIDENCE : 0);
  return { template: vocab.template, matches, evidence, namedCells: matches.length };
}

/** A repeated header ("Likelihood" twice): the later one is the residual reading when the template has it. */
function readRepeatedHeaders(headerCells: readonly HeaderCell[], cellWords: readonly CellWords[], fieldIds: ReadonlySet<string>, matches: FieldMatch[]): void {
  // Each cell's words by column (a sparse array: columns are small whole numbers).
  const words0: string[] = [];
  for (let k = 0; k < headerCells.length; k++) words0[headerCells[k].col] = cellWords[k].key;
  for (const cell of headerCells) {
    if (hasColumn(matches, cell.col)) continue;
    const twin = matches.find((m) => m.col < cell.col && words0[m.col] === words0[cell.col] && RESIDUAL_OF[m.fieldId]);
    const counterpart = twin && RESIDUAL_OF[twin.fieldId];
    if (twin && counterpart && fieldIds.has(counterpart) && !hasField(matches, counterpart)) {
      matches.push({
        fieldId: counterpart,
        col: cell.col,
        header: cell.text,
        confidence: Math.min(1, twin.confidence * 0.85),
        source: "header",
        note: `second “${cell.text}” (column ${columnLetter(cell.col)}) read as ${counterpart}`,
      });
    }
  }
}

function rowFactorOf(avgLength: number, density: number, dataAbove: boolean): number {
  const longText = avgLength > 45 ? 0.5 : 1;
  // Headers sit side by side; a few labels scattered over a wide area are a dashboard or matrix.
  const dense = Math.min(1, density / 0.6);
  // A row with a full row of text right above it is more likely a record than a header.
  const above = dataAbove ? 0.5 : 1;
  return longText * dense * above;
}

/**
 * The most rowScore could give a row of `cells` header cells, knowing only
 * its row factor: a matched cell adds at most 1 to the evidence (a field's
 * weight is at most 1, a confidence too), the kind's own id and the context
 * their share. A little over the most, as bestRowScore.
 */
function mostRowScore(cells: number, rowFactor: number): number {
  return (cells + OWN_ID_EVIDENCE + CONTEXT_EVIDENCE) * rowFactor * (1 + 1e-6) + 1e-9;
}

/**
 * The most rowScore could give any assignment of these header cells to one
 * template, whatever the cells below them hold: each cell counted at its
 * best field's weight and score raised by the most content can add (or as
 * a repeated header read as a residual field), the kind's own id and the
 * context counted whenever they could be. Cheap: no profile, no assignment.
 * A little over the most, so that rounding can never put a score above it.
 */
function bestRowScore(cells: readonly TextReading[], vocab: TemplateVocabulary, rowFactor: number): number {
  const { ids, residualOf } = fieldFactsOf(vocab);
  const nouns = kindNouns(vocab.template);
  const weight = (id: string) => vocab.weight.get(id) ?? 0.5;
  let named = 0;
  let namable = 0;
  let ownId = false;
  const sameWords = hasSameWords(cells);
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k];
    const plan = cellPlanOf(c.words, vocab);
    let best = 0;
    for (let j = 0; j < plan.fields.length; j++) {
      const i = plan.fields[j];
      const counterpart = residualOf[i];
      // A residual counterpart is scored at most as the field itself (0.98 of it); group rows can make any cell residual.
      const w = Math.max(weight(ids[i]), counterpart ? weight(counterpart) : 0);
      best = Math.max(best, w * Math.min(1, plan.scores[j] * MAX_CONTENT_FIT));
    }
    // A second header with the same words can be read as a residual field, at 0.85 of the first at most.
    if (sameWords && cells.some((o, i) => i !== k && o.words.key === c.words.key)) best = Math.max(best, 0.85 * maxWeight(vocab));
    if (best > 0) namable++;
    named += best;
    if (c.words.idNoun && nouns.includes(c.words.idNoun)) ownId = true;
  }
  const evidence = named + (ownId ? OWN_ID_EVIDENCE : 0) + CONTEXT_EVIDENCE;
  return evidence * (0.5 + (0.5 * namable) / Math.max(cells.length, 1)) * rowFactor * (1 + 1e-6) + 1e-9;
}

const maxWeightMemo = new WeakMap<TemplateVocabulary, number>();

function maxWeight(vocab: TemplateVocabulary): number {
  let w = maxWeightMemo.get(vocab);
  if (w === undefined) maxWeightMemo.set(vocab, (w = Math.max(0.5, ...vocab.weight.values())));
  return w;
}

function rowScore(a: Assignment, headerCount: number, rowFactor: number): number {
  const named = a.namedCells / Math.max(headerCount, 1);
  return a.evidence * (0.5 + 0.5 * named) * rowFactor;
}

function isUsable(a: Assignment): boolean {
  if (a.evidence < 0.9 || a.matches.length < 3) return false;
  let sure = 0;
  for (const m of a.matches) if (m.confidence >= 0.6 && ++sure >= 2) return true;
  return false;
}

function headerDensity(cells: SheetCells, row: number, header: readonly HeaderCell[]): number {
  const first = header[0].col;
  const lastMerge = mergeAt(cells, row, header[header.length - 1].col);
  const last = lastMerge ? lastMerge.right : header[header.length - 1].col;
  let covered = 0;
  for (const h of header) {
    const m = mergeAt(cells, row, h.col);
    covered += m ? m.right - m.left + 1 : 1;
  }
  return covered / (last - first + 1);
}

function textRowAbove(cells: SheetCells, row: number, header: readonly HeaderCell[]): boolean {
  if (row <= cells.top) return false;
  let filled = 0;
  for (const h of header) {
    const m = mergeAt(cells, row - 1, h.col);
    if (m && m.bottom >= row) continue;
    if (hasText(valueAt(cells, row - 1, h.col))) filled++;
  }
  return filled >= 3 && filled >= header.length * 0.6;
}

/** Words of the title-like rows just above a header block (one or two text cells over its columns). */
function titleWordsAbove(cells: SheetCells, row: number, header: readonly HeaderCell[]): string[] {
  const first = header[0].col;
  const last = header[header.length - 1].col;
  const out: string[] = [];
  for (let r = row - 1; r >= Math.max(cells.top, row - 4); r--) {
    const texts: string[] = [];
    for (let c = first; c <= last; c++) {
      const t = headerTextOf(valueAt(cells, r, c));
      if (t) texts.push(t);
    }
    if (texts.length > 2) break;
    for (const t of texts) out.push(...words(t));
  }
  return out;
}

/** Rows above the header that label groups of its columns (not titles, not label:value blocks). */
function findGroupRows(sheetRows: SheetRows, headerRow: number, firstCol: number, lastCol: number, headerCount: number): number[] {
  const { cells } = sheetRows;
  const rows: number[] = [];
  for (let r = headerRow - 1; r >= Math.max(cells.top, headerRow - 3); r--) {
    const { cells: hc, numbers, labels } = sheetRows.headerCells(r);
    const inside = hc.filter((c) => c.col >= firstCol && c.col <= lastCol);
    if (!inside.length || numbers > 0 || labels > 0 || inside.length !== hc.length) break;
    if (inside.length * 2 > headerCount && headerCount > 2) break;
    const widest = Math.max(...inside.map((c) => { const m = mergeAt(cells, r, c.col); return m ? m.right - m.left + 1 : 1; }));
    if (inside.length === 1 && (widest >= (lastCol - firstCol + 1) * 0.8 || inside[0].text.length > 50)) break; // a title
    const above = r > cells.top ? sheetRows.headerCells(r - 1).cells.map((c) => c.col).join(",") : "";
    if (above && above === hc.map((c) => c.col).join(",")) break; // label/value pairs repeated row after row
    rows.push(r);
  }
  return rows.reverse();
}

function applyGroups(cells: SheetCells, headerCells: HeaderCell[], groupRows: number[], headerRow: number): void {
  for (const hc of headerCells) {
    const texts: string[] = [];
    for (const r of groupRows) {
      const m = mergeAt(cells, r, hc.col);
      const v = m ? valueAt(cells, m.top, m.left) : valueAt(cells, r, hc.col);
      const t = headerTextOf(v);
      // A cell merged down into the header row is the field's own name, not a group.
      if (t && !(m && m.bottom >= headerRow)) texts.push(t);
    }
    hc.groupText = texts.join(" / ");
    hc.groupWords = words(hc.groupText);
  }
}

/*
 * The helpers below are loops rather than closures over locateRegister's
 * variables: a closure there makes each row tried allocate a scope for it.
 */

function averageLength(header: readonly HeaderCell[]): number {
  let sum = 0;
  for (const h of header) sum += h.text.length;
  return sum / header.length;
}

/** Whether some usable template could give these cells a score above `score`. */
function mayBeat(readings: readonly TextReading[], usable: readonly TemplateVocabulary[], rowFactor: number, score: number): boolean {
  for (const v of usable) if (!(bestRowScore(readings, v, rowFactor) < score)) return true;
  return false;
}

/** Each usable template's assignment of the header cells that is usable itself, with its row score, best first. */
function rankedAssignments(header: readonly HeaderCell[], usable: readonly TemplateVocabulary[], profiles: ColumnProfiles, context: HeaderContext, cellWords: readonly CellWords[], rowFactor: number): { a: Assignment; score: number }[] {
  const ranked: { a: Assignment; score: number }[] = [];
  for (const v of usable) {
    const a = assignFields(header, v, profiles, context, cellWords);
    if (isUsable(a)) ranked.push({ a, score: rowScore(a, header.length, rowFactor) });
  }
  // Mostly one: sorting that would still copy it.
  if (ranked.length > 1) ranked.sort((x, y) => y.score - x.score);
  return ranked;
}

/**
 * The most register-like header row in these cells (outside `exclude`, which
 * holds the sheet's Excel tables), or null when nothing looks like a register.
 */
export function locateRegister(cells: SheetCells, vocabularies: TemplateVocabulary[], exclude: RangeAddress[] = [], rows = new SheetRows(cells)): LocatedRegister | null {
  let winner: { row: number; header: readonly HeaderCell[]; rowFactor: number; ranked: { a: Assignment; score: number }[] } | null = null;
  const sheetWords = words(cells.sheet);
  const lastRow = Math.min(bottomRow(cells), cells.top + HEADER_SEARCH_ROWS - 1);
  for (let row = cells.top; row <= lastRow; row++) {
    const whole = rows.headerCells(row, exclude);
    // Each block holds some of the row's cells: none can hold three when the row does not.
    if (whole.cells.length < 3) continue;
    for (const header of rows.headerBlocks(row, whole)) {
      const numbers = whole.numbers;
      const labels = header.length === whole.cells.length ? whole.labels : header.filter((h) => isLabelValue(h.text)).length;
      if (header.length < 3 || numbers > header.length || labels * 2 >= header.length) continue;
      const avgLength = averageLength(header);
      const density = headerDensity(cells, row, header);
      let rowFactor: number | undefined;
      // Rows of records under a header found: most are shown to score less than it before their words are looked up.
      if (winner) {
        if (mostRowScore(header.length, rowFactorOf(avgLength, density, false)) < winner.ranked[0].score) continue;
        rowFactor = rowFactorOf(avgLength, density, textRowAbove(cells, row, header));
        if (mostRowScore(header.length, rowFactor) < winner.ranked[0].score) continue;
      }
      // Which templates could read the row first: most rows met here are records no template reads, and need no more.
      const readings = textReadings(header, vocabularies);
      const usable = usableVocabularies(readings, vocabularies);
      if (!usable.length) continue;
      rowFactor ??= rowFactorOf(avgLength, density, textRowAbove(cells, row, header));
      const cellWords = readings.map((r) => r.words);
      const profiles = rows.profilesBelow(row);
      // Then with their words: shown to score less than the header found whatever the cells below them hold, before any profile.
      if (winner && !mayBeat(readings, usable, rowFactor, winner.ranked[0].score)) continue;
      const context: HeaderContext = { words: [...sheetWords, ...titleWordsAbove(cells, row, header)] };
      const ranked = rankedAssignments(header, usable, profiles, context, cellWords, rowFactor);
      if (!ranked.length) continue;
      if (!winner || ranked[0].score > winner.ranked[0].score + 1e-9) winner = { row, header, rowFactor, ranked };
    }
  }
  if (!winner) return null;
  const headerRow = winner.row;
  // The row's cells are shared with later searches of the sheet: group words go on copies.
  const header = winner.header.map((h) => ({ ...h }));
  const firstCol = header[0].col;
  const lastHeader = header[header.length - 1];
  const lastMerge = mergeAt(cells, headerRow, lastHeader.col);
  const lastCol = lastMerge ? lastMerge.right : lastHeader.col;
  const notes: string[] = [];
  const groupRows = findGroupRows(rows, headerRow, firstCol, lastCol, header.length);
  let best = winner.ranked[0].a;
  let runnerUp = winner.ranked.find((x) => x.a.template.kind !== best.template.kind)?.a ?? null;
  if (groupRows.length) {
    applyGroups(cells, header, groupRows, headerRow);
    const profiles = rows.profilesBelow(headerRow);
    const vocab = vocabularies.find((v) => v.template.id === best.template.id);
    if (vocab) best = assignFields(header, vocab, profiles);
    const span = groupRows.length === 1 ? `row ${groupRows[0]} groups` : `rows ${groupRows[0]}-${groupRows[groupRows.length - 1]} group`;
    notes.push(`${groupRows.length + 1}-row header (${span} the columns of row ${headerRow})`);
  }
  if (headerRow > cells.top) notes.push(`header on row ${headerRow}, below ${headerRow - cells.top - groupRows.length} title or blank row(s)`);
  if (firstCol > 1) notes.push(`register starts in column ${columnLetter(firstCol)}`);
  return { headerRow, groupRows, headerCells: header, firstCol, lastCol, best, runnerUp, rowFactor: winner.rowFactor, notes };
}

/** For cells that name a field nobody matched by header: ids like "rs-1" in the first column. */
export function mapByContent(cells: SheetCells, located: LocatedRegister, rows?: SheetRows): void {
  const { best, headerCells, headerRow } = located;
  const hasField = (id: string) => best.matches.some((m) => m.fieldId === id);
  const mappedCols = new Set(best.matches.map((m) => m.col));
  const first = headerCells[0];
  if (first && !mappedCols.has(first.col) && !hasField("id") && best.template.columns.some((c) => c.id === "id")) {
    const p = rows ? rows.profilesBelow(headerRow).get(first.col) : profileBelow(cells, headerRow, first.col);
    if (p && p.filled >= 3 && p.ids / p.filled >= 0.8 && p.distinct === p.filled) {
      best.matches.push({ fieldId: "id", col: first.col, header: first.text, confidence: 0.45, source: "content", note: "mapped by content (values look like ids)" });
      best.matches.sort((a, b) => a.col - b.col);
    }
  }
}

/** Words register headers of every kind use: identifiers, dates, people, statuses, descriptions. */
const REGISTER_WORDS = new Set([
  "id", "no", "ref", "reference", "number", "#", "№", "date", "raised", "logged", "due", "deadline", "target", "owner", "responsible",
  "assigned", "assignee", "author", "by", "status", "state", "progress", "description", "details", "summary", "name", "title", "type",
  "category", "priority", "comments", "notes", "action", "actions", "update", "impact", "resolution", "outcome", "closed", "opened",
]);

/**
 * When no template fits well enough: a block with a header row of
 * register-like words over rows of records is still offered, as a register
 * of uncertain kind, rather than said not to be there.
 */
export function locateRegisterShapedBlock(cells: SheetCells, vocabularies: TemplateVocabulary[], exclude: RangeAddress[] = [], rows = new SheetRows(cells)): LocatedRegister | null {
  let pick: { row: number; header: readonly HeaderCell[]; words: number; records: number } | null = null;
  const lastRow = Math.min(bottomRow(cells), cells.top + HEADER_SEARCH_ROWS - 1);
  for (let row = cells.top; row <= lastRow; row++) {
    const whole = rows.headerCells(row, exclude);
    if (whole.numbers > 0 || whole.labels > 0 || whole.cells.length < 3) continue;
    for (const header of rows.headerBlocks(row, whole)) {
      if (header.length < 3) continue;
      const avgLength = header.reduce((n, h) => n + h.text.length, 0) / header.length;
      if (rowFactorOf(avgLength, headerDensity(cells, row, header), textRowAbove(cells, row, header)) < 0.7) continue;
      const registerWords = header.filter((h) => normaliseHeader(h.text).baseTokens.some((w) => REGISTER_WORDS.has(w))).length;
      if (registerWords < 2) continue;
      let records = 0;
      for (let r = row + 1; r <= Math.min(bottomRow(cells), row + 10); r++) {
        if (inExcluded(r, header[0].col, exclude)) break;
        const filled = header.filter((h) => hasText(valueAt(cells, r, h.col)) || typeof valueAt(cells, r, h.col) === "number").length;
        if (filled * 2 >= header.length) records++;
      }
      if (records < 2) continue;
      if (!pick || registerWords > pick.words || (registerWords === pick.words && records > pick.records)) pick = { row, header, words: registerWords, records };
    }
  }
  if (!pick) return null;
  return locateAtHeader(cells, vocabularies, pick.row, pick.header, undefined, rows);
}

/**
 * A register read at a header already chosen (by a person, or as a block of
 * uncertain kind): every template tried, the one named first when given.
 */
export function locateAtHeader(cells: SheetCells, vocabularies: TemplateVocabulary[], row: number, header: readonly HeaderCell[], templateId?: string, rows?: SheetRows): LocatedRegister | null {
  const profiles = rows ? rows.profilesBelow(row) : new ProfilesBelow(cells, row);
  const context: HeaderContext = { words: [...words(cells.sheet), ...titleWordsAbove(cells, row, header)] };
  const ranked = vocabularies.map((v) => assignFields(header, v, profiles, context)).sort((a, b) => b.evidence - a.evidence);
  const best = (templateId ? ranked.find((a) => a.template.id === templateId) : undefined) ?? ranked[0];
  if (!best) return null;
  return {
    headerRow: row,
    groupRows: [],
    // Copies, as locateRegister gives: the row's cells may be shared with later searches of the sheet.
    headerCells: header.map((h) => ({ ...h })),
    firstCol: header[0].col,
    lastCol: header[header.length - 1].col,
    best,
    runnerUp: ranked.find((a) => a.template.kind !== best.template.kind) ?? null,
    rowFactor: 1,
    notes: row > cells.top ? [`header on row ${row}`] : [],
  };
}
