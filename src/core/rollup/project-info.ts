/**
 * What a workbook says about its projects outside the registers: a project
 * list (one row per project: name, code, programme, manager, stage, RAG...)
 * or a block of labelled cells ("Project manager:  Tom Okafor",
 * "Last reviewed:  02/06/2025") above a register or on a cover sheet.
 */
import { singleSpaced } from "../spaces";
import { formatCell } from "../grid/address";
import { isCellError, isDateFormat, type CellValue } from "../grid/cell";
import type { SheetCells } from "../detect/sheet-cells";
import { readDateText } from "../validate/typed-text";
import type { FieldSource, Rag } from "./fields";
import { wordsOf } from "./values";
import { remember } from "../bounded-memo";

export type InfoFieldId = "project" | "code" | "programme" | "portfolio" | "manager" | "phase" | "statedRag" | "lastUpdated";

const LABELS: Record<InfoFieldId, string[]> = {
  project: ["project", "project name", "project title", "name of project"],
  code: ["code", "project code", "project id", "project ref", "project reference", "project number", "project no"],
  programme: ["programme", "program", "programme name", "program name", "parent programme"],
  portfolio: ["portfolio", "portfolio name", "business unit", "directorate"],
  manager: ["project manager", "pm", "manager", "project lead", "delivery manager"],
  phase: ["phase", "stage", "project stage", "current stage", "project phase", "current phase", "lifecycle stage"],
  statedRag: ["overall rag", "rag", "rag status", "overall status", "overall rag status", "delivery confidence", "dca", "project status", "status rag"],
  lastUpdated: ["last updated", "last reviewed", "as at", "as of", "status date", "report date", "date of report", "reporting date", "updated", "date updated", "last update"],
};

const BY_LABEL = new Map<string, InfoFieldId>(Object.entries(LABELS).flatMap(([id, words]) => words.map((w) => [w, id as InfoFieldId])));

/**
 * Labels are short, so a text over twice the longest label's length (room
 * for the spaces, colons and stars people add) is a value or a sentence.
 * Every text cell of every sheet's head is asked this, in each of hundreds
 * of files, and most of them are values.
 */
const LONGEST_LABEL_TEXT = 2 * Math.max(...[...BY_LABEL.keys()].map((k) => k.length)) + 8;
/** Label texts recur across a folder of project files (one template); bounded, cleared when full. */
const labelMemo = new Map<string, InfoFieldId | null>();
const LABEL_MEMO_LIMIT = 5_000;

export function infoFieldOfLabel(text: string): InfoFieldId | undefined {
  if (text.length > LONGEST_LABEL_TEXT) return undefined;
  let field = labelMemo.get(text);
  if (field === undefined) {
    field = remember(labelMemo, text, BY_LABEL.get(wordsOf(text)) ?? null, LABEL_MEMO_LIMIT);
  }
  return field ?? undefined;
}

/**
 * The label each cell of a row reads as: the project-list search and the
 * labelled-cells search both ask it of the same rows (a sheet's head is its
 * preview's first rows, the same row arrays), so it is asked once per row.
 */
const rowLabels = new WeakMap<readonly CellValue[], (InfoFieldId | undefined)[]>();

function labelsOfRow(line: readonly CellValue[]): (InfoFieldId | undefined)[] {
  let labels = rowLabels.get(line);
  if (!labels) rowLabels.set(line, (labels = line.map((v) => (typeof v === "string" ? infoFieldOfLabel(v) : undefined))));
  return labels;
}

const RAGS: [RegExp, Rag][] = [
  [/^(amber ?\/ ?green|amber green|a ?\/ ?g|ag)$/, "Amber/Green"],
  [/^(amber ?\/ ?red|amber red|a ?\/ ?r|ar)$/, "Amber/Red"],
  [/^(green|g)$/, "Green"],
  [/^(amber|a|yellow|y)$/, "Amber"],
  [/^(red|r)$/, "Red"],
  [/^(blue|b|complete|completed)$/, "Blue"],
];

export function ragOf(text: string): Rag | null {
  const w = wordsOf(text).replace(/\s*\/\s*/g, "/").replace(/-/g, " ");
  for (const [re, rag] of RAGS) if (re.test(w)) return rag;
  return null;
}

export interface InfoValue {
  value: string | number;
  source: FieldSource;
}

