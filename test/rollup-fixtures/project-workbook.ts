/**
 * Generated project workbooks for the rollup's tests and bench: a labelled
 * project sheet, a risk register, an issue log, a milestone tracker and a
 * budget tracker, with the figures they hold returned beside the bytes so a
 * test can check a rollup against what was written, not against itself.
 */
import ExcelJS from "exceljs";
import { seededRandom } from "../unit/jobs/messy-register";
import { addWorkingSheets, type WorkingSheetSizes } from "./working-sheets";

export interface ProjectTruth {
  code: string;
  name: string;
  programme: string;
  portfolio: string;
  budget: number;
  actual: number;
  /** Sum of actual + forecast to complete. */
  forecast: number;
  openRisks: number;
  openIssues: number;
}

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export interface ProjectWorkbookOptions {
  risks?: number;
  issues?: number;
  milestones?: number;
  budgetLines?: number;
  /** The sheets a real project workbook also keeps (schedule, resource plan, logs, lists), which a rollup does not need. */
  workingSheets?: WorkingSheetSizes;
}

/** A project workbook as PMOs keep them: the registers at their usual length and the working sheets beside them. */
export const TYPICAL_PROJECT: ProjectWorkbookOptions = { risks: 30, issues: 15, milestones: 12, budgetLines: 20 };

export async function projectWorkbook(i: number, opts: ProjectWorkbookOptions = {}): Promise<{ bytes: Uint8Array; truth: ProjectTruth }> {
  const rnd = seededRandom(i + 1); // deterministic, so every run builds the same files
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const code = `P${String(i).padStart(4, "0")}`;
  const truth: ProjectTruth = { code, name: `Project ${code}`, programme: `Programme ${1 + (i % 4)}`, portfolio: `Portfolio ${i % 2 ? "East" : "West"}`, budget: 0, actual: 0, forecast: 0, openRisks: 0, openIssues: 0 };
  const wb = new ExcelJS.Workbook();
  const info = wb.addWorksheet("Project");
  const rows: [string, string | Date][] = [
    ["Project name:", truth.name],
    ["Project code:", code],
    ["Programme:", truth.programme],
    ["Portfolio:", truth.portfolio],
    ["Project manager:", pick(["Ann Lee", "Raj Patel", "Sam Ortiz", "Kim Novak"])],
    ["Stage:", pick(["Initiation", "Delivery", "Closure"])],
    ["Overall RAG:", pick(["Green", "Amber", "Red", "Amber/Green"])],
    ["Last updated:", day(2025, 6, 1 + (i % 20))],
  ];
  rows.forEach(([k, v], r) => {
    info.getCell(r + 1, 1).value = k;
    info.getCell(r + 1, 2).value = v;
    if (v instanceof Date) info.getCell(r + 1, 2).numFmt = "dd/mm/yyyy";
  });

  const risks = wb.addWorksheet("Risks");
  risks.getCell("A1").value = `${truth.name} risk register`;
  risks.getRow(3).values = ["Risk ID", "Risk Title", "Probability", "Impact", "Score", "Residual Probability", "Residual Impact", "Owner", "Status"];
  const nRisks = opts.risks ?? 12;
  for (let r = 0; r < nRisks; r++) {
    const p = 1 + Math.floor(rnd() * 5);
    const im = 1 + Math.floor(rnd() * 5);
    const open = rnd() > 0.25;
    if (open) truth.openRisks++;
    risks.getRow(4 + r).values = [`${code}-R${r + 1}`, `Risk ${r + 1} of ${code}`, p, im, { formula: `C${4 + r}*D${4 + r}`, result: p * im } as ExcelJS.CellFormulaValue, Math.max(1, p - 1), Math.max(1, im - 1), "Owner", open ? "Open" : "Closed"];
  }

  const issues = wb.addWorksheet("Issues");
  issues.getRow(2).values = ["Issue ID", "Issue Description", "Owner", "Priority", "Status", "Target Date"];
  for (let r = 0; r < (opts.issues ?? 6); r++) {
    const status = pick(["Open", "In progress", "Closed"]);
    if (status !== "Closed") truth.openIssues++;
    issues.getRow(3 + r).values = [`${code}-I${r + 1}`, `Issue ${r + 1}`, "Owner", pick(["High", "Medium", "Low"]), status, day(2025, 4 + (r % 9), 10)];
    issues.getCell(3 + r, 6).numFmt = "dd/mm/yyyy";
  }

  const ms = wb.addWorksheet("Milestones");
  ms.getRow(1).values = ["ID", "Milestone", "Owner", "Baseline Date", "Forecast Date", "Actual Date", "Status"];
  for (let r = 0; r < (opts.milestones ?? 6); r++) {
    const done = r < 2;
    const month = 3 + (r % 10);
    ms.getRow(2 + r).values = [`M${r + 1}`, `Milestone ${r + 1}`, "Owner", day(2025, month, 15), day(2025, month, 20 + (r % 5)), done ? day(2025, month, 21) : null, done ? "Complete" : "On track"];
    for (const c of [4, 5, 6]) ms.getCell(2 + r, c).numFmt = "dd/mm/yyyy";
  }

  const budget = wb.addWorksheet("Budget");
  budget.getCell("A1").value = "Budget tracker (GBP)";
  budget.getRow(3).values = ["Project", "Cost Code", "Category", "Budget", "Actual", "Forecast to Complete", "Variance Explanation"];
  const lines = opts.budgetLines ?? 8;
  for (let r = 0; r < lines; r++) {
    const b = Math.round(10000 + rnd() * 90000);
    const a = Math.round(b * rnd() * 0.8);
    const f = Math.round((b - a) * (0.8 + rnd() * 0.5));
    truth.budget += b;
    truth.actual += a;
    truth.forecast += a + f;
    budget.getRow(4 + r).values = [code, `CC-${r + 1}`, pick(["Capex", "Opex"]), b, a, f, null];
  }
  if (opts.workingSheets) addWorkingSheets(wb, code, rnd, opts.workingSheets);
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return { bytes, truth };
}

/** Files a folder of project workbooks also holds in real life, each the rollup must pass over with its reason. */
export async function unreadableFiles(): Promise<Record<string, Uint8Array | string>> {
  const { compoundFile } = await import("./compound-file");
  const good = (await projectWorkbook(999)).bytes;
  return {
    "broken.xlsx": good.slice(0, Math.floor(good.length / 2)),
    "empty.xlsx": new Uint8Array(0),
    "locked.xlsx": compoundFile(["EncryptionInfo", "EncryptedPackage"]),
    "old format.xls": compoundFile(["Workbook"]),
    "~$Project A.xlsx": "lock",
    "minutes.docx": "not a workbook",
    "renamed.xlsx": "plain text, not a zip",
  };
}
