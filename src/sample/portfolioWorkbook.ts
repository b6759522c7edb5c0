/**
 * Builds the sample portfolio workbook the playground opens: a cover sheet
 * and, for each of three projects, a risk register, an issue log, a milestone
 * tracker and a budget tracker with earned value data. Each was "kept by a
 * different person", so layouts differ the way real ones do: title rows above
 * the header, headers starting in column B or C, merged titles, line breaks
 * and typos in headers, text numbers and text dates, blank and ID-only rows,
 * totals and legends under the table, a sheet name with trailing spaces.
 * Runs in the browser and in Node; no files, no clock (fixed dates).
 */
import ExcelJS from "exceljs";
import {
  CUSTOMER_PORTAL,
  FINANCE_SYSTEM,
  NORTHGATE,
  type Amount,
  type DateCell,
  type IssueRow,
  type MilestoneRow,
  type ProjectData,
  type RiskRow,
  type WorkPackageRow,
} from "./portfolioData";

/** Sheet names in tab order; the CPR risk sheet's trailing spaces are deliberate. */
export const SAMPLE_SHEETS = {
  cover: "Portfolio",
  nduRisks: "NDU Risks",
  nduIssues: "NDU Issues",
  nduMilestones: "NDU Milestones",
  nduBudget: "NDU Budget",
  cprRisks: "CPR Risks  ",
  cprIssues: "CPR Issues",
  cprMilestones: "CPR Milestones",
  cprBudget: "CPR Budget",
  fscRisks: "FSC Risk Log",
  fscIssues: "FSC Issues",
  fscMilestones: "FSC Milestones",
  fscEvm: "FSC EVM",
} as const;

export const SAMPLE_FILE_NAME = "Sample PMO portfolio.xlsx";

const DATE_FORMAT = "dd/mm/yyyy";
const MONEY_FORMAT = "#,##0";
const NAVY = "FF1F3864";
const PALE_BLUE = "FFDDEBF7";
const PALE_GREY = "FFF2F2F2";

