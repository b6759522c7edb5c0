/**
 * Generated budget trackers and finance ledgers that disagree in known ways:
 * each tracker amount is given an outcome (matched, amount difference,
 * timing difference, tracker-only) and the ledger is written to fit, with
 * ledger-only lines, split postings and reversals, amounts typed every way
 * finance exports write them, periods in many forms, text that starts with
 * = + - @, unreadable amounts and a total row. The generator knows the
 * answer, so tests compare the job with it.
 */
import ExcelJS from "exceljs";
import { seededRandom } from "../messy-register";

export type TrackerShape = "periodRows" | "monthlyColumns";

export interface Expected {
  matched: number;
  differences: number;
  timing: number;
  trackerOnly: number;
  ledgerOnly: number;
  trackerCents: number;
  ledgerCents: number;
  unreadableAmounts: number;
}

export interface ReconcileBooks {
  tracker: Uint8Array;
  trackerSheet: string;
  ledgerCsv: string;
  ledgerLines: number;
  expected: Expected;
}

interface TrackerEntry {
  project: string;
  costCode: string;
  month: number;
  cents: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Tracker months run Jan–Sep 2026; the ledger may post up to Dec. */
const TRACKER_MONTHS = 9;

function serialOf(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A period as a ledger export might write it. */
function periodText(month: number, pick: number): string | number {
  const mm = String(month).padStart(2, "0");
  switch (pick % 6) {
    case 0: return `2026-${mm}`;
    case 1: return `${MONTHS[month - 1]}-26`;
    case 2: return `${mm}/2026`;
    case 3: return `${20 + (pick % 8)}/${mm}/2026`;
    case 4: return serialOf(2026, month, 15);
    default: return `2026${mm}`;
  }
}

/** Whole units with comma groups, and the cents, of an amount's size. */
function digits(cents: number): { whole: string; frac: string } {
  const whole = Math.floor(Math.abs(cents) / 100);
  return { whole: String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ","), frac: String(Math.abs(cents) % 100).padStart(2, "0") };
}

/** An amount as finance exports write it: plain, currency signs, either convention, brackets or a trailing minus. */
export function amountText(cents: number, pick: number): string | number {
  const neg = cents < 0;
  const { whole, frac } = digits(cents);
  const euro = whole.replace(/,/g, ".");
  switch (pick % 7) {
    case 0: return cents / 100;
    case 1: return `${neg ? "-" : ""}£${whole}.${frac}`;
    case 2: return `${neg ? "-" : ""}${euro},${frac} €`;
    case 3: return neg ? `(${whole}.${frac})` : `${whole}.${frac}`;
    case 4: return `${whole}.${frac}${neg ? "-" : ""}`;
    case 5: return `${neg ? "-" : ""}USD ${whole.replace(/,/g, " ")}.${frac}`;
    default: return `${neg ? "-" : ""}${whole.replace(/,/g, "'")}.${frac}`;
  }
}

const HOSTILE = ["=HYPERLINK(\"http://example.invalid\",\"click\")", "+44 20 7946 0000 call-off", "-adjustment per J. Smith", "@supplier invoice", "=1+1", "Ordinary line"];

function csvField(v: string | number): string {
  const t = String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** Splits an amount into 1–3 postings, sometimes with a posting and its reversal on top. */
function postings(cents: number, rand: () => number): number[] {
  const parts = 1 + Math.floor(rand() * 3);
  const out: number[] = [];
  let left = cents;
  for (let i = 1; i < parts; i++) {
    const p = Math.round(left * (0.2 + rand() * 0.5));
    out.push(p);
    left -= p;
  }
  out.push(left);
  if (rand() < 0.1) {
    const r = 1000 + Math.floor(rand() * 50_000);
    out.push(r, -r);
  }
  return out;
}

export interface BookOptions {
  seed?: number;
  shape?: TrackerShape;
  projects?: number;
  costCodes?: number;
  /** Extra ledger lines on keys the tracker does not have. */
  ledgerOnly?: number;
  unreadable?: number;
}

export function trackerEntries(options: BookOptions, rand: () => number): TrackerEntry[] {
  const entries: TrackerEntry[] = [];
  for (let p = 1; p <= (options.projects ?? 4); p++) {
    for (let c = 1; c <= (options.costCodes ?? 3); c++) {
      for (let month = 1; month <= TRACKER_MONTHS; month++) {
        // Gaps: a month with nothing for this key leaves room for a late posting.
        if (rand() < 0.3) continue;
        entries.push({ project: `PRJ-${String(p).padStart(3, "0")}`, costCode: `CC${100 + c}`, month, cents: 10_000 + Math.floor(rand() * 5_000_000) });
      }
    }
  }
  return entries;
}

export async function reconcileBooks(options: BookOptions = {}): Promise<ReconcileBooks> {
  const rand = seededRandom(options.seed ?? 7);
  const shape = options.shape ?? "periodRows";
  const entries = trackerEntries(options, rand);
  const has = new Set(entries.map((e) => `${e.project}|${e.costCode}|${e.month}`));
  const expected: Expected = { matched: 0, differences: 0, timing: 0, trackerOnly: 0, ledgerOnly: 0, trackerCents: 0, ledgerCents: 0, unreadableAmounts: 0 };
  const lines: (string | number)[][] = [];
  let doc = 1;
  const post = (project: string, costCode: string, month: number, cents: number) => {
    const pick = Math.floor(rand() * 1000);
    lines.push([project, costCode, periodText(month, pick), amountText(cents, pick >> 3), `INV-${doc++}`, HOSTILE[pick % HOSTILE.length]]);
    expected.ledgerCents += cents;
  };
  const lateTaken = new Set<string>();
  for (const e of entries) {
    expected.trackerCents += e.cents;
    const roll = rand();
    const late = e.month + 1 + Math.floor(rand() * 2);
    const lateKey = `${e.project}|${e.costCode}|${late}`;
    if (roll < 0.1 && !has.has(lateKey) && !lateTaken.has(lateKey) && late <= 12) {
      lateTaken.add(lateKey);
      expected.timing++;
      for (const p of postings(e.cents, rand)) post(e.project, e.costCode, late, p);
    } else if (roll < 0.2) {
      expected.differences++;
      const delta = (rand() < 0.5 ? -1 : 1) * (1 + Math.floor(rand() * 100_000));
      for (const p of postings(e.cents + delta, rand)) post(e.project, e.costCode, e.month, p);
    } else if (roll < 0.26) {
      expected.trackerOnly++;
    } else {
      expected.matched++;
      for (const p of postings(e.cents, rand)) post(e.project, e.costCode, e.month, p);
    }
  }
  const onlyKeys = new Set<string>();
  for (let i = 0; i < (options.ledgerOnly ?? 5); i++) {
    const month = 1 + Math.floor(rand() * 12);
    // Codes that start like formulas: they must reach the sheet as text.
    const project = ["=PRJ-9", "+PRJ-9", "-PRJ-9", "@PRJ-9", "PRJ-9"][i % 5] + String(i % 7).padStart(2, "0");
    const key = `${project}|CC900|${month}`;
    if (!onlyKeys.has(key)) expected.ledgerOnly++;
    onlyKeys.add(key);
    post(project, "CC900", month, 100 + Math.floor(rand() * 900_000));
  }
  for (let i = 0; i < (options.unreadable ?? 2); i++) {
    lines.push(["PRJ-001", "CC101", "2026-01", ["n/a", "12,34,5", "TBC", "1.2.3,4"][i % 4], `INV-${doc++}`, "amount not filled in"]);
    expected.unreadableAmounts++;
  }
  // Shuffle: exports are ordered by document, not by key.
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  const header = ["Project Code", "Cost Centre", "Posting Period", "Amount", "Document No", "Line Description"];
  const csv = [header, ...lines, ["Total", "", "", (expected.ledgerCents / 100).toFixed(2), "", ""]].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
  return { tracker: await trackerWorkbook(entries, shape), trackerSheet: "Budget", ledgerCsv: csv, ledgerLines: lines.length - expected.unreadableAmounts, expected };
}

async function trackerWorkbook(entries: TrackerEntry[], shape: TrackerShape): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Budget");
  ws.getCell("A1").value = "Programme budget tracker FY2026";
  if (shape === "periodRows") {
    ws.addRow([]);
    ws.addRow(["Project", "Cost Code", "Category", "Period", "Budget", "Actual"]);
    entries.forEach((e, i) => {
      const period = i % 3 === 0 ? new Date(Date.UTC(2026, e.month - 1, 1)) : i % 3 === 1 ? `${MONTHS[e.month - 1]}-26` : `2026-${String(e.month).padStart(2, "0")}`;
      // A few actuals typed as text, as people do.
      const actual = i % 11 === 5 ? `${(e.cents / 100).toLocaleString("en-GB", { minimumFractionDigits: 2 })}` : e.cents / 100;
      const row = ws.addRow([e.project, e.costCode, i % 2 ? "Opex" : "Capex", period, Math.round(e.cents * 1.1) / 100, actual]);
      if (period instanceof Date) row.getCell(4).numFmt = "mmm-yy";
    });
  } else {
    const keys = [...new Set(entries.map((e) => `${e.project}|${e.costCode}`))];
    ws.addRow([]);
    const group = ["", "", "", ...Array(TRACKER_MONTHS).fill(""), ...Array(TRACKER_MONTHS).fill("")];
    group[3] = "Forecast";
    group[3 + TRACKER_MONTHS] = "Actual";
    ws.addRow(group);
    ws.addRow(["Project", "Cost Code", "Budget", ...MONTHS.slice(0, TRACKER_MONTHS).map((m) => `${m}-26`), ...MONTHS.slice(0, TRACKER_MONTHS).map((m) => `${m}-26`)]);
    ws.mergeCells(3, 4, 3, 3 + TRACKER_MONTHS);
    ws.mergeCells(3, 4 + TRACKER_MONTHS, 3, 3 + 2 * TRACKER_MONTHS);
    for (const k of keys) {
      const [project, costCode] = k.split("|");
      const months = Array<number | null>(TRACKER_MONTHS).fill(null);
      for (const e of entries) if (e.project === project && e.costCode === costCode) months[e.month - 1] = e.cents / 100;
      ws.addRow([project, costCode, 1_000_000, ...months.map((m) => (m === null ? null : Math.round(m * 90) / 100)), ...months]);
    }
  }
  ws.addRow([]);
  ws.addRow(["Total", null, null]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Async chunks of a text, as a file stream gives them (cut anywhere, even inside a character). */
export async function* chunksOf(text: string, size = 4096): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/**
 * A ledger CSV made from a tracker's own actuals (for trackers the toolkit did
 * not make): most amounts posted as they are in split lines, one changed, one
 * left out, and one line for a project the tracker does not have.
 */
export function ledgerForActuals(actuals: { lines: { project: string; costCode: string; period: { label: string } | null; cents: number }[] }, seed: number): string {
  const rand = seededRandom(seed);
  const out: (string | number)[][] = [["Project", "Cost Centre", "Period", "Amount", "Document", "Description"]];
  let doc = 1;
  actuals.lines.forEach((l, i) => {
    if (i === 1) return;
    const total = i === 0 ? l.cents + 12_345 : l.cents;
    for (const p of postings(total, rand)) out.push([l.project, l.costCode, l.period?.label ?? "Mar-26", amountText(p, Math.floor(rand() * 7)), `DOC-${doc++}`, HOSTILE[doc % HOSTILE.length]]);
  });
  out.push(["=NOT-IN-TRACKER", "CC999", "Mar-26", "(1,000.00)", `DOC-${doc++}`, "@reversal"]);
  return out.map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}
