/**
 * A synthetic risk register, the same every run: 15 columns of text,
 * numbers and dates, shaped like the registers in real PMO workbooks.
 */
import { columnLetter } from "../src/core/grid/address";

export const REGISTER_HEADERS = [
  "Risk ID",
  "Title",
  "Description",
  "Category",
  "Owner",
  "Status",
  "Likelihood",
  "Impact",
  "Score",
  "Date Raised",
  "Due Date",
  "Cost Exposure",
  "Mitigation",
  "Proximity",
  "Last Updated",
] as const;

export const REGISTER_WIDTH = REGISTER_HEADERS.length;
/** 1-based columns holding dates (Date Raised, Due Date, Last Updated). */
export const DATE_COLUMNS = [10, 11, 15];
/** 1-based columns holding plain numbers and money. */
export const NUMBER_COLUMNS = [7, 8, 9];
export const MONEY_COLUMNS = [12];
export const DATE_FORMAT = "yyyy-mm-dd";
export const MONEY_FORMAT = "#,##0.00";
export const NUMBER_FORMAT = "0";

export type RegisterValue = string | number | Date;

const CATEGORIES = ["Schedule", "Cost", "Scope", "Quality", "Resource", "Supplier", "Regulatory", "Technical"];
const OWNERS = ["A. Patel", "B. Okafor", "C. Nguyen", "D. Schmidt", "E. Rossi", "F. Haddad", "G. Kowalski", "H. Tanaka"];
const STATUSES = ["Open", "Open", "Open", "Monitoring", "Closed"];
const PROXIMITY = ["Imminent", "Within 3 months", "Within 6 months", "Beyond 6 months"];
const SUBJECTS = ["supplier delivery", "design approval", "budget release", "test environment", "key staff", "data migration", "vendor contract", "site access"];
const EFFECTS = ["slips by four weeks", "costs more than planned", "fails acceptance", "is not available", "needs rework", "is delayed by audit"];

/** Small deterministic generator, so the baseline and the measured run see identical data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** Row `i` (0-based, body rows only) of the register. */
export function registerRow(i: number): RegisterValue[] {
  const rand = lcg(i * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const likelihood = 1 + Math.floor(rand() * 5);
  const impact = 1 + Math.floor(rand() * 5);
  const subject = pick(SUBJECTS);
  const effect = pick(EFFECTS);
  const raised = START + Math.floor(rand() * 700) * DAY_MS;
  return [
    `R-${String(i + 1).padStart(6, "0")}`,
    `Risk that ${subject} ${effect}`,
    `If the ${subject} ${effect}, then the milestone moves and the benefits case weakens; raised in the monthly review.`,
    pick(CATEGORIES),
    pick(OWNERS),
    pick(STATUSES),
    likelihood,
    impact,
    likelihood * impact,
    new Date(raised),
    new Date(raised + (30 + Math.floor(rand() * 180)) * DAY_MS),
    Math.round(rand() * 50_000_000) / 100,
    `Agree a recovery plan with the ${subject} owner and track weekly.`,
    pick(PROXIMITY),
    new Date(raised + Math.floor(rand() * 60) * DAY_MS),
  ];
}

export function lastColumnLetter(): string {
  return columnLetter(REGISTER_WIDTH);
}