export type ProjectInfo = Partial<Record<InfoFieldId, InfoValue>>;

function cellValueOf(field: InfoFieldId, v: CellValue, format: string): string | number | null {
  if (v === null || isCellError(v)) return null;
  if (field === "lastUpdated") {
    if (typeof v === "number") return isDateFormat(format) || (v > 20000 && v < 80000) ? v : null;
    const r = readDateText(String(v));
    return r.kind === "date" ? r.serial : null;
  }
  if (field === "statedRag") return ragOf(String(v));
  const t = singleSpaced(String(v));
  return t === "" ? null : t;
}

/**
 * Labelled cells: a label the vocabulary knows, then its value in the next
 * filled cell to the right on the same row (or the label and value in one
 * cell, "Project manager: Tom Okafor"). Rows from `fromRow` to `toRow` only.
 */
export function labelledInfo(cells: SheetCells, file: string, rows?: { fromRow: number; toRow: number }): ProjectInfo {
  const out: ProjectInfo = {};
  cells.values.forEach((line, i) => {
    const row = cells.top + i;
    if (rows && (row < rows.fromRow || row > rows.toRow)) return;
    // A row of many words is a header row (a "Code" column beside "Description"), not labels with their values.
    const headerLike = line.filter((v) => typeof v === "string" && v.trim() !== "").length >= 4;
    const labels = labelsOfRow(line);
    for (let c = 0; c < line.length; c++) {
      const v = line[c];
      if (typeof v !== "string") continue;
      const inline = v.includes(":") ? /^([^:]{2,40}):\s*(\S.*)$/.exec(v.trim()) : null;
      const field = inline ? infoFieldOfLabel(inline[1]) : labels[c];
      if (!field || out[field]) continue;
      if (headerLike && !inline && !/:\s*$/.test(v)) continue;
      if (inline) {
        const value = cellValueOf(field, inline[2], "General");
        if (value !== null) out[field] = { value, source: { file, sheet: cells.sheet, cell: formatCell({ row, col: cells.left + c }) } };
        continue;
      }
      // The label must read as a label: it ends with ":" or its value sits within the next three cells.
      for (let k = c + 1; k < Math.min(line.length, c + 4); k++) {
        const next = line[k];
        if (next === null || (typeof next === "string" && next.trim() === "")) continue;
        if (labels[k]) break;
        const value = cellValueOf(field, next, cells.numberFormats?.[i]?.[k] ?? "General");
        if (value !== null) out[field] = { value, source: { file, sheet: cells.sheet, cell: formatCell({ row, col: cells.left + k }) } };
        break;
      }
    }
  });
  return out;
}

export interface ProjectList {
  sheet: string;
  headerRow: number;
  projects: ProjectInfo[];
}

/**
 * A list of projects: a header row naming the project and at least two more
 * project facts (code, manager, stage, RAG...), with a row per project below
 * it, down to the first blank row or total line.
 */
export function findProjectList(cells: SheetCells, file: string): ProjectList | null {
  for (let i = 0; i < cells.values.length; i++) {
    const line = cells.values[i];
    const labels = labelsOfRow(line);
    const columns = new Map<InfoFieldId, number>();
    line.forEach((v, c) => {
      if (typeof v !== "string") return;
      const f = labels[c];
      if (f && !columns.has(f)) columns.set(f, c);
    });
    if (!columns.has("project") || columns.size < 3 || !(columns.has("code") || columns.has("statedRag") || columns.has("manager") || columns.has("programme"))) continue;
    const projects: ProjectInfo[] = [];
    for (let j = i + 1; j < cells.values.length; j++) {
      const below = cells.values[j];
      const name = below[columns.get("project") as number];
      if (typeof name !== "string" || name.trim() === "") break;
      if (/^(sub ?)?totals?\b|^grand total/.test(wordsOf(name))) break;
      const info: ProjectInfo = {};
      for (const [field, c] of columns) {
        const value = cellValueOf(field, below[c] ?? null, cells.numberFormats?.[j]?.[c] ?? "General");
        if (value !== null) info[field] = { value, source: { file, sheet: cells.sheet, cell: formatCell({ row: cells.top + j, col: cells.left + c }) } };
      }
      projects.push(info);
    }
    if (projects.length) return { sheet: cells.sheet, headerRow: cells.top + i, projects };
  }
  return null;
}
