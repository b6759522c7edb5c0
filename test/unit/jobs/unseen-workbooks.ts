/**
 * Workbooks shaped like those a new user brings, none of them from the
 * corpus: a risk plan with a probability–impact matrix under the register
 * and drop-down source lists beside it, text levels, question headers,
 * registers without an id column, ids named for their kind, a budget whose
 * header repeats per block with subtotals, a four-sheet RAID log, two
 * registers on one sheet (stacked and side by side), and plain exports with
 * the header on row 1. Each comes with what a person reading it would say:
 * where each register is, its kind and which column holds each key field.
 */
import ExcelJS from "exceljs";
import { columnLetter } from "../../../src/core/grid/address";

export interface ExpectedRegister {
  sheet: string;
  /** Kind, or kind/template id where the template matters (the parts of a four-sheet RAID). */
  kind: string;
  templateId?: string;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  firstColumn: string;
  lastColumn: string;
  /** field id → column letter */
  columns: Record<string, string>;
}

export interface UnseenWorkbook {
  name: string;
  bytes: Uint8Array;
  registers: ExpectedRegister[];
  /** Cells outside every register that an apply must leave exactly as they are (sheet!A1 → value). */
  untouchable: { sheet: string; address: string }[];
}

type Cell = string | number | Date | { formula: string } | null;

interface Block {
  top: number;
  left: number;
  header: string[];
  rows: Cell[][];
  /** header text → field id, for the key columns */
  keys: Record<string, string>;
  kind: string;
  templateId?: string;
}

function put(ws: ExcelJS.Worksheet, row: number, col: number, v: Cell): void {
  if (v === null) return;
  const cell = ws.getCell(row, col);
  if (v instanceof Date) {
    cell.value = v;
    cell.numFmt = "dd/mm/yyyy";
  } else cell.value = v as ExcelJS.CellValue;
}

function writeBlock(ws: ExcelJS.Worksheet, b: Block): ExpectedRegister {
  b.header.forEach((h, i) => put(ws, b.top, b.left + i, h));
  b.rows.forEach((r, j) => r.forEach((v, i) => put(ws, b.top + 1 + j, b.left + i, v)));
  const columns: Record<string, string> = {};
  for (const [header, field] of Object.entries(b.keys)) {
    const i = b.header.indexOf(header);
    if (i < 0) throw new Error(`no header ${header}`);
    columns[field] = columnLetter(b.left + i);
  }
  return {
    sheet: ws.name,
    kind: b.kind,
    ...(b.templateId ? { templateId: b.templateId } : {}),
    headerRow: b.top,
    firstRow: b.top + 1,
    lastRow: b.top + b.rows.length,
    firstColumn: columnLetter(b.left),
    lastColumn: columnLetter(b.left + b.header.length - 1),
    columns,
  };
}

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));
const PEOPLE = ["Priya Shah", "Tom Becker", "Ana Lima", "Kwame Mensah", "Jo Park", "Lena Vogt"];
const person = (i: number) => PEOPLE[i % PEOPLE.length];

