/**
 * Registers made from a seed, clean except for errors put in on purpose at
 * known cells, so a test can say whether validation found every one (recall)
 * and raised nothing else (precision). Same seed, same workbook.
 */
import ExcelJS from "exceljs";
import { columnLetter } from "../../../../src/core/grid/address";
import { seededRandom } from "../messy-register";

/** The date every generated register is checked on. */
export const CHECK_DAY = new Date(Date.UTC(2026, 5, 30));

export interface SeededError {
  sheet: string;
  cell: string;
  rule: string;
  /** What was done to the cell, for a failing test's message. */
  what: string;
}

export interface SeededWorkbook {
  bytes: Uint8Array;
  seeded: SeededError[];
  /** Sheet → rows that carry no seeded error. */
  cleanRows: Map<string, number[]>;
}

type Row = Record<string, ExcelJS.CellValue>;
interface Seed {
  what: string;
  /** Changes the row; returns the headers whose cells must be found, with their rule. */
  apply(row: Row, rows: Row[], random: () => number): [string, string][];
}

function day(offset: number): Date {
  return new Date(CHECK_DAY.getTime() + offset * 86_400_000);
}

function pick<T>(random: () => number, xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)];
}

const RISK_HEADERS = ["ID", "Title", "Description", "Owner", "Date Raised", "Probability", "Impact", "Score", "Response", "Mitigation", "Residual Probability", "Residual Impact", "Residual Score", "Status", "Review Date", "Date Closed"];

function cleanRisk(i: number, random: () => number): Row {
  const p = 1 + Math.floor(random() * 5);
  const im = 1 + Math.floor(random() * 5);
  const rp = 1 + Math.floor(random() * p);
  const ri = 1 + Math.floor(random() * im);
  const closed = random() < 0.25;
  const raised = day(-400 + Math.floor(random() * 300));
  return {
    ID: `R-${String(i).padStart(3, "0")}`,
    Title: `Risk ${i}`,
    Description: `Cause ${i} leads to event ${i} with effect ${i}`,
    Owner: pick(random, ["A. Patel", "B. Okafor", "C. Novak"]),
    "Date Raised": raised,
    Probability: p,
    Impact: im,
    Score: p * im,
    Response: pick(random, ["Reduce", "Accept", "Transfer", "Avoid"]),
    Mitigation: `Action ${i}`,
    "Residual Probability": rp,
    "Residual Impact": ri,
    "Residual Score": rp * ri,
    Status: closed ? "Closed" : "Open",
    "Review Date": day(1 + Math.floor(random() * 60)),
    "Date Closed": closed ? new Date(raised.getTime() + 20 * 86_400_000) : null,
  };
}

const RISK_SEEDS: Seed[] = [
  { what: "description left empty", apply: (r) => ((r.Description = null), [["Description", "required"]]) },
  { what: "status in capitals", apply: (r) => ((r.Status = "OPEN"), (r["Date Closed"] = null), [["Status", "allowed"]]) },
  { what: "status misspelt", apply: (r) => ((r.Status = "Opne"), (r["Date Closed"] = null), [["Status", "allowed"]]) },
  { what: "date raised typed as text", apply: (r) => ((r["Date Raised"] = "12 March 2026"), [["Date Raised", "type"]]) },
  { what: "review date typed as ambiguous text", apply: (r) => ((r["Review Date"] = "03/04/2027"), [["Review Date", "type"]]) },
  { what: "review date is not a date", apply: (r) => ((r["Review Date"] = "next month"), [["Review Date", "type"]]) },
  {
    what: "probability off the scale",
    apply: (r) => {
      r.Probability = 7;
      r.Score = 7 * (r.Impact as number);
      r["Residual Score"] = Math.min(r["Residual Score"] as number, r.Score);
      return [["Probability", "type"]];
    },
  },
  { what: "score disagrees with P × I", apply: (r) => ((r.Score = (r.Probability as number) * (r.Impact as number) + 1), [["Score", "score"]]) },
  { what: "score typed as text", apply: (r) => ((r.Score = String((r.Probability as number) * (r.Impact as number))), [["Score", "type"]]) },
  {
    what: "duplicate ID",
    apply: (r, rows) => {
      r.ID = rows[0].ID;
      return [["ID", "unique"]];
    },
  },
  { what: "closed without a closed date", apply: (r) => ((r.Status = "Closed"), (r["Date Closed"] = null), [["Date Closed", "closed-date"]]) },
  {
    what: "closed before raised",
    apply: (r) => {
      r.Status = "Closed";
      r["Date Closed"] = new Date((r["Date Raised"] as Date).getTime() - 5 * 86_400_000);
      return [["Date Closed", "closed-date"]];
    },
  },
  {
    what: "high risk without owner",
    apply: (r) => {
      Object.assign(r, { Probability: 4, Impact: 4, Score: 16, Status: "Open", "Date Closed": null, Owner: null });
      return [["Owner", "high-risk-owner"]];
    },
  },
  {
    what: "critical risk without response",
    apply: (r) => {
      Object.assign(r, { Probability: 5, Impact: 5, Score: 25, Status: "Open", "Date Closed": null, Response: null });
      return [["Response", "high-risk-owner"]];
    },
  },
  {
    what: "residual above inherent",
    apply: (r) => {
      Object.assign(r, { Probability: 2, Impact: 2, Score: 4, "Residual Probability": 3, "Residual Impact": 3, "Residual Score": 9 });
      return [["Residual Score", "residual"]];
    },
  },
  { what: "review date passed on an open item", apply: (r) => ((r.Status = "Open"), (r["Date Closed"] = null), (r["Review Date"] = day(-10)), [["Review Date", "review-date"]]) },
];

