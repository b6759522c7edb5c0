/**
 * The cells of an ExcelJS worksheet as the part writer asks for them. A
 * plan writes only text, numbers, true/false, empty and `{ formula }`; a
 * cell holding anything else (rich text, a date, a hyperlink, an error, a
 * shared or array formula, a formula with a cached result the plan did not
 * give) was not written by the plan, so its content is kept as the file has it.
 */
import type ExcelJS from "exceljs";
import { cellValueOf, formulaOf, VALUE_TYPE } from "../cell-values";
import type { CellContent, CellSource } from "./sheet-cells";
import { escapeCellText } from "./sheet-cells";
import { hasPlanResult } from "../cached-results";
import { encodeXstring } from "./xstring";

// ExcelJS's value types (a const enum in its typings); the ones a plan can write.
const TYPE = { ...VALUE_TYPE, Number: 2, String: 3, Boolean: 9 } as const;

/** ExcelJS keeps rows and cells in sparse arrays it leaves out of its typings; reading them never creates a row or cell. */
interface SparseRows {
  _rows: (ExcelJS.Row | undefined)[];
}
interface SparseCells {
  _cells: (ExcelJS.Cell | undefined)[];
}

function textElement(p: string, text: string): string {
  return `<${p}t xml:space="preserve">${escapeCellText(encodeXstring(text))}</${p}t>`;
}

export function scalar(p: string, v: unknown): { t?: string; inner: string } | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return { inner: `<${p}v>${String(v)}</${p}v>` };
  if (typeof v === "boolean") return { t: "b", inner: `<${p}v>${v ? 1 : 0}</${p}v>` };
  if (typeof v === "string") return { t: "inlineStr", inner: `<${p}is>${textElement(p, v)}</${p}is>` };
  if (typeof v === "object" && typeof (v as { error?: unknown }).error === "string") return { t: "e", inner: `<${p}v>${escapeCellText((v as { error: string }).error)}</${p}v>` };
  return null;
}

export function modelCells(ws: ExcelJS.Worksheet): CellSource {
  const rows = (ws as unknown as SparseRows)._rows;
  return {
    rows() {
      const out: number[] = [];
      rows.forEach((row, i) => {
        if (row) out.push(i + 1);
      });
      return out;
    },
    columns(row) {
      const r = rows[row - 1];
      if (!r) return [];
      const out: number[] = [];
      (r as unknown as SparseCells)._cells.forEach((cell, i) => {
        if (cell) out.push(i + 1);
      });
      return out;
    },
    content(row, col, p): CellContent {
      const r = rows[row - 1];
      const cell = r ? (r as unknown as SparseCells)._cells[col - 1] : undefined;
      if (!cell) return null;
      const type = cell.type as number;
      if (type === TYPE.Null || type === TYPE.Merge) return null;
      if (type === TYPE.Number || type === TYPE.String || type === TYPE.Boolean) return scalar(p, cell.value);
      if (type === TYPE.Formula) {
        const v = cell.value as ExcelJS.CellFormulaValue & { shareType?: string };
        // A formula with a cached result is the file's own unless the plan wrote that result.
        if (v.shareType || (v.result !== undefined && !hasPlanResult(cell))) return "keep";
        const f = formulaOf(cell);
        return f ? formulaContent(p, f, cellValueOf(cell)) : null;
      }
      return "keep";
    },
  };
}

/** A formula cell ("=..."), with `result` as its cached value where there is one. */
export function formulaContent(p: string, formula: string, result: unknown): CellContent {
  const cached = scalar(p, result);
  const t = cached?.t === "inlineStr" ? "str" : cached?.t;
  const value = cached ? (cached.t === "inlineStr" ? `<${p}v>${escapeCellText(String(result))}</${p}v>` : cached.inner) : "";
  // Every leading "=" goes, as the workbook model writes it: the file holds the formula without one.
  return { ...(t ? { t } : {}), inner: `<${p}f>${escapeCellText(formula.replace(/^=+/, ""))}</${p}f>${value}` };
}
