/**
 * Risk registers as workbook seeds, so both hosts start from the same messy
 * register: the generated messy registers of the job tests (read from their
 * xlsx bytes with ExcelJS), and a register of any number of rows built
 * directly, for measuring the register job at scale.
 */
import ExcelJS from "exceljs";
import { columnLetter, formatRange } from "../../src/core/grid/address";
import { dateToSerial } from "../../src/core/grid/cell";
import type { SeedCell, SheetSeed, WorkbookSeed } from "./workbook-seed";

function seedCell(cell: ExcelJS.Cell): { value: SeedCell; numberFormat?: string } {
  const v = cell.value;
  if (v === null || v === undefined) return { value: null };
  if (v instanceof Date) return { value: dateToSerial(v), numberFormat: cell.numFmt || "yyyy-mm-dd" };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { value: v, ...(cell.numFmt ? { numberFormat: cell.numFmt } : {}) };
  if (typeof v === "object" && "formula" in v && typeof v.formula === "string") return { value: { formula: `=${v.formula}` } };
  if (typeof v === "object" && "error" in v) return { value: { error: String(v.error) } };
  if (typeof v === "object" && "richText" in v) return { value: v.richText.map((r) => r.text).join("") };
  throw new Error(`seedFromXlsx: a cell value of a kind the seed cannot hold at ${cell.address}`);
}

/** Values, formulas, number formats and merges of every sheet (the contract seeds carry no styles or tables). */
export async function seedFromXlsx(bytes: Uint8Array): Promise<WorkbookSeed> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: SheetSeed[] = wb.worksheets.map((ws) => {
    const rows: SeedCell[][] = [];
    const numberFormats: Record<string, string> = {};
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const line: SeedCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const { value, numberFormat } = seedCell(cell);
        line[c - 1] = value;
        if (numberFormat && numberFormat !== "General") numberFormats[formatRange({ top: r, bottom: r, left: c, right: c })] = numberFormat;
      });
      rows[r - 1] = Array.from(line, (x) => x ?? null);
    });
    const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice();
    return { name: ws.name, rows: Array.from(rows, (x) => x ?? []), numberFormats, merges };
  });
  return { sheets };
}

const OWNERS = ["A. Patel", "J. Smith", "L. Chen", "M. Okafor", "R. Garcia"];
const STATUSES = ["Open", "Closed", "Open", "open", "On hold"];

export const SCALED_REGISTER_SHEET = "Risk Log";

/**
 * A risk register of `rows` rows on sheet "Risk Log" the way PMOs keep them:
 * title rows and a merged title, the header in row 4 from column B, the
 * user's own Score formulas, some scores typed over, a likelihood typed as
 * text, dates with a date format, free notes, and a legend below.
 */
export function scaledRiskRegister(rows: number): WorkbookSeed {
  const headers = ["Risk ID", "Risk Description", "Owner", "Likelihood", "Impact", "Score", "Status", "Date Raised", "Notes"];
  const left = 2;
  const headerRow = 4;
  const col = (h: string) => columnLetter(left + headers.indexOf(h));
  const lines: SeedCell[][] = [["Programme Alpha — risk log"], ["Prepared by: PMO office"], [], headers];
  for (let i = 1; i <= rows; i++) {
    const r = headerRow + i;
    const likelihood = 1 + (i % 5);
    const impact = 1 + ((i * 3) % 5);
    lines.push([
      `R-${String(i).padStart(4, "0")}`,
      `Supplier delay on work package ${i % 97} pushes the install window`,
      OWNERS[i % OWNERS.length] as string,
      i % 17 === 0 ? ` ${likelihood} ` : likelihood,
      impact,
      i % 23 === 0 ? likelihood * impact : { formula: `=${col("Likelihood")}${r}*${col("Impact")}${r}` },
      STATUSES[i % STATUSES.length] as string,
      45000 + (i % 365),
      i % 4 === 0 ? `note ${i}` : null,
    ]);
  }
  lines.push([], ["Legend: likelihood and impact 1 = low ... 5 = high"]);
  const last = headerRow + rows;
  return {
    sheets: [
      {
        name: SCALED_REGISTER_SHEET,
        origin: "B1",
        rows: lines,
        merges: ["B1:F1"],
        numberFormats: { [`${col("Date Raised")}${headerRow + 1}:${col("Date Raised")}${last}`]: "dd/mm/yyyy" },
      },
    ],
  };
}