async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Risk plan: text levels scored by the user's own INDEX/MATCH over a matrix two rows below; drop-down lists to the right. */
async function riskPlanWithMatrix(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risk Plan");
  ws.getCell("A1").value = "Warehouse relocation: risk plan";
  const levels = ["Very Low", "Low", "Medium", "High", "Very High"];
  const rows: Cell[][] = [];
  const n = 7;
  for (let i = 0; i < n; i++) {
    const r = 4 + i;
    rows.push([
      `RSK-${10 + i}`,
      `Lease handover slips by ${i + 1} weeks because the landlord's works overrun`,
      person(i),
      levels[(i + 1) % 5],
      levels[(i + 3) % 5],
      { formula: `INDEX($C$${4 + n + 3}:$G$${4 + n + 7},MATCH(D${r},$B$${4 + n + 3}:$B$${4 + n + 7},0),MATCH(E${r},$C$${4 + n + 2}:$G$${4 + n + 2},0))` },
      i % 3 === 0 ? "Closed" : "Open",
      `Agree a fallback date with the landlord (${i + 1})`,
    ]);
  }
  const reg = writeBlock(ws, {
    top: 3,
    left: 1,
    header: ["Ref", "Risk Description", "Owner", "Likelihood", "Impact", "Rating", "Status", "Response"],
    rows,
    keys: { Ref: "id", "Risk Description": "description", Owner: "owner", Likelihood: "probability", Impact: "impact", Rating: "score", Status: "status", Response: "mitigation" },
    kind: "risk",
  });
  // The matrix, two blank rows below: impact across, likelihood down, severities inside.
  const top = 4 + n + 2;
  ws.getCell(top, 1).value = "Likelihood \\ Impact";
  levels.forEach((l, i) => (ws.getCell(top, 3 + i).value = l));
  const sev = ["Minor", "Moderate", "Major", "Severe", "Critical"];
  for (let p = 0; p < 5; p++) {
    ws.getCell(top + 1 + p, 2).value = levels[4 - p];
    for (let i = 0; i < 5; i++) ws.getCell(top + 1 + p, 3 + i).value = sev[Math.min(4, Math.max(0, Math.floor((4 - p + i) / 2)))];
  }
  ws.mergeCells(top, 1, top + 5, 1);
  // Drop-down source lists beside the register, after an empty column.
  ws.getCell("K3").value = "Levels";
  levels.forEach((l, i) => (ws.getCell(4 + i, 11).value = l));
  ws.getCell("L3").value = "Statuses";
  ["Open", "Closed", "On hold"].forEach((l, i) => (ws.getCell(4 + i, 12).value = l));
  ws.getCell("M3").value = "Owners";
  PEOPLE.slice(0, 4).forEach((l, i) => (ws.getCell(4 + i, 13).value = l));
  const untouchable = [`C${top + 1}`, `G${top + 5}`, `A${top}`, "K4", "L5", "M3"].map((address) => ({ sheet: ws.name, address }));
  for (let i = 0; i < n; i++) untouchable.push({ sheet: ws.name, address: `F${4 + i}` });
  return { name: "risk plan with matrix and lists", bytes: await toBytes(wb), registers: [reg], untouchable };
}

