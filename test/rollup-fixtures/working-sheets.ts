/**
 * The sheets a project workbook keeps beside the registers a rollup reads:
 * a schedule, a resource plan, a stakeholder register, change, decision and
 * lessons logs, a status report and a sheet of drop-down lists. Sized after
 * the multi-sheet project workbooks real PMOs publish (tens to hundreds of
 * KB, 4–11 sheets), so a bench of "project workbooks" carries what a portfolio
 * office's folder really holds, not only what the summary needs.
 */
import type ExcelJS from "exceljs";
import { columnLetter } from "../../src/core/grid/address";

const PEOPLE = ["Ann Lee", "Raj Patel", "Sam Ortiz", "Kim Novak", "Lena Berg", "Tom Ade", "Mia Chen", "Omar Haddad"];
const PHASES = ["Initiation", "Planning", "Design", "Build", "Test", "Deploy", "Closure"];

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export interface WorkingSheetSizes {
  tasks: number;
  people: number;
  stakeholders: number;
  changes: number;
  decisions: number;
  lessons: number;
}

export const TYPICAL_WORKING_SHEETS: WorkingSheetSizes = { tasks: 180, people: 12, stakeholders: 25, changes: 12, decisions: 10, lessons: 8 };

export function addWorkingSheets(wb: ExcelJS.Workbook, code: string, rnd: () => number, sizes: WorkingSheetSizes = TYPICAL_WORKING_SHEETS): void {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const dated = (sheet: ExcelJS.Worksheet, row: number, cols: number[]) => cols.forEach((c) => (sheet.getCell(row, c).numFmt = "dd/mm/yyyy"));

  const status = wb.addWorksheet("Status Report");
  status.getCell("A1").value = `Monthly status report: ${code}`;
  const dimensions = ["Schedule", "Cost", "Scope", "Quality", "Resources", "Benefits"];
  status.getRow(3).values = ["Dimension", "RAG", "Commentary", "Action needed"];
  dimensions.forEach((d, k) => {
    status.getRow(4 + k).values = [d, pick(["Green", "Amber", "Red"]), `${d} is tracking ${pick(["to plan", "slightly behind plan", "behind plan"])}; see the ${d.toLowerCase()} log for detail.`, pick(["None", "Escalate to sponsor", "Re-plan next stage"])];
  });
  status.getCell(12, 1).value = "Key achievements this period";
  status.getCell(13, 1).value = "Design sign-off obtained; supplier onboarding complete; test environment built.";
  status.getCell(15, 1).value = "Planned next period";
  status.getCell(16, 1).value = "Start system integration testing; confirm cut-over approach with operations.";

  const schedule = wb.addWorksheet("Schedule");
  schedule.getRow(1).values = ["WBS", "Task Name", "Phase", "Assigned To", "Start", "Finish", "Duration (days)", "% Complete", "Predecessors", "Notes"];
  let start = day(2025, 1, 6);
  for (let t = 0; t < sizes.tasks; t++) {
    const length = 2 + Math.floor(rnd() * 15);
    const finish = addDays(start, length);
    const phase = PHASES[Math.min(PHASES.length - 1, Math.floor((t / sizes.tasks) * PHASES.length))];
    const row = 2 + t;
    schedule.getRow(row).values = [
      `${1 + Math.floor(t / 20)}.${1 + (t % 20)}`,
      `${phase} task ${t + 1}`,
      phase,
      pick(PEOPLE),
      start,
      finish,
      { formula: `NETWORKDAYS(E${row},F${row})`, result: length } as ExcelJS.CellFormulaValue,
      Math.round(rnd() * 10) / 10,
      t ? `${1 + Math.floor((t - 1) / 20)}.${1 + ((t - 1) % 20)}` : null,
      rnd() > 0.8 ? "Dependent on supplier delivery" : null,
    ];
    dated(schedule, row, [5, 6]);
    schedule.getCell(row, 8).numFmt = "0%";
    start = addDays(start, Math.floor(length / 2));
  }

  const resources = wb.addWorksheet("Resource Plan");
  const months = Array.from({ length: 12 }, (_, m) => day(2025, m + 1, 1));
  resources.getRow(1).values = ["Name", "Role", "Day Rate", ...months];
  months.forEach((_, m) => (resources.getCell(1, 4 + m).numFmt = "mmm-yy"));
  for (let p = 0; p < sizes.people; p++) {
    const row = 2 + p;
    resources.getRow(row).values = [PEOPLE[p % PEOPLE.length], pick(["Analyst", "Developer", "Tester", "Architect", "PM"]), 400 + Math.round(rnd() * 500), ...months.map(() => Math.round(rnd() * 20) / 10)];
    resources.getCell(row, 3).numFmt = "£#,##0";
  }
  resources.getRow(2 + sizes.people).values = ["Total FTE", null, null, ...months.map((_, m) => ({ formula: `SUM(${columnLetter(4 + m)}2:${columnLetter(4 + m)}${1 + sizes.people})` }) as ExcelJS.CellFormulaValue)];

  const stakeholders = wb.addWorksheet("Stakeholders");
  stakeholders.getRow(1).values = ["Stakeholder", "Role", "Organisation", "Interest", "Influence", "Engagement Approach", "Owner"];
  for (let s = 0; s < sizes.stakeholders; s++) {
    stakeholders.getRow(2 + s).values = [`Stakeholder ${s + 1}`, pick(["Sponsor", "User", "Supplier", "Regulator", "Operations"]), pick(["Finance", "IT", "HR", "External"]), pick(["High", "Medium", "Low"]), pick(["High", "Medium", "Low"]), pick(["Manage closely", "Keep satisfied", "Keep informed", "Monitor"]), pick(PEOPLE)];
  }

  const changes = wb.addWorksheet("Change Log");
  changes.getRow(1).values = ["Change ID", "Description", "Requested By", "Date Raised", "Impact", "Decision", "Status"];
  for (let c = 0; c < sizes.changes; c++) {
    changes.getRow(2 + c).values = [`CR-${c + 1}`, `Change request ${c + 1}`, pick(PEOPLE), day(2025, 1 + (c % 12), 3 + c), pick(["Cost", "Time", "Scope"]), pick(["Approved", "Rejected", "Pending"]), pick(["Open", "Closed"])];
    dated(changes, 2 + c, [4]);
  }

  const decisions = wb.addWorksheet("Decision Log");
  decisions.getRow(1).values = ["Decision ID", "Decision", "Date", "Decided By", "Rationale"];
  for (let d = 0; d < sizes.decisions; d++) {
    decisions.getRow(2 + d).values = [`D-${d + 1}`, `Decision ${d + 1}`, day(2025, 1 + (d % 12), 10), pick(PEOPLE), "Agreed at the project board"];
    dated(decisions, 2 + d, [3]);
  }

  const lessons = wb.addWorksheet("Lessons Learned");
  lessons.getRow(1).values = ["Lesson ID", "Category", "What happened", "Recommendation", "Date Logged"];
  for (let l = 0; l < sizes.lessons; l++) {
    lessons.getRow(2 + l).values = [`L-${l + 1}`, pick(["Planning", "Suppliers", "Testing"]), `Lesson ${l + 1}`, "Start earlier next time", day(2025, 2 + (l % 10), 12)];
    dated(lessons, 2 + l, [5]);
  }

  const lists = wb.addWorksheet("Lists");
  const columns: [string, readonly string[]][] = [["Status", ["Open", "In progress", "Closed"]], ["RAG", ["Green", "Amber", "Red"]], ["Phase", PHASES], ["People", PEOPLE]];
  columns.forEach(([name, values], c) => {
    lists.getCell(1, c + 1).value = name;
    values.forEach((v, r) => (lists.getCell(2 + r, c + 1).value = v));
  });
}