const MILESTONE_HEADERS = ["ID", "Milestone", "Owner", "Baseline Date", "Forecast Date", "Actual Date", "Status"];

function cleanMilestone(i: number, random: () => number): Row {
  const done = random() < 0.4;
  const baseline = day(-100 + Math.floor(random() * 200));
  return {
    ID: `M-${i}`,
    Milestone: `Milestone ${i}`,
    Owner: "D. Silva",
    "Baseline Date": baseline,
    "Forecast Date": done ? baseline : day(5 + Math.floor(random() * 90)),
    "Actual Date": done ? baseline : null,
    Status: done ? "Done" : pick(random, ["Not started", "In progress"]),
  };
}

const MILESTONE_SEEDS: Seed[] = [
  { what: "forecast passed, no actual", apply: (r) => ((r["Forecast Date"] = day(-3)), (r["Actual Date"] = null), (r.Status = "In progress"), [["Actual Date", "overdue"]]) },
  { what: "milestone name empty", apply: (r) => ((r.Milestone = null), [["Milestone", "required"]]) },
  { what: "status in other case with spaces", apply: (r) => ((r.Status = "  in PROGRESS "), (r["Actual Date"] = null), (r["Forecast Date"] = day(20)), [["Status", "allowed"]]) },
  { what: "baseline typed as ISO text", apply: (r) => ((r["Baseline Date"] = "2026-02-14"), [["Baseline Date", "type"]]) },
];

const BUDGET_HEADERS = ["Project", "Cost Code", "Budget", "Actual", "Forecast to Complete", "Forecast at Completion", "Variance", "Variance Explanation"];

function cleanBudget(i: number, random: () => number): Row {
  const budget = 10_000 * (1 + Math.floor(random() * 50));
  const actual = Math.round(budget * 0.5);
  const forecast = Math.round(budget * (0.47 + random() * 0.06));
  const eac = actual + forecast;
  return { Project: `Project ${i}`, "Cost Code": `CC-${i}`, Budget: budget, Actual: actual, "Forecast to Complete": forecast, "Forecast at Completion": eac, Variance: budget - eac, "Variance Explanation": null };
}

const BUDGET_SEEDS: Seed[] = [
  {
    what: "variance past amber, no explanation",
    apply: (r) => {
      const eac = Math.round((r.Budget as number) * 1.2);
      Object.assign(r, { "Forecast to Complete": eac - (r.Actual as number), "Forecast at Completion": eac, Variance: (r.Budget as number) - eac });
      return [["Variance Explanation", "variance-explanation"]];
    },
  },
  { what: "actual typed as text in the workbook's currency", apply: (r) => ((r.Actual = `£${(r.Actual as number).toLocaleString("en-GB")}`), [["Actual", "type"]]) },
  { what: "budget typed as text in another currency", apply: (r) => ((r.Budget = `${(r.Budget as number).toLocaleString("en-GB")} CHF`), [["Budget", "type"]]) },
  { what: "budget left empty", apply: (r) => ((r.Budget = null), [["Budget", "required"]]) },
];

interface SheetSpec {
  sheet: string;
  headers: string[];
  clean: (i: number, random: () => number) => Row;
  seeds: Seed[];
  dateHeaders: string[];
}

const SHEETS: SheetSpec[] = [
  { sheet: "Risks", headers: RISK_HEADERS, clean: cleanRisk, seeds: RISK_SEEDS, dateHeaders: ["Date Raised", "Review Date", "Date Closed"] },
  { sheet: "Milestones", headers: MILESTONE_HEADERS, clean: cleanMilestone, seeds: MILESTONE_SEEDS, dateHeaders: ["Baseline Date", "Forecast Date", "Actual Date"] },
  { sheet: "Budget", headers: BUDGET_HEADERS, clean: cleanBudget, seeds: BUDGET_SEEDS, dateHeaders: [] },
];

/**
 * A workbook with a risk register, a milestone tracker and a budget tracker,
 * `rows` rows each, headers on row 1; about one row in `every` carries one
 * seeded error (each seed kind at least once).
 */
export async function seededWorkbook(seed: number, rows = 80, every = 3): Promise<SeededWorkbook> {
  const random = seededRandom(seed);
  const wb = new ExcelJS.Workbook();
  const seeded: SeededError[] = [];
  const cleanRows = new Map<string, number[]>();
  for (const spec of SHEETS) {
    const ws = wb.addWorksheet(spec.sheet);
    ws.addRow(spec.headers);
    const data: Row[] = [];
    const clean: number[] = [];
    let nextSeed = 0;
    for (let i = 1; i <= rows; i++) {
      const row = spec.clean(i, random);
      const sheetRow = i + 1;
      // The first row stays clean: the duplicate-ID seed copies its ID.
      const seedHere = i > 1 && (nextSeed < spec.seeds.length || random() < 1 / every);
      if (seedHere) {
        const s = nextSeed < spec.seeds.length ? spec.seeds[nextSeed++] : pick(random, spec.seeds);
        for (const [header, rule] of s.apply(row, data, random)) {
          seeded.push({ sheet: spec.sheet, cell: `${columnLetter(spec.headers.indexOf(header) + 1)}${sheetRow}`, rule, what: s.what });
        }
      } else clean.push(sheetRow);
      data.push(row);
      ws.addRow(spec.headers.map((h) => row[h] ?? null));
    }
    for (const h of spec.dateHeaders) ws.getColumn(spec.headers.indexOf(h) + 1).numFmt = "yyyy-mm-dd";
    cleanRows.set(spec.sheet, clean);
  }
  const buffer = await wb.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as ArrayBuffer), seeded, cleanRows };
}
