/**
 * Register detection over one sheet's cells: where the register is, what kind
 * it is, which column holds which field, and how sure we are. Nothing is
 * guessed silently: each column carries a confidence, weak ones are flagged,
 * and plain-words notes say what was seen (group rows, totals, placeholders).
 */
import { columnIndex, columnLetter, type RangeAddress } from "../grid/address";
import { BUILT_IN_TEMPLATES } from "../templates/catalogue";
import type { Template, TemplateKind } from "../templates/schema";
import { measureExtent } from "./extent";
import { assignFields, headerBlocks, headerCellsOf, locateAtHeader, locateRegister, locateRegisterShapedBlock, mapByContent, SheetRows, type Assignment, type HeaderCell, type LocatedRegister } from "./locate";
import { words } from "./normalise";
import { buildVocabularies, type TemplateVocabulary } from "./match";
import { profileColumn } from "./profile";
import { bottomRow, hasContent, isDateCell, valueAt, type SheetCells } from "./sheet-cells";

/** Below this a column mapping is shown as needing a person to confirm it. */
export const LOW_CONFIDENCE = 0.6;
/** Below this a candidate is not reported as a register at all. */
export const MIN_REGISTER_CONFIDENCE = 0.35;

export interface MappedColumn {
  header: string;
  column: string;
  confidence: number;
  lowConfidence: boolean;
  source: "header" | "content" | "stored";
}

export interface DetectedRegister {
  sheet: string;
  kind: TemplateKind;
  templateId: string;
  /** Name of the Excel table when the register is one. */
  table?: string;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  firstColumn: string;
  lastColumn: string;
  confidence: number;
  columns: Record<string, MappedColumn>;
  unmapped: { header: string; column: string }[];
  /** Rows inside or just below the register that hold nothing or only an id. */
  skippedRows: { blank: number[]; idOnly: number[] };
  notes: string[];
  /** Where the sheet no longer matches a stored, confirmed mapping. */
  drift: string[];
  /** Why where the register starts or ends is in doubt; a register with doubts is never called sure. */
  doubts?: string[];
  /** Header rows repeated inside the register (blocks with subtotals between them): a table cannot hold them. */
  repeatedHeaderRows?: number[];
  subtotalRows?: number[];
  /** A block shaped like a register whose kind detection could not tell: offered for a person to confirm. */
  uncertainKind?: boolean;
  /** The first row of the header (group rows above the header row included). */
  headerTop?: number;
  /** A person said where this register is (its header row); their word is kept when the mapping is stored. */
  givenByPerson?: boolean;
}

export interface DetectOptions {
  templates?: readonly Template[];
}