function fill(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

function dateValue(d: DateCell | undefined): Date | string | null {
  if (d === null || d === undefined) return null;
  if (typeof d === "string") return d;
  return new Date(Date.UTC(d[0], d[1] - 1, d[2]));
}

function setDate(cell: ExcelJS.Cell, d: DateCell | undefined): void {
  const v = dateValue(d);
  cell.value = v;
  if (v instanceof Date) cell.numFmt = DATE_FORMAT;
}

function setAmount(cell: ExcelJS.Cell, a: Amount): void {
  cell.value = a;
  if (typeof a === "number") cell.numFmt = MONEY_FORMAT;
}

/** Header cells from a column: bold, filled, wrapped (headers hold line breaks). */
function writeHeader(ws: ExcelJS.Worksheet, row: number, firstCol: number, headers: string[], style: { fill: string; font: string }): void {
  headers.forEach((h, i) => {
    const c = ws.getCell(row, firstCol + i);
    c.value = h;
    c.font = { bold: true, color: { argb: style.font } };
    c.fill = fill(style.fill);
    c.alignment = { wrapText: true, vertical: "middle" };
    c.border = { bottom: { style: "thin", color: { argb: "FF808080" } } };
  });
  ws.getRow(row).height = 32;
}

function widths(ws: ExcelJS.Worksheet, firstCol: number, w: number[]): void {
  w.forEach((width, i) => (ws.getColumn(firstCol + i).width = width));
}

function title(ws: ExcelJS.Worksheet, address: string, text: string, size = 14): void {
  ws.mergeCells(address);
  const c = ws.getCell(address.split(":")[0]);
  c.value = text;
  c.font = { bold: true, size, color: { argb: NAVY } };
}

function numericScore(p: unknown, i: unknown): number | ExcelJS.CellErrorValue {
  return typeof p === "number" && typeof i === "number" ? p * i : { error: "#VALUE!" };
}

function coverSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SAMPLE_SHEETS.cover, { properties: { tabColor: { argb: NAVY } } });
  title(ws, "A1:J1", "PMO portfolio status – Q2 2025", 16);
  ws.getCell("A2").value = "Prepared by the Portfolio Office for the Investment Board. Figures in GBP.";
  ws.getCell("A2").font = { italic: true, color: { argb: "FF595959" } };
  const headers = ["Project", "Code", "Sponsor", "Project manager", "Stage", "Overall RAG", "Budget (BAC)", "Next milestone", "Due"];
  writeHeader(ws, 4, 1, headers, { fill: NAVY, font: "FFFFFFFF" });
  const rags: Record<string, string> = { Green: "FFC6EFCE", Amber: "FFFFEB9C", "Amber/Red": "FFF8CBAD", Red: "FFFFC7CE", "Amber/Green": "FFE2EFDA" };
  const projects: [ProjectData, number][] = [
    [NORTHGATE, NORTHGATE.workPackages.reduce((n, w) => n + (typeof w.bac === "number" ? w.bac : 0), 0)],
    [CUSTOMER_PORTAL, CUSTOMER_PORTAL.workPackages.reduce((n, w) => n + (typeof w.bac === "number" ? w.bac : 0), 0)],
    [FINANCE_SYSTEM, FINANCE_SYSTEM.bac],
  ];
  projects.forEach(([p, bac], i) => {
    const r = 5 + i;
    ws.getRow(r).values = [p.name, p.code, p.sponsor, p.manager, p.stage, p.rag, bac, p.nextMilestone];
    setDate(ws.getCell(r, 9), p.nextMilestoneDate);
    ws.getCell(r, 7).numFmt = MONEY_FORMAT;
    ws.getCell(r, 6).fill = fill(rags[p.rag]);
  });
  ws.getCell("A9").value = "Total";
  ws.getCell("A9").font = { bold: true };
  ws.getCell("G9").value = { formula: "SUM(G5:G7)", result: projects.reduce((n, [, b]) => n + b, 0) };
  ws.getCell("G9").numFmt = MONEY_FORMAT;
  ws.getCell("G9").font = { bold: true };
  widths(ws, 1, [32, 8, 16, 18, 11, 13, 14, 30, 12]);
  ws.views = [{ state: "frozen", ySplit: 4 }];
}

/** Northgate: title block, header on row 5 from column B, typo "Concequence", blank and ID-only rows, total and legend below. */
function northgateRisks(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SAMPLE_SHEETS.nduRisks);
  title(ws, "B1:N1", "Northgate Depot Upgrade – Risk Register");
  ws.getCell("B2").value = "Prepared by: Priya Nair, Project Support Office";
  ws.getCell("B3").value = "Last reviewed:";
  setDate(ws.getCell("C3"), [2025, 6, 2]);
  const headers = ["Risk ID", "Date\nRaised", "Risk Title", "Description\n(cause / event / effect)", "Category", "Risk Owner", "Probability\n(1-5)", "Concequence\n(1-5)", "Risk\nScore", "Response", "Mitigation / actions", "Status", "Review\nDate"];
  writeHeader(ws, 5, 2, headers, { fill: NAVY, font: "FFFFFFFF" });
  let r = 6;
  const write = (k: RiskRow) => {
    const row = ws.getRow(r);
    row.getCell(2).value = k.id;
    setDate(row.getCell(3), k.raised);
    row.getCell(4).value = k.title ?? null;
    row.getCell(5).value = k.description ?? null;
    row.getCell(5).alignment = { wrapText: true, vertical: "top" };
    row.getCell(6).value = k.category ?? null;
    row.getCell(7).value = k.owner ?? null;
    row.getCell(8).value = k.probability ?? null;
    row.getCell(9).value = k.impact ?? null;
    if (k.title) row.getCell(10).value = { formula: `H${r}*I${r}`, result: numericScore(k.probability, k.impact) };
    row.getCell(11).value = k.response ?? null;
    row.getCell(12).value = k.mitigation ?? null;
    row.getCell(13).value = k.status ?? null;
    setDate(row.getCell(14), k.review);
    // Excel grows a row to fit wrapped text when it is typed; a file written by code must say so.
    if (k.description) row.height = 45;
    r++;
  };
  NORTHGATE.risks.slice(0, 4).forEach(write);
  r++; // a blank row inside the register, as people leave them
  NORTHGATE.risks.slice(4).forEach(write);
  write({ id: "NDU-R08" });
  write({ id: "NDU-R09" });
  const last = r - 1;
  r++;
  ws.getCell(r, 2).value = "Open risks";
  ws.getCell(r, 2).font = { bold: true };
  ws.getCell(r, 4).value = { formula: `COUNTIF(M6:M${last},"Open")`, result: NORTHGATE.risks.filter((k) => k.status === "Open").length };
  r += 2;
  ws.getCell(r, 2).value = "Rating scale";
  ws.getCell(r, 2).font = { bold: true };
  ["5: Very high / almost certain", "4: High / likely", "3: Medium / possible", "2: Low / unlikely", "1: Very low / rare"].forEach((t, i) => {
    ws.getCell(r + 1 + i, 2).value = t;
    ws.getCell(r + 1 + i, 2).fill = fill(PALE_GREY);
  });
  widths(ws, 1, [3, 13, 11, 24, 40, 13, 15, 12, 13, 8, 11, 36, 9, 11]);
  ws.views = [{ state: "frozen", ySplit: 5, xSplit: 2 }];
}

