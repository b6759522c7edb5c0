/**
 * Messy risk registers, made from a seed: the shapes real PMO workbooks have
 * (title rows and a merged title, the header not in column A, a group row
 * above the header, blank and ID-only rows, a total row and a legend below,
 * extra user columns, numbers typed as text, the user's own Score formulas,
 * some of them typed over, owners merged down over records). Same seed, same
 * workbook.
 */
import ExcelJS from "exceljs";
import { columnLetter } from "../../../src/core/grid/address";

/** mulberry32: tiny, seedable, good enough to pick shapes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MessyRegister {
  bytes: Uint8Array;
  sheet: string;
  headerRow: number;
  firstColumn: number;
  /** Last row with data (ID-only placeholder rows do not count); the total row and legend lie below. */
  lastDataRow: number;
  totalRow: number | null;
  legendRow: number | null;
  /** Where the score column is and which rows hold typed-over scores. */
  scoreColumn: number | null;
  probabilityColumn: number;
  impactColumn: number;
  columns: string[];
  /** Merged areas inside the register (owners merged down over records). */
  ownerMerges: number;
}

type Field = "id" | "title" | "description" | "owner" | "probability" | "impact" | "score" | "status" | "mitigation" | "dateRaised";

const HEADERS: Record<Field, string[]> = {
  id: ["Risk ID", "ID", "Ref", "Risk No"],
  title: ["Risk Title", "Title", "Risk"],
  description: ["Description", "Risk Description", "Details"],
  owner: ["Owner", "Risk Owner", "Responsible"],
  probability: ["Probability", "Likelihood", "Prob"],
  impact: ["Impact", "Consequence", "Impact Rating"],
  score: ["Score", "Risk Score", "Rating"],
  status: ["Status", "Risk Status", "State"],
  mitigation: ["Mitigation", "Mitigation Actions", "Response Plan"],
  dateRaised: ["Date Raised", "Date Identified", "Raised"],
};

const EXTRA = ["Notes", "Comments", "Project Phase", "Workstream"];
const STATUSES = ["Open", "Closed", "Open", "Open", "On hold", "open"];
const OWNERS = ["A. Patel", "J. Smith", "L. Chen", "M. Okafor", "R. Garcia"];
const WORDS = ["Supplier", "late", "delivery", "budget", "overrun", "key", "staff", "leave", "scope", "creep", "data", "migration", "fails"];

