/**
 * How a cell looks in the playground's sheet view: its text as Excel would
 * roughly show it, and the few styles that matter for judging a job's output
 * (fill, bold, text colour, alignment). Not a spreadsheet renderer: enough to
 * see what a job wrote.
 */
import type ExcelJS from "exceljs";
import { isDateFormat, serialToDate } from "../../core/grid/cell";

export interface CellDisplay {
  text: string;
  /** Numbers and dates align right unless the cell says otherwise, as in Excel. */
  align: "left" | "center" | "right";
  bold: boolean;
  italic: boolean;
  /** CSS colour or undefined. */
  fill?: string;
  color?: string;
  wrap: boolean;
  vertical: "top" | "middle" | "bottom";
  /** Full text for a tooltip where it may be cut off, and the formula where there is one. */
  title?: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function formatDate(d: Date, format: string): string {
  const day = d.getUTCDate();
  const month = d.getUTCMonth();
  const year = d.getUTCFullYear();
  const f = format.toLowerCase();
  if (/mmmm/.test(f)) return `${/d/.test(f) ? `${day} ` : ""}${d.toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${year}`;
  if (/mmm/.test(f)) return `${/d/.test(f) ? `${pad(day)}-` : ""}${MONTHS[month]}${/d/.test(f) ? "-" : " "}${year}`;
  if (/^y/.test(f)) return `${year}-${pad(month + 1)}-${pad(day)}`;
  if (/^m/.test(f)) return `${pad(month + 1)}/${pad(day)}/${year}`;
  return `${pad(day)}/${pad(month + 1)}/${year}`;
}

export function formatNumber(n: number, format: string): string {
  const f = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "").split(";")[0];
  const decimalsMatch = /\.(0+)/.exec(f);
  const decimals = decimalsMatch ? decimalsMatch[1].length : 0;
  if (f.includes("%")) return `${(n * 100).toFixed(decimals)}%`;
  const currency = /[£$€]/.exec(format)?.[0] ?? "";
  if (/[#0]/.test(f)) {
    const text = Math.abs(n).toLocaleString("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: f.includes(",") });
    return `${n < 0 ? "-" : ""}${currency}${text}`;
  }
  // General: up to 10 significant digits, no grouping, like Excel's General.
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(10)));
}

function argbToCss(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9A-Fa-f]{8}$/.test(argb)) return undefined;
  return `#${argb.slice(2)}`;
}

/** Office theme colours by index, for fills that name a theme colour instead of an RGB. */
const THEME_COLOURS = ["#FFFFFF", "#000000", "#E7E6E6", "#44546A", "#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"];

function colourOf(c: Partial<ExcelJS.Color> | undefined): string | undefined {
  if (!c) return undefined;
  if (c.argb) return argbToCss(c.argb);
  if (typeof c.theme === "number") return THEME_COLOURS[c.theme];
  return undefined;
}

type Value = ExcelJS.CellValue;

function valueText(v: Value, numFmt: string): { text: string; numeric: boolean } {
  if (v === null || v === undefined) return { text: "", numeric: false };
  if (v instanceof Date) return { text: formatDate(v, numFmt), numeric: true };
  if (typeof v === "number") {
    if (isDateFormat(numFmt)) return { text: formatDate(serialToDate(v), numFmt), numeric: true };
    return { text: formatNumber(v, numFmt), numeric: true };
  }
  if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE", numeric: false };
  if (typeof v === "string") return { text: v, numeric: false };
  if ("error" in v) return { text: String(v.error), numeric: false };
  if ("richText" in v) return { text: v.richText.map((t) => t.text).join(""), numeric: false };
  if ("hyperlink" in v) return { text: typeof v.text === "string" ? v.text : v.hyperlink, numeric: false };
  if ("formula" in v || "sharedFormula" in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) return { text: "", numeric: false };
    if (typeof result === "object" && result !== null && "error" in result) return { text: String((result as { error: unknown }).error), numeric: false };
    return valueText(result as Value, numFmt);
  }
  return { text: "", numeric: false };
}

function formulaText(v: Value): string | undefined {
  if (v && typeof v === "object" && !(v instanceof Date)) {
    if ("formula" in v && typeof v.formula === "string") return `=${v.formula}`;
    if ("sharedFormula" in v) return "(shared formula)";
  }
  return undefined;
}

export function cellDisplay(cell: ExcelJS.Cell | undefined): CellDisplay {
  if (!cell) return { text: "", align: "left", bold: false, italic: false, wrap: false, vertical: "bottom" };
  const numFmt = typeof cell.numFmt === "string" ? cell.numFmt : "General";
  const { text, numeric } = valueText(cell.value, numFmt);
  const h = cell.alignment?.horizontal;
  const align = h === "center" || h === "centerContinuous" ? "center" : h === "right" ? "right" : h === "left" ? "left" : numeric ? "right" : "left";
  const f = cell.fill;
  const fill = f && f.type === "pattern" && f.pattern === "solid" ? colourOf(f.fgColor) : undefined;
  const formula = formulaText(cell.value);
  return {
    text,
    align,
    bold: cell.font?.bold === true,
    italic: cell.font?.italic === true,
    fill,
    color: colourOf(cell.font?.color),
    wrap: cell.alignment?.wrapText === true,
    vertical: cell.alignment?.vertical === "top" ? "top" : cell.alignment?.vertical === "middle" ? "middle" : "bottom",
    title: formula ? `${text} (${formula})` : text.length > 20 || text.includes("\n") ? text : undefined,
  };
}