/** Customer Portal: header on row 3 from column C, H/M/L text scores, an ID-only row, "end of June" as a date. */
function portalRisks(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SAMPLE_SHEETS.cprRisks);
  title(ws, "C1:K1", "Customer Portal Replatform — RAID log: Risks", 13);
  ws.getCell("C2").value = "Owner: Aisha Bello (PM). Review fortnightly at the project board.";
  const headers = ["Ref", "Risk", "Likelihood", "Impact (High/Med/Low)", "Owner", "Proximity", "Mitigation actions", "Status", "Next review"];
  writeHeader(ws, 3, 3, headers, { fill: PALE_BLUE, font: "FF000000" });
  CUSTOMER_PORTAL.risks.forEach((k, i) => {
    const row = ws.getRow(4 + i);
    row.getCell(3).value = Number(k.id);
    row.getCell(4).value = k.title ?? null;
    row.getCell(5).value = k.probability ?? null;
    row.getCell(6).value = k.impact ?? null;
    row.getCell(7).value = k.owner ?? null;
    row.getCell(8).value = k.proximity ?? null;
    row.getCell(9).value = k.mitigation ?? null;
    row.getCell(10).value = k.status ?? null;
    setDate(row.getCell(11), k.review);
  });
  widths(ws, 1, [2, 2, 6, 34, 11, 13, 14, 15, 40, 9, 12]);
}

/** Finance System: two-row header (merged "Inherent" / "Residual" groups) from column B, scores as formulas. */
function financeRisks(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SAMPLE_SHEETS.fscRisks);
  ws.getCell("B1").value = "FSC risk log";
  ws.getCell("B1").font = { bold: true, size: 13 };
  ws.mergeCells("E2:G2");
  ws.getCell("E2").value = "Inherent";
  ws.mergeCells("I2:K2");
  ws.getCell("I2").value = "Residual";
  for (const a of ["E2", "I2"]) {
    ws.getCell(a).alignment = { horizontal: "center" };
    ws.getCell(a).font = { bold: true };
    ws.getCell(a).fill = fill(PALE_GREY);
  }
  const headers = ["ID", "Risk description", "Owner", "Probability", "Impact", "Score", "Response", "Probability", "Impact", "Score", "Status"];
  writeHeader(ws, 3, 2, headers, { fill: PALE_GREY, font: "FF000000" });
  FINANCE_SYSTEM.risks.forEach((k, i) => {
    const r = 4 + i;
    const row = ws.getRow(r);
    row.getCell(2).value = k.id;
    row.getCell(3).value = k.description ?? null;
    row.getCell(3).alignment = { wrapText: true, vertical: "top" };
    row.getCell(4).value = k.owner ?? null;
    row.getCell(5).value = k.probability ?? null;
    row.getCell(6).value = k.impact ?? null;
    row.getCell(7).value = { formula: `E${r}*F${r}`, result: numericScore(k.probability, k.impact) };
    row.getCell(8).value = k.response ?? null;
    row.getCell(9).value = k.residualProbability ?? null;
    row.getCell(10).value = k.residualImpact ?? null;
    row.getCell(11).value = { formula: `I${r}*J${r}`, result: numericScore(k.residualProbability, k.residualImpact) };
    row.getCell(12).value = k.status ?? null;
    row.height = 30;
  });
  widths(ws, 1, [2, 9, 44, 15, 11, 9, 8, 11, 11, 9, 8, 9]);
}