export async function messyRiskRegister(seed: number): Promise<MessyRegister> {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;

  const wb = new ExcelJS.Workbook();
  const sheet = pick(["Risks", "Risk Register", "RAID - Risks", "Sheet1"]);
  const ws = wb.addWorksheet(sheet);
  const firstColumn = 1 + Math.floor(rnd() * 3);
  const titleRows = Math.floor(rnd() * 4);
  const groupRow = chance(0.35);

  const fields: Field[] = ["id", "title", "description", "owner", "probability", "impact"];
  if (chance(0.6)) fields.push("score");
  if (chance(0.8)) fields.push("status");
  if (chance(0.5)) fields.push("mitigation");
  if (chance(0.5)) fields.push("dateRaised");
  const columns: string[] = [];
  const fieldAt: (Field | null)[] = [];
  for (const f of fields) {
    columns.push(pick(HEADERS[f]));
    fieldAt.push(f);
    if (chance(0.15)) {
      columns.push(EXTRA[columns.length % EXTRA.length]);
      fieldAt.push(null);
    }
  }
  if (chance(0.5)) {
    columns.push(pick(EXTRA));
    fieldAt.push(null);
  }
  // Extra columns may repeat a name; keep them distinct so the test's expectations stay simple.
  for (let i = 0; i < columns.length; i++) if (columns.indexOf(columns[i]) !== i) columns[i] = `${columns[i]} ${i}`;

  const lastCol = firstColumn + columns.length - 1;
  let row = 1;
  for (let t = 0; t < titleRows; t++, row++) {
    if (t === 0) {
      ws.getCell(row, firstColumn).value = `${pick(["Project Falcon", "ERP Upgrade", "New HQ"])} - Risk Register`;
      if (chance(0.6)) ws.mergeCells(row, firstColumn, row, Math.min(lastCol, firstColumn + 4));
    } else if (t === 1) {
      ws.getCell(row, firstColumn).value = "Prepared by:";
      ws.getCell(row, firstColumn + 1).value = pick(OWNERS);
    }
  }
  const colOf = (f: Field) => firstColumn + fieldAt.indexOf(f);
  if (groupRow) {
    const p = colOf("probability");
    ws.getCell(row, p).value = "Assessment";
    ws.mergeCells(row, p, row, p + 1);
    row++;
  }
  const headerRow = row;
  columns.forEach((h, i) => (ws.getCell(headerRow, firstColumn + i).value = h));
  row++;

  const n = 3 + Math.floor(rnd() * 20);
  const userFormulas = chance(0.6);
  let lastDataRow = headerRow;
  for (let i = 0; i < n; i++, row++) {
    if (i > 0 && chance(0.08)) continue; // a blank row inside the register
    const idOnly = i > 1 && chance(0.07);
    fieldAt.forEach((f, j) => {
      const cell = ws.getCell(row, firstColumn + j);
      const p = 1 + Math.floor(rnd() * 5);
      switch (f) {
        case "id":
          cell.value = chance(0.5) ? `R${String(i + 1).padStart(3, "0")}` : i + 1;
          break;
        case "title":
          if (!idOnly) cell.value = `${pick(WORDS)} ${pick(WORDS)}`;
          break;
        case "description":
          if (!idOnly) cell.value = `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}, leading to ${pick(WORDS)}`;
          break;
        case "owner":
          if (!idOnly && chance(0.9)) cell.value = pick(OWNERS);
          break;
        case "probability":
        case "impact":
          if (!idOnly) cell.value = chance(0.15) ? ` ${p} ` : p;
          break;
        case "score":
          if (idOnly) break;
          if (userFormulas && !chance(0.15)) {
            cell.value = { formula: `${columnLetter(colOf("probability"))}${row}*${columnLetter(colOf("impact"))}${row}` } as ExcelJS.CellFormulaValue;
          } else cell.value = Math.floor(rnd() * 25) + 1;
          break;
        case "status":
          if (!idOnly) cell.value = pick(STATUSES);
          break;
        case "mitigation":
          if (!idOnly && chance(0.7)) cell.value = `Agree ${pick(WORDS)} plan with ${pick(OWNERS)}`;
          break;
        case "dateRaised":
          if (!idOnly) cell.value = chance(0.8) ? new Date(Date.UTC(2025, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28))) : "TBC";
          break;
        case null:
          if (!idOnly && chance(0.5)) cell.value = `note ${i}`;
          break;
      }
    });
    if (!idOnly) lastDataRow = row; // a trailing ID-only row is a placeholder, not data
  }
  let totalRow: number | null = null;
  let legendRow: number | null = null;
  if (chance(0.6)) {
    row = lastDataRow + 1 + Math.floor(rnd() * 2);
    totalRow = row;
    ws.getCell(row, firstColumn).value = "Total";
    const p = colOf("probability");
    ws.getCell(row, p + 1).value = {
      formula: `COUNTA(${columnLetter(p)}${headerRow + 1}:${columnLetter(p)}${lastDataRow})`,
    } as ExcelJS.CellFormulaValue;
    row++;
  }
  if (chance(0.5)) {
    row = Math.max(row, lastDataRow + 1) + 1;
    legendRow = row;
    ws.getCell(row, firstColumn).value = "Legend: probability and impact 1 = low ... 5 = high";
  }
  // Owners merged down over a few records, as many registers group them. A random stream of its own, so the shapes above stay as they were for each seed.
  const mergeRnd = seededRandom(seed * 7919 + 17);
  let ownerMerges = 0;
  if (mergeRnd() < 0.4) {
    const owner = colOf("owner");
    for (let r = headerRow + 1; r < lastDataRow; r++) {
      if (mergeRnd() > 0.3 || ws.getCell(r, owner).value === null) continue;
      const bottom = Math.min(lastDataRow, r + 1 + Math.floor(mergeRnd() * 2));
      for (let k = r + 1; k <= bottom; k++) ws.getCell(k, owner).value = null; // a merged area holds its value in the top-left cell only
      ws.mergeCells(r, owner, bottom, owner);
      ownerMerges++;
      r = bottom;
    }
  }
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return {
    bytes,
    sheet,
    headerRow,
    firstColumn,
    lastDataRow,
    totalRow,
    legendRow,
    scoreColumn: fieldAt.includes("score") ? colOf("score") : null,
    probabilityColumn: colOf("probability"),
    impactColumn: colOf("impact"),
    columns,
    ownerMerges,
  };
}
