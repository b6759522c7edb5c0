/**
 * Risk registers whose probability and impact are fractions, made from a
 * seed: PMBOK's numeric scales (probability 0.1/0.3/0.5/0.7/0.9, impact
 * 0.05/0.10/0.20/0.40/0.80), values between the steps, percentages typed as
 * numbers with a % format or as text ("70%", " 7.5% ", as a CSV import
 * leaves them), or an impact written in words beside a fraction
 * probability; with residual columns, blanks, "TBC", 0 and values over 1
 * (which have no level) scattered in, and sometimes the user's own Score
 * formula (never in "words", whose Score the toolkit writes). Same seed,
 * same workbook.
 */
import ExcelJS from "exceljs";
import { columnLetter } from "../../../src/core/grid/address";
import { seededRandom } from "./messy-register";

/** "words" is the register fractions are compared with: both levels in words, scored by the toolkit's formula. */
export type FractionStyle = "pmbok" | "percent" | "percentText" | "between" | "wordImpact" | "words";

const PMBOK_PROBABILITY = [0.1, 0.3, 0.5, 0.7, 0.9];
const PMBOK_IMPACT = [0.05, 0.1, 0.2, 0.4, 0.8];
const PERCENTS = [0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 1];
const IMPACT_WORDS = ["Low", "Medium", "High", "Very High", "Very Low", "Med", "H"];

export interface FractionRegister {
  bytes: Uint8Array;
  sheet: string;
  /** Rows of risks, header excluded. */
  rows: number;
}

export async function fractionRiskRegister(seed: number, style: FractionStyle): Promise<FractionRegister> {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const wb = new ExcelJS.Workbook();
  const sheet = pick(["Risks", "PMBOK Risks", "Risk Register"]);
  const ws = wb.addWorksheet(sheet);
  const ownScore = chance(0.4) && style !== "words";
  const headers = ["Risk ID", "Risk Title", "Owner", "Probability", "Impact", ...(ownScore ? ["Score"] : []), "Status", "Residual Probability", "Residual Impact"];
  ws.addRow(headers);
  const col = (h: string) => headers.indexOf(h) + 1;
  const level = (dimension: "probability" | "impact"): number | string | null => {
    if (chance(0.06)) return null;
    if (chance(0.04)) return pick(["TBC", 0, 1.5]);
    if ((style === "wordImpact" && dimension === "impact") || style === "words") return pick(IMPACT_WORDS);
    if (style === "percent") return pick(PERCENTS);
    if (style === "percentText") return `${chance(0.2) ? " " : ""}${Math.round(pick(PERCENTS) * 1000) / 10}%`;
    if (style === "between") return Math.round(rnd() * 100) / 100 || 0.01;
    return pick(dimension === "probability" ? PMBOK_PROBABILITY : PMBOK_IMPACT);
  };
  const n = 6 + Math.floor(rnd() * 20);
  for (let i = 0; i < n; i++) {
    const r = i + 2;
    const row: Record<string, ExcelJS.CellValue> = {
      "Risk ID": `R${String(i + 1).padStart(3, "0")}`,
      "Risk Title": `Risk ${i + 1}`,
      Owner: pick(["A. Patel", "J. Smith", "L. Chen"]),
      Probability: level("probability"),
      Impact: level("impact"),
      Status: pick(["Open", "Open", "Closed", "Monitoring"]),
      "Residual Probability": chance(0.3) ? null : level("probability"),
      "Residual Impact": chance(0.3) ? null : level("impact"),
    };
    if (ownScore) row.Score = { formula: `${columnLetter(col("Probability"))}${r}*${columnLetter(col("Impact"))}${r}` } as ExcelJS.CellFormulaValue;
    headers.forEach((h, c) => {
      const cell = ws.getCell(r, c + 1);
      cell.value = row[h] ?? null;
      if (style === "percent" && /Probability|Impact/.test(h) && typeof row[h] === "number") cell.numFmt = "0%";
    });
  }
  return { bytes: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), sheet, rows: n };
}