function issueLog(wb: ExcelJS.Workbook, name: string, project: ProjectData, opts: { table?: string; headerRow: number }): void {
  const ws = wb.addWorksheet(name);
  ws.getCell("A1").value = `${project.name} – Issue log`;
  ws.getCell("A1").font = { bold: true, size: 13, color: { argb: NAVY } };
  const headers = ["Issue ID", "Date Raised", "Raised By", "Issue Description", "Type", "Priority", "Owner", "Status", "Target\nDate", "Resolution"];
  const rows = project.issues.map((i: IssueRow) => [i.id, dateValue(i.raised), i.raisedBy, i.description, i.type, i.priority, i.owner, i.status, dateValue(i.target), i.resolution ?? null]);
  if (opts.table) {
    ws.addTable({
      name: opts.table,
      ref: `A${opts.headerRow}`,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: headers.map((h) => ({ name: h, filterButton: true })),
      rows,
    });
    ws.getRow(opts.headerRow).height = 32;
    ws.getRow(opts.headerRow).alignment = { wrapText: true, vertical: "middle" };
  } else {
    writeHeader(ws, opts.headerRow, 1, headers, { fill: PALE_BLUE, font: "FF000000" });
    rows.forEach((values, i) => values.forEach((v, c) => (ws.getCell(opts.headerRow + 1 + i, c + 1).value = v)));
  }
  rows.forEach((_, i) => {
    for (const c of [2, 9]) if (ws.getCell(opts.headerRow + 1 + i, c).value instanceof Date) ws.getCell(opts.headerRow + 1 + i, c).numFmt = DATE_FORMAT;
  });
  widths(ws, 1, [11, 12, 15, 44, 18, 9, 14, 15, 11, 30]);
}

function milestoneTracker(wb: ExcelJS.Workbook, name: string, project: ProjectData, firstCol: number, headerRow: number): void {
  const ws = wb.addWorksheet(name);
  const c0 = firstCol;
  ws.getCell(1, c0).value = `${project.code} milestone tracker`;
  ws.getCell(1, c0).font = { bold: true, size: 13 };
  ws.getCell(2, c0).value = "Dates as agreed at the last stage gate. Forecasts updated weekly by the PM.";
  ws.getCell(2, c0).font = { italic: true, color: { argb: "FF595959" } };
  writeHeader(ws, headerRow, c0, ["ID", "Milestone", "Owner", "Baseline Date", "Forecast Date", "Actual Date", "Status", "Comments"], { fill: NAVY, font: "FFFFFFFF" });
  const statusFill: Record<string, string> = { Complete: "FFC6EFCE", "On track": "FFE2EFDA", "At risk": "FFFFEB9C", Late: "FFFFC7CE" };
  project.milestones.forEach((m: MilestoneRow, i) => {
    const r = headerRow + 1 + i;
    ws.getCell(r, c0).value = /^\d+$/.test(m.id) ? Number(m.id) : m.id;
    ws.getCell(r, c0 + 1).value = m.name;
    ws.getCell(r, c0 + 2).value = m.owner;
    setDate(ws.getCell(r, c0 + 3), m.baseline);
    setDate(ws.getCell(r, c0 + 4), m.forecast);
    setDate(ws.getCell(r, c0 + 5), m.actual);
    ws.getCell(r, c0 + 6).value = m.status;
    if (statusFill[m.status]) ws.getCell(r, c0 + 6).fill = fill(statusFill[m.status]);
    ws.getCell(r, c0 + 7).value = m.comment ?? null;
  });
  widths(ws, c0, [9, 30, 15, 13, 13, 13, 12, 32]);
}