const cache = new WeakMap<readonly Template[], TemplateVocabulary[]>();
function vocabulariesFor(templates: readonly Template[]): TemplateVocabulary[] {
  let v = cache.get(templates);
  if (!v) cache.set(templates, (v = buildVocabularies(templates)));
  return v;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * How sure, 0..1: grows with the evidence for the kind, falls when another kind
 * fits almost as well and when the cells below look like lookup lists.
 */
function registerConfidence(best: Assignment, runnerUp: Assignment | null, lookupLike: boolean, rowFactor: number): number {
  const strength = 1 - Math.exp(-best.evidence / 1.8);
  const margin = runnerUp ? 0.7 + 0.3 * Math.max(0, 1 - runnerUp.evidence / best.evidence) : 1;
  return round(strength * margin * rowFactor * (lookupLike ? 0.45 : 1));
}

/**
 * Lookup sheets ("Definitions") have headers like a register's, but their
 * columns are independent lists: each filled from the top without gaps, to
 * different lengths. A tidy register can look alike (a total row under some
 * columns, an optional column filled on the first row only), but more than half of its
 * columns end on the same row, its last record; an empty column is no list.
 */
function looksLikeLookupLists(cells: SheetCells, headerRow: number, cols: number[]): boolean {
  if (cols.length < 3) return false;
  const lengths = new Map<number, number>();
  const end = Math.min(bottomRow(cells), headerRow + 40);
  for (const c of cols) {
    let len = 0;
    let gapSeen = false;
    for (let r = headerRow + 1; r <= end; r++) {
      const v = valueAt(cells, r, c);
      const filled = v !== null && !(typeof v === "string" && v.trim() === "");
      if (filled && gapSeen) return false;
      if (filled) len++;
      else gapSeen = true;
    }
    if (len > 0) lengths.set(len, (lengths.get(len) ?? 0) + 1);
  }
  const filled = [...lengths.values()].reduce((a, b) => a + b, 0);
  const commonest = Math.max(0, ...lengths.values());
  return lengths.size >= 3 && commonest * 2 <= filled;
}

interface RegisterReading {
  table?: { name: string; lastBodyRow: number };
  /** Kept whatever the confidence: a person said this is a register, or it is offered as one of uncertain kind. */
  keep?: "given" | "uncertain";
}

function toRegister(cells: SheetCells, located: LocatedRegister, reading: RegisterReading = {}, body: SheetCells = cells): DetectedRegister | null {
  const { table, keep } = reading;
  const { best, runnerUp, headerRow, firstCol, lastCol, headerCells } = located;
  const lookupLike = !table && looksLikeLookupLists(cells, headerRow, headerCells.map((h) => h.col));
  if (lookupLike && keep === "uncertain") return null;
  let confidence = registerConfidence(best, runnerUp, lookupLike, located.rowFactor);
  if (keep === "uncertain") confidence = Math.min(LOW_CONFIDENCE - 0.1, Math.max(MIN_REGISTER_CONFIDENCE, confidence));
  if (confidence < MIN_REGISTER_CONFIDENCE && !keep) return null;
  const notes = [...located.notes];
  if (keep === "given") notes.unshift(`header row ${headerRow} as you said`);
  if (keep === "uncertain") notes.unshift(`shaped like a register, but its kind is uncertain (${best.template.kind} fits best${best.matches.length === 1 ? ", on one column only" : ""}): confirm it or choose its kind`);
  if (table) notes.unshift(`Excel table “${table.name}”; its header row is used`);
  if (lookupLike) notes.push("columns are independent lists of different lengths: looks like a lookup sheet, not a register");
  if (runnerUp && runnerUp.evidence > best.evidence * 0.75) notes.push(`could also be another kind of register: ${runnerUp.template.kind}`);

  const idCol = best.matches.find((m) => m.fieldId === "id")?.col;
  const extent = measureExtent(body, { headerRow, firstCol, lastCol, idCol, maxRow: table?.lastBodyRow });
  notes.push(...extent.notes);
  const doubts = [...extent.doubts];
  if (!table) doubts.push(...besideDoubts(cells, extent.firstRow, extent.lastRow, firstCol, lastCol));
  if (extent.repeatedHeaderRows.length) doubts.push("the header repeats inside the register: check that the blocks are one register");

  const columns: Record<string, MappedColumn> = {};
  for (const m of best.matches) {
    const c = round(m.confidence);
    columns[m.fieldId] = { header: m.header, column: columnLetter(m.col), confidence: c, lowConfidence: c < LOW_CONFIDENCE, source: m.source };
    if (m.note) notes.push(`${columnLetter(m.col)}: ${m.note}`);
  }
  const weak = best.matches.filter((m) => m.confidence < LOW_CONFIDENCE);
  if (weak.length) notes.push(`check the mapping of ${weak.map((m) => `${m.fieldId} (column ${columnLetter(m.col)})`).join(", ")}: low confidence`);
  const mapped = new Set(best.matches.map((m) => m.col));
  return {
    sheet: cells.sheet,
    kind: best.template.kind,
    templateId: best.template.id,
    ...(table ? { table: table.name } : {}),
    headerRow,
    firstRow: extent.firstRow,
    lastRow: extent.lastRow,
    firstColumn: columnLetter(firstCol),
    lastColumn: columnLetter(lastCol),
    confidence,
    columns,
    unmapped: headerCells.filter((h) => !mapped.has(h.col)).map((h) => ({ header: h.text, column: columnLetter(h.col) })),
    skippedRows: { blank: extent.blankRows.filter((r) => r <= extent.lastRow), idOnly: extent.idOnlyRows },
    notes,
    drift: [],
    ...(doubts.length ? { doubts } : {}),
    ...(extent.repeatedHeaderRows.length ? { repeatedHeaderRows: extent.repeatedHeaderRows, subtotalRows: extent.subtotalRows } : {}),
    ...(located.groupRows.length ? { headerTop: located.groupRows[0] } : {}),
    ...(keep === "uncertain" ? { uncertainKind: true } : {}),
    ...(keep === "given" ? { givenByPerson: true } : {}),
  };
}

/** Columns right beside the register with values under no header: they may belong to it, or be something else. */
function besideDoubts(cells: SheetCells, firstRow: number, lastRow: number, firstCol: number, lastCol: number): string[] {
  const out: string[] = [];
  const last = Math.min(lastRow, firstRow + 40);
  for (const col of [firstCol - 1, lastCol + 1]) {
    if (col < 1) continue;
    let filled = 0;
    for (let r = firstRow; r <= last; r++) if (hasContent(valueAt(cells, r, col))) filled++;
    if (filled >= 2) out.push(`column ${columnLetter(col)}, beside the register, holds values under no header: it is left out; check it is not part of the register`);
  }
  return out;
}

/**
 * The register in a sheet's cells outside its Excel tables, if there is one.
 * `cells` needs the top of the sheet (header search); `body`, when given,
 * covers the register's columns down to the end of the used range, for
 * finding its last row without reading the whole sheet.
 */
export function detectInSheet(cells: SheetCells, options: DetectOptions = {}, excludeTables: RangeAddress[] = [], body?: SheetCells): DetectedRegister | null {
  return findInSheet(cells, options, excludeTables).measure(body);
}

/** Where a sheet's register is and how its columns map, measured to its last row on demand. */
export interface SheetFinding {
  /** The register measured down `body` (the searched cells when not given). */
  measure(body?: SheetCells): DetectedRegister | null;
}

/**
 * The header search of detectInSheet, done once: a register that runs past
 * the cells searched is measured again down a taller read of its columns
 * without searching its header again.
 */
export function findInSheet(cells: SheetCells, options: DetectOptions = {}, excludeTables: RangeAddress[] = []): SheetFinding {
  return sheetSearch(cells, options).find(excludeTables);
}

/** Searches of one sheet's cells, for registers one after another (each found is left out of the next search). */
export interface SheetSearch {
  find(exclude: RangeAddress[]): SheetFinding;
}

/**
 * Searching the same cells again and again, as for registers stacked or side
 * by side, reads each row once for all the searches. The cells must not
 * change while the searches go on.
 */
export function sheetSearch(cells: SheetCells, options: DetectOptions = {}): SheetSearch {
  const vocabularies = vocabulariesFor(options.templates ?? BUILT_IN_TEMPLATES);
  const rows = new SheetRows(cells);
  return {
    find(excludeTables) {
      const exclude = [...excludeTables];
      const located = locateRegister(cells, vocabularies, exclude, rows);
      if (located) mapByContent(cells, located, rows);
      let shaped: LocatedRegister | null | undefined;
      return {
        measure(body = cells) {
          if (located) {
            const found = toRegister(cells, located, {}, body);
            if (found) return found;
          }
          if (shaped === undefined) {
            shaped = locateRegisterShapedBlock(cells, vocabularies, exclude, rows);
            if (shaped) mapByContent(cells, shaped, rows);
          }
          if (!shaped) return null;
          const offered = toRegister(cells, shaped, { keep: "uncertain" }, body);
          // Offered only when rows of records lie below it.
          return offered && offered.lastRow - offered.firstRow >= 1 ? offered : null;
        },
      };
    },
  };
}

/** Where a register found on a sheet sits, header (and group rows) to last row: what the next search on the sheet leaves out. */
export function registerArea(r: DetectedRegister): RangeAddress {
  const left = columnIndex(r.firstColumn) ?? 1;
  const right = columnIndex(r.lastColumn) ?? left;
  return { top: r.headerTop ?? r.headerRow, bottom: Math.max(r.headerRow, r.lastRow), left, right };
}

/** A second register on a sheet must be at least this sure (lookup lists and legends fall below it). */
const FURTHER_REGISTER_CONFIDENCE = 0.5;

/**
 * A second (third...) register on a sheet already holding one: stacked below
 * it or beside it. It must be a register in its own right: records under it,
 * a kind detection is fairly sure of, not lookup lists or a legend.
 */
export function isFurtherRegister(r: DetectedRegister): boolean {
  return !r.uncertainKind && r.confidence >= FURTHER_REGISTER_CONFIDENCE && r.lastRow - r.firstRow >= 1;
}

/** Where a person says the register is: its header row (and a column inside it, when the row holds blocks side by side). */
export interface HeaderChoice {
  headerRow: number;
  column?: number;
  /** The template the person says it follows; otherwise the best fit. */
  templateId?: string;
}

/** The register whose header is where a person said: mapped as well as detection can, never dropped for low confidence. */
export function detectAtHeader(cells: SheetCells, choice: HeaderChoice, options: DetectOptions = {}, body?: SheetCells): DetectedRegister | null {
  const vocabularies = vocabulariesFor(options.templates ?? BUILT_IN_TEMPLATES);
  const row = choice.headerRow;
  const blocks = headerBlocks(cells, row, headerCellsOf(cells, row).cells);
  const inBlock = (b: readonly HeaderCell[]) => choice.column !== undefined && b[0].col <= choice.column && choice.column <= b[b.length - 1].col;
  const header = blocks.find(inBlock) ?? [...blocks].sort((a, b) => b.length - a.length)[0];
  if (!header?.length) return null;
  const located = locateAtHeader(cells, vocabularies, row, header, choice.templateId);
  if (!located) return null;
  mapByContent(cells, located);
  return toRegister(cells, located, { keep: "given" }, body ?? cells);
}

function profilesUnder(cells: SheetCells, headerRow: number, header: HeaderCell[], lastRow = bottomRow(cells)): Map<number, ReturnType<typeof profileColumn>> {
  const profiles = new Map<number, ReturnType<typeof profileColumn>>();
  const last = Math.min(bottomRow(cells), lastRow, headerRow + 30);
  for (const h of header) {
    const vals = [];
    const dates = [];
    for (let r = headerRow + 1; r <= last; r++) {
      vals.push(valueAt(cells, r, h.col));
      dates.push(isDateCell(cells, r, h.col));
    }
    profiles.set(h.col, profileColumn(vals, dates));
  }
  return profiles;
}

export interface TableInput {
  name: string;
  /** The table's range, header row included. */
  range: RangeAddress;
  showTotals: boolean;
}

/**
 * An Excel table as a register: its header row is known; only the kind and
 * mapping are detected. `cells` needs the table from its header row down at
 * least HEADER_SEARCH_ROWS rows (or to its end); `body`, when given, covers
 * it to its last row for measuring where its records end.
 */
export function detectTable(cells: SheetCells, table: TableInput, options: DetectOptions = {}, body: SheetCells = cells): DetectedRegister | null {
  const vocabularies = vocabulariesFor(options.templates ?? BUILT_IN_TEMPLATES);
  const headerRow = table.range.top;
  const headerCells: HeaderCell[] = headerCellsOf(cells, headerRow).cells.filter((h) => h.col >= table.range.left && h.col <= table.range.right);
  if (!headerCells.length) return null;
  const profiles = profilesUnder(cells, headerRow, headerCells, table.range.bottom);
  const ranked = vocabularies.map((v) => assignFields(headerCells, v, profiles, { words: words(cells.sheet) })).sort((a, b) => b.evidence - a.evidence);
  const best = ranked[0];
  if (!best || best.matches.length === 0) return null;
  const runnerUp = ranked.find((a) => a.template.kind !== best.template.kind) ?? null;
  const located: LocatedRegister = {
    headerRow,
    groupRows: [],
    headerCells,
    firstCol: table.range.left,
    lastCol: table.range.right,
    best,
    runnerUp,
    rowFactor: 1,
    notes: [],
  };
  mapByContent(cells, located);
  const lastBodyRow = table.range.bottom - (table.showTotals ? 1 : 0);
  return toRegister(cells, located, { table: { name: table.name, lastBodyRow } }, body);
}