/** RAID log kept in one table with H/M/L words. */
async function raidTextLevels(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("RAID");
  const types = ["Risk", "Assumption", "Issue", "Dependency"];
  const lv = ["High", "Med", "Low"];
  const rows: Cell[][] = [];
  for (let i = 0; i < 10; i++) rows.push([`${i + 1}`, types[i % 4], `Vendor sign-off needed for interface ${i + 1}`, lv[i % 3], lv[(i + 1) % 3], person(i), d(2026, 3, 1 + i), i % 4 === 3 ? "Closed" : "Open", "Chase at weekly call"]);
  const reg = writeBlock(ws, {
    top: 2,
    left: 1,
    header: ["#", "Category", "Description", "Likelihood", "Impact", "Owner", "Due", "Status", "Next Steps"],
    rows,
    keys: { "#": "id", Category: "type", Description: "description", Impact: "impact", Owner: "owner", Due: "dueDate", Status: "status", "Next Steps": "nextAction" },
    kind: "raid",
  });
  ws.getCell("A1").value = "RAID log: payroll replatforming";
  return { name: "RAID log with text levels", bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

async function lessonsQuestions(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Lessons");
  const rows: Cell[][] = [];
  for (let i = 0; i < 6; i++) {
    rows.push([
      d(2025, 10, 3 + i * 7),
      `The test environment was not ready when sprint ${i + 2} began, so testers waited`,
      `Two weeks of tester time lost in stage ${i + 1}`,
      `Book environments a stage ahead and check them a week before use`,
      person(i + 2),
    ]);
  }
  const reg = writeBlock(ws, {
    top: 4,
    left: 2,
    header: ["When Was It Noted?", "What Went Wrong?", "What Did It Cost Us?", "What Should Future Teams Do Differently?", "Who Raised It?"],
    rows,
    keys: { "When Was It Noted?": "dateLogged", "What Went Wrong?": "event", "What Did It Cost Us?": "effect", "What Should Future Teams Do Differently?": "recommendation", "Who Raised It?": "loggedBy" },
    kind: "lessons",
  });
  ws.getCell("B1").value = "Lessons learned";
  ws.getCell("B2").value = "Project: Customer portal";
  return { name: "lessons log with question headers and no id", bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

async function decisionLog(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Log");
  const rows: Cell[][] = [];
  for (let i = 0; i < 8; i++) rows.push([`DEC-0${i + 1}`, d(2026, 1, 5 + i * 3), `Go with supplier ${["A", "B", "C"][i % 3]} for the data centre move`, person(i), i % 4 === 0 ? "Superseded" : "Agreed", `p.${12 + i}`]);
  const reg = writeBlock(ws, {
    top: 1,
    left: 1,
    header: ["Decision Number", "Date Agreed", "Decision", "Agreed By", "Status", "Minutes Page No."],
    rows,
    keys: { "Decision Number": "id", "Date Agreed": "date", Decision: "description", "Agreed By": "decisionMaker", Status: "status" },
    kind: "decision",
  });
  return { name: "decision log with its own id words", bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

/** A budget kept per department: the header repeats for each block, a subtotal row closes each. */
async function budgetBlocks(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Budget 2026");
  ws.getCell("A1").value = "Programme budget 2026";
  const header = ["Department", "Budget Line", "Approved Budget", "Spent to Date", "Remaining Forecast", "Comments"];
  let row = 3;
  const headerRow = row;
  header.forEach((h, i) => put(ws, row, 1 + i, h));
  row++;
  const untouchable: { sheet: string; address: string }[] = [];
  for (const [b, dept] of ["Operations", "IT", "HR"].entries()) {
    if (b > 0) {
      header.forEach((h, i) => put(ws, row, 1 + i, h));
      row++;
    }
    const first = row;
    for (let i = 0; i < 4; i++, row++) [dept, `${dept} line ${i + 1}`, 10000 * (i + 1), 4000 * (i + 1) + b * 100, 5000 * (i + 1), i === 0 ? "phased" : null].forEach((v, c) => put(ws, row, 1 + c, v));
    put(ws, row, 1, `Subtotal ${dept}`);
    for (const c of [3, 4, 5]) put(ws, row, c, { formula: `SUM(${columnLetter(c)}${first}:${columnLetter(c)}${row - 1})` });
    untouchable.push({ sheet: ws.name, address: `C${row}` });
    row++;
  }
  const last = row - 2;
  put(ws, row, 1, "Grand total");
  const reg: ExpectedRegister = {
    sheet: ws.name,
    kind: "budget",
    headerRow,
    firstRow: headerRow + 1,
    lastRow: last,
    firstColumn: "A",
    lastColumn: "F",
    columns: { costCode: "B", budget: "C", actual: "D", forecast: "E", varianceExplanation: "F" },
  };
  return { name: "budget with repeated header blocks and subtotals", bytes: await toBytes(wb), registers: [reg], untouchable };
}

async function fourSheetRaid(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const regs: ExpectedRegister[] = [];
  const parts: [string, string, string, string, string | undefined][] = [
    ["Risks", "Risk No", "Risk", "risk", undefined],
    ["Assumptions", "Assumption No", "Assumption", "raid", "raid-assumptions"],
    ["Issues", "Issue No", "Issue", "issue", undefined],
    ["Dependencies", "Dependency No", "Dependency", "raid", "raid-dependencies"],
  ];
  for (const [sheet, idHeader, itemHeader, kind, templateId] of parts) {
    const ws = wb.addWorksheet(sheet);
    ws.getCell("A1").value = `Finance system upgrade: ${sheet.toLowerCase()}`;
    const rows: Cell[][] = [];
    for (let i = 0; i < 5; i++) rows.push([`${sheet[0]}${i + 1}`, `${itemHeader} about the month-end cut-over, item ${i + 1}`, person(i), d(2026, 2, 2 + i), ["Open", "Closed"][i % 2], "Review at board"]);
    regs.push(
      writeBlock(ws, {
        top: 3,
        left: 1,
        header: [idHeader, itemHeader, "Owner", "Date Raised", "Status", "Notes"],
        rows,
        keys: { [idHeader]: "id", Owner: "owner", Status: "status" },
        kind,
        templateId,
      }),
    );
  }
  return { name: "four-sheet RAID log", bytes: await toBytes(wb), registers: regs, untouchable: [] };
}

async function plainIssueLog(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  const rows: Cell[][] = [];
  for (let i = 0; i < 11; i++) rows.push([i + 1, `Printer queue drops jobs on floor ${i + 2}`, ["Defect", "Query", "Change"][i % 3], ["Open", "Resolved", "Open"][i % 3], person(i), d(2026, 4, 1 + i), i % 2 ? "High" : "Low"]);
  const reg = writeBlock(ws, {
    top: 1,
    left: 1,
    header: ["Issue #", "Summary", "Issue Type", "Issue Status", "Assigned To", "Logged", "Priority"],
    rows,
    keys: { "Issue #": "id", Summary: "description", "Issue Type": "type", "Issue Status": "status", "Assigned To": "owner", Logged: "dateRaised", Priority: "priority" },
    kind: "issue",
  });
  return { name: "plain issue log, header on row 1", bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

async function plainChangeLog(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Changes");
  const rows: Cell[][] = [];
  for (let i = 0; i < 6; i++) rows.push([`CR${100 + i}`, d(2026, 5, 2 + i), person(i), `Add a second approval step to invoices (${i})`, 1500 * (i + 1), ["Approved", "Rejected", "Pending decision"][i % 3]]);
  const reg = writeBlock(ws, {
    top: 1,
    left: 1,
    header: ["Change Ref", "Requested On", "Requested By", "Change Summary", "Cost Impact", "Outcome"],
    rows,
    keys: { "Change Ref": "id", "Requested On": "dateRaised", "Requested By": "requestedBy", "Change Summary": "description", "Cost Impact": "costImpact" },
    kind: "change",
  });
  return { name: "plain change log", bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

async function plainMilestones(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Plan");
  const rows: Cell[][] = [];
  for (let i = 0; i < 7; i++) rows.push([`Stage ${i + 1} complete`, person(i), d(2026, 1 + i, 15), d(2026, 1 + i, 20 + (i % 3)), i < 3 ? d(2026, 1 + i, 18) : null, i < 3 ? "Done" : "In progress"]);
  const reg = writeBlock(ws, {
    top: 1,
    left: 1,
    header: ["Milestone", "Owner", "Planned Date", "Forecast", "Actual", "RAG / Status"],
    rows,
    keys: { Milestone: "milestone", Owner: "owner", "Planned Date": "baselineDate", Forecast: "forecastDate", Actual: "actualDate" },
    kind: "milestone",
  });
  return { name: "plain milestone plan", bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

async function russianRisks(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Риски");
  const rows: Cell[][] = [];
  for (let i = 0; i < 6; i++) rows.push([`Р-${i + 1}`, `Задержка поставки оборудования, партия ${i + 1}`, (i % 5) + 1, ((i + 2) % 5) + 1, ["Иванов", "Петрова", "Сидоров"][i % 3], i % 2 ? "Открыт" : "Закрыт", "Резервный поставщик"]);
  const reg = writeBlock(ws, {
    top: 1,
    left: 1,
    header: ["№ риска", "Описание риска", "Вероятность", "Влияние", "Ответственный", "Статус", "Меры"],
    rows,
    keys: { "№ риска": "id", "Описание риска": "description", Вероятность: "probability", Влияние: "impact", Ответственный: "owner", Статус: "status", Меры: "mitigation" },
    kind: "risk",
  });
  return { name: "risk register in Russian", bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

async function financeExport(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Export");
  const rows: Cell[][] = [];
  for (let i = 0; i < 12; i++) rows.push([`PRJ-${20 + (i % 3)}`, `CC${4100 + (i % 4)}`, `2026-${String(1 + (i % 6)).padStart(2, "0")}`, 1234.5 * (i + 1), `INV${9000 + i}`, `Consultancy services batch ${i + 1}`, d(2026, 1 + (i % 6), 28)]);
  const reg = writeBlock(ws, {
    top: 1,
    left: 1,
    header: ["Project Code", "Cost Centre", "Fiscal Period", "Net Amount", "Voucher No", "Line Text", "Posted On"],
    rows,
    keys: { "Project Code": "project", "Cost Centre": "costCode", "Fiscal Period": "period", "Net Amount": "amount", "Voucher No": "documentId", "Line Text": "description", "Posted On": "postingDate" },
    kind: "ledger",
  });
  return { name: "budget export from a finance system", bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

async function mediaSpend(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Media plan");
  const rows: Cell[][] = [];
  const channels = ["Search", "Social", "Radio", "Outdoor", "Print"];
  for (let i = 0; i < 5; i++) rows.push([channels[i], `Q${1 + (i % 4)}`, 20000 + 5000 * i, 18000 + 4000 * i, 3000, null]);
  const reg = writeBlock(ws, {
    top: 2,
    left: 1,
    header: ["Channel", "Quarter", "Planned Spend", "Actual Spend", "Forecast Remaining", "Notes"],
    rows,
    keys: { Quarter: "period", "Planned Spend": "budget", "Actual Spend": "actual", "Forecast Remaining": "forecast" },
    kind: "budget",
  });
  ws.getCell("A1").value = "Spring campaign media spend";
  return { name: "media spend plan", bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

/** An issue log with a decision log under it, and an action list beside a stakeholder list. */
async function twoPerSheet(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Project log");
  const issues: Cell[][] = [];
  for (let i = 0; i < 5; i++) issues.push([`ISS-${i + 1}`, `Badge readers fail at gate ${i + 1}`, person(i), ["Open", "Closed"][i % 2], d(2026, 6, 1 + i)]);
  const a = writeBlock(ws, {
    top: 2,
    left: 1,
    header: ["Issue ID", "Issue Description", "Owner", "Status", "Date Raised"],
    rows: issues,
    keys: { "Issue ID": "id", "Issue Description": "description", Owner: "owner", Status: "status", "Date Raised": "dateRaised" },
    kind: "issue",
  });
  ws.getCell("A1").value = "Issues";
  ws.getCell("A10").value = "Decisions";
  const decisions: Cell[][] = [];
  for (let i = 0; i < 4; i++) decisions.push([`D${i + 1}`, d(2026, 6, 10 + i), `Replace the gate ${i + 1} controller`, person(i + 1), "Approved"]);
  const b = writeBlock(ws, {
    top: 11,
    left: 1,
    header: ["Decision ID", "Date", "Decision Made", "Decided By", "Status"],
    rows: decisions,
    keys: { "Decision ID": "id", Date: "date", "Decision Made": "description", "Decided By": "decisionMaker", Status: "status" },
    kind: "decision",
  });
  const ws2 = wb.addWorksheet("People");
  const people: Cell[][] = [];
  for (let i = 0; i < 5; i++) people.push([PEOPLE[i], ["Sponsor", "Lead", "User", "Supplier", "Auditor"][i], ["Finance", "IT", "Ops", "Vendor", "Audit"][i], ["High", "Medium", "Low"][i % 3], ["High", "Low", "Medium"][i % 3]]);
  const c = writeBlock(ws2, {
    top: 1,
    left: 1,
    header: ["Stakeholder", "Role", "Organisation", "Interest", "Influence"],
    rows: people,
    keys: { Stakeholder: "name", Role: "role", Organisation: "organisation", Interest: "interest", Influence: "influence" },
    kind: "stakeholder",
  });
  const milestones: Cell[][] = [];
  for (let i = 0; i < 4; i++) milestones.push([`M${i + 1}`, `Gate ${i + 1} live`, d(2026, 7 + i, 1), d(2026, 7 + i, 8), "Not started"]);
  const m = writeBlock(ws2, {
    top: 1,
    left: 7,
    header: ["Milestone ID", "Milestone", "Baseline Date", "Forecast Date", "Status"],
    rows: milestones,
    keys: { "Milestone ID": "id", Milestone: "milestone", "Baseline Date": "baselineDate", "Forecast Date": "forecastDate", Status: "status" },
    kind: "milestone",
  });
  return { name: "two registers per sheet, stacked and side by side", bytes: await toBytes(wb), registers: [a, b, c, m], untouchable: [] };
}

/** A block of register-like columns no template names well: offered as a register of uncertain kind. */
async function actionList(): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Actions");
  const rows: Cell[][] = [];
  for (let i = 0; i < 6; i++) rows.push([`A${i + 1}`, `Send the revised floor plan to facilities (${i + 1})`, person(i), d(2026, 8, 3 + i), ["Open", "Done"][i % 2]]);
  const reg = writeBlock(ws, {
    top: 1,
    left: 1,
    header: ["Ref", "Action", "Assigned To", "Due By", "Progress"],
    rows,
    keys: { Ref: "id", "Assigned To": "owner", Progress: "status" },
    kind: "*",
  });
  return { name: "action list (kind uncertain)", bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

export async function unseenWorkbooks(): Promise<UnseenWorkbook[]> {
  return Promise.all([
    riskPlanWithMatrix(),
    raidTextLevels(),
    lessonsQuestions(),
    decisionLog(),
    budgetBlocks(),
    fourSheetRaid(),
    plainIssueLog(),
    plainChangeLog(),
    plainMilestones(),
    russianRisks(),
    financeExport(),
    mediaSpend(),
    twoPerSheet(),
    actionList(),
  ]);
}

/** One plain register on its own sheet, header on the given row: for the held-out set. */
async function single(name: string, sheet: string, top: number, header: string[], rows: Cell[][], keys: Record<string, string>, kind: string): Promise<UnseenWorkbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  if (top > 1) ws.getCell("A1").value = `${sheet} – programme office`;
  const reg = writeBlock(ws, { top, left: 1, header, rows, keys, kind });
  return { name, bytes: await toBytes(wb), registers: [reg], untouchable: [] };
}

const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/**
 * A second set, written after detection was settled and never tuned
 * against: other spellings of the same registers, as other organisations
 * head them. Its figures say how detection generalises.
 */
export async function heldOutWorkbooks(): Promise<UnseenWorkbook[]> {
  return Promise.all([
    single("helpdesk-style issue log", "Issues", 1,
      ["Ticket", "Reported By", "Date Reported", "Problem Summary", "Severity", "Current State", "Resolved On"],
      times(8, (i) => [`T-${300 + i}`, person(i), d(2026, 2, 1 + i), `Login page times out for branch ${i + 1}`, ["Critical", "Major", "Minor"][i % 3], ["Open", "Closed"][i % 2], i % 2 ? d(2026, 2, 10 + i) : null]),
      { Ticket: "id", "Reported By": "raisedBy", "Date Reported": "dateRaised", "Problem Summary": "description", Severity: "severity", "Current State": "status", "Resolved On": "dateClosed" }, "issue"),
    single("threat register with scales in headers", "Threats", 3,
      ["Risk Ref.", "Threat", "Cause", "Prob. (1-5)", "Severity (1-5)", "Overall", "Countermeasure", "Risk Owner", "Review By"],
      times(7, (i) => [`RR${i + 1}`, `Contractor insolvency on lot ${i + 1}`, "Market conditions", 1 + (i % 5), 1 + ((i + 2) % 5), (1 + (i % 5)) * (1 + ((i + 2) % 5)), "Parent company guarantee", person(i), d(2026, 9, 1 + i)]),
      { "Risk Ref.": "id", "Prob. (1-5)": "probability", "Severity (1-5)": "impact", Overall: "score", Countermeasure: "mitigation", "Risk Owner": "owner", "Review By": "reviewDate" }, "risk"),
    single("change requests with questions", "CRs", 2,
      ["CR No.", "Raised", "Requester", "What Is Changing?", "Why?", "Cost (£)", "Days Delay", "Approved?"],
      times(6, (i) => [`CR-${i + 1}`, d(2026, 3, 2 + i), person(i), `Extend the data retention period for archive ${i + 1}`, "Regulation", 2500 * (i + 1), i * 2, ["Yes", "No"][i % 2]]),
      { "CR No.": "id", Raised: "dateRaised", Requester: "requestedBy", "What Is Changing?": "description", "Cost (£)": "costImpact", "Days Delay": "scheduleImpactDays" }, "change"),
    single("stakeholder map", "Stakeholders", 1,
      ["Name", "Job Title", "Dept", "Power", "Interest", "Comms Approach"],
      times(6, (i) => [PEOPLE[i], ["CFO", "CIO", "Ops lead", "Union rep", "Auditor", "Supplier PM"][i], ["Finance", "IT", "Ops", "HR", "Audit", "Vendor"][i], ["High", "Medium", "Low"][i % 3], ["Low", "High", "Medium"][i % 3], "Monthly briefing"]),
      { Name: "name", "Job Title": "role", Dept: "organisation", Power: "influence", Interest: "interest", "Comms Approach": "strategy" }, "stakeholder"),
    single("benefits profile", "Benefits", 1,
      ["Benefit Ref", "Benefit", "Benefit Owner", "KPI", "Baseline", "Target", "Target Date", "Status"],
      times(5, (i) => [`B${i + 1}`, `Fewer manual journal entries in region ${i + 1}`, person(i), "Entries per month", 400 - i * 10, 100, d(2027, 3, 31), ["On track", "At risk"][i % 2]]),
      { "Benefit Ref": "id", Benefit: "description", "Benefit Owner": "owner", KPI: "measure", Baseline: "baseline", Target: "target", "Target Date": "targetDate", Status: "status" }, "benefits"),
    single("board decisions", "Board", 2,
      ["Decision Ref", "Meeting Date", "Decision Taken", "Approved By", "Rationale"],
      times(6, (i) => [`BD/${i + 1}`, d(2026, 1 + i, 12), `Release contingency tranche ${i + 1}`, "Programme Board", "Within tolerance"]),
      { "Decision Ref": "id", "Meeting Date": "date", "Decision Taken": "description", "Approved By": "decisionMaker", Rationale: "rationale" }, "decision"),
    single("key milestones", "Milestones", 1,
      ["Key Milestone", "Due Date", "Forecast Date", "Achieved", "RAG", "Accountable"],
      times(6, (i) => [`Go-live wave ${i + 1}`, d(2026, 4 + i, 1), d(2026, 4 + i, 8), i < 2 ? d(2026, 4 + i, 6) : null, ["Green", "Amber", "Red"][i % 3], person(i)]),
      { "Key Milestone": "milestone", "Due Date": "baselineDate", "Forecast Date": "forecastDate", Achieved: "actualDate", Accountable: "owner" }, "milestone"),
    single("retrospective lessons", "Lessons Learned", 2,
      ["Lesson No.", "Project Stage", "What Worked Well?", "What Could Be Improved?", "Recommendation", "Submitted By"],
      times(5, (i) => [i + 1, ["Initiation", "Delivery", "Closure"][i % 3], "Daily stand-ups with the vendor", `Earlier sign-off of test scripts (${i + 1})`, "Agree test scripts before build", person(i)]),
      { "Lesson No.": "id", Recommendation: "recommendation", "Submitted By": "loggedBy" }, "lessons"),
    single("cost centre budget", "Budget", 1,
      ["Cost Centre", "Description", "FY Budget", "YTD Actual", "Committed", "Forecast Outturn", "Variance"],
      times(8, (i) => [`CC-${500 + i}`, `Cost line ${i + 1}`, 50000 + i * 1000, 20000 + i * 500, 5000, 48000 + i * 900, 2000 + i * 100]),
      { "Cost Centre": "costCode", "FY Budget": "budget", "YTD Actual": "actual", Committed: "committed", "Forecast Outturn": "eac", Variance: "variance" }, "budget"),
  ]);
}