/** Budget by work package with earned value columns, text amounts, and a totals row of formulas. */
function budgetTracker(wb: ExcelJS.Workbook, name: string, project: ProjectData & { workPackages: WorkPackageRow[] }): void {
  const ws = wb.addWorksheet(name);
  title(ws, "B1:K1", `${project.name} – budget and earned value`, 13);
  ws.getCell("B2").value = "Status date:";
  setDate(ws.getCell("C2"), [2025, 5, 31]);
  ws.getCell("E2").value = "All figures GBP, cumulative to status date";
  ws.getCell("E2").font = { italic: true };
  const headers = ["WBS", "Work package", "Cost type", "Budget\n(BAC)", "Planned Value\n(PV)", "Earned Value\n(EV)", "Actual Cost\n(AC)", "Estimate to\ncomplete", "Variance\nexplanation"];
  const headerRow = 4;
  writeHeader(ws, headerRow, 2, headers, { fill: NAVY, font: "FFFFFFFF" });
  project.workPackages.forEach((w, i) => {
    const r = headerRow + 1 + i;
    ws.getCell(r, 2).value = w.wbs;
    ws.getCell(r, 3).value = w.name;
    ws.getCell(r, 4).value = w.costType;
    setAmount(ws.getCell(r, 5), w.bac);
    setAmount(ws.getCell(r, 6), w.pv);
    setAmount(ws.getCell(r, 7), w.ev);
    setAmount(ws.getCell(r, 8), w.ac);
    setAmount(ws.getCell(r, 9), w.etc);
    ws.getCell(r, 10).value = w.explanation ?? null;
  });
  const first = headerRow + 1;
  const last = headerRow + project.workPackages.length;
  const total = last + 1;
  ws.getCell(total, 3).value = "Total";
  const sum = (k: keyof WorkPackageRow) => project.workPackages.reduce((n, w) => n + (typeof w[k] === "number" ? (w[k] as number) : 0), 0);
  (["bac", "pv", "ev", "ac", "etc"] as const).forEach((k, i) => {
    const col = 5 + i;
    const letter = String.fromCharCode(64 + col);
    const c = ws.getCell(total, col);
    c.value = { formula: `SUM(${letter}${first}:${letter}${last})`, result: sum(k) };
    c.numFmt = MONEY_FORMAT;
  });
  for (let col = 2; col <= 10; col++) {
    const c = ws.getCell(total, col);
    c.font = { bold: true };
    c.border = { top: { style: "thin" }, bottom: { style: "double" } };
  }
  widths(ws, 1, [2, 8, 28, 10, 12, 14, 14, 14, 13, 34]);
}

/** Earned value by month (cumulative), BAC in a label:value cell above the table. */
function financeEvm(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SAMPLE_SHEETS.fscEvm);
  ws.getCell("B1").value = "Finance System Consolidation – EVM by period";
  ws.getCell("B1").font = { bold: true, size: 13 };
  ws.getCell("B2").value = "BAC:";
  ws.getCell("C2").value = "1,450,000";
  ws.getCell("E2").value = "Currency: GBP";
  writeHeader(ws, 4, 2, ["Period", "PV\n(cumulative)", "EV\n(cumulative)", "AC\n(cumulative)", "CPI", "SPI"], { fill: PALE_BLUE, font: "FF000000" });
  FINANCE_SYSTEM.periods.forEach((p, i) => {
    const r = 5 + i;
    const c = ws.getCell(r, 2);
    c.value = new Date(Date.UTC(p.period[0], p.period[1] - 1, 1));
    c.numFmt = "mmm yyyy";
    for (const [col, v] of [[3, p.pv], [4, p.ev], [5, p.ac]] as const) setAmount(ws.getCell(r, col), v);
    if (p.ev !== null && p.ac !== null) {
      ws.getCell(r, 6).value = { formula: `IF(E${r}=0,"",D${r}/E${r})`, result: p.ev / p.ac };
      ws.getCell(r, 7).value = { formula: `IF(C${r}=0,"",D${r}/C${r})`, result: p.ev / p.pv };
      ws.getCell(r, 6).numFmt = "0.00";
      ws.getCell(r, 7).numFmt = "0.00";
    }
  });
  widths(ws, 1, [2, 12, 14, 14, 14, 8, 8]);
}

/** The sample portfolio as a workbook model. */
export function buildSamplePortfolio(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "PMO Toolkit sample";
  wb.created = new Date(Date.UTC(2025, 5, 2));
  wb.modified = wb.created;
  coverSheet(wb);
  northgateRisks(wb);
  issueLog(wb, SAMPLE_SHEETS.nduIssues, NORTHGATE, { headerRow: 3 });
  milestoneTracker(wb, SAMPLE_SHEETS.nduMilestones, NORTHGATE, 2, 4);
  budgetTracker(wb, SAMPLE_SHEETS.nduBudget, NORTHGATE);
  portalRisks(wb);
  issueLog(wb, SAMPLE_SHEETS.cprIssues, CUSTOMER_PORTAL, { headerRow: 2, table: "CPR_Issues" });
  milestoneTracker(wb, SAMPLE_SHEETS.cprMilestones, CUSTOMER_PORTAL, 1, 3);
  budgetTracker(wb, SAMPLE_SHEETS.cprBudget, CUSTOMER_PORTAL);
  financeRisks(wb);
  issueLog(wb, SAMPLE_SHEETS.fscIssues, FINANCE_SYSTEM, { headerRow: 2 });
  milestoneTracker(wb, SAMPLE_SHEETS.fscMilestones, FINANCE_SYSTEM, 2, 4);
  financeEvm(wb);
  return wb;
}

async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** The sample portfolio as .xlsx bytes. */
export async function samplePortfolioBytes(): Promise<Uint8Array> {
  return toBytes(buildSamplePortfolio());
}

const OWNERS = ["Tom Okafor", "Aisha Bello", "Marcus Webb", "Sara Lindqvist", "Ben Carter", "Mei Chen"];
const STATUSES = ["Open", "Open", "Open", "Closed", "Proposed"];
const CATEGORIES = ["Commercial", "Technical", "Schedule", "People", "Regulatory", "Site"];

/**
 * A large risk register (header on row 1, `rows` risks) for checking that the
 * playground and jobs stay responsive on big sheets. Values follow a fixed
 * pattern, so the same call gives the same workbook.
 */
export async function largeRiskRegisterBytes(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risk Register");
  writeHeader(ws, 1, 1, ["Risk ID", "Title", "Category", "Owner", "Probability", "Impact", "Score", "Status", "Date Raised"], { fill: NAVY, font: "FFFFFFFF" });
  for (let i = 0; i < rows; i++) {
    const p = (i % 5) + 1;
    const im = ((i * 3) % 5) + 1;
    const r = ws.getRow(i + 2);
    r.values = [`R-${String(i + 1).padStart(5, "0")}`, `Risk ${i + 1}: supplier delay on package ${(i % 40) + 1}`, CATEGORIES[i % CATEGORIES.length], OWNERS[i % OWNERS.length], p, im, p * im, STATUSES[i % STATUSES.length], new Date(Date.UTC(2024, i % 12, (i % 28) + 1))];
    r.getCell(9).numFmt = DATE_FORMAT;
  }
  widths(ws, 1, [10, 44, 13, 15, 11, 9, 8, 10, 12]);
  return toBytes(wb);
}
