/**
 * One workbook's projects as rollup summaries: its registers grouped into
 * projects, each project's facts (list row, labelled cells) and figures
 * (risks, issues, milestones, money) with where each came from.
 */
import type { SheetCells } from "../detect/sheet-cells";
import type { RiskBand } from "../metadata/settings";
import { found, missing, present, valueOf, type Field, type FieldSource, type ProjectSummary, type Rag, type RollupFields } from "./fields";
import { financeFigures, type MappedAmounts } from "./finance-figures";
import { groupRegisters, type ProjectGroup } from "./project-groups";
import { findProjectList, labelledInfo, type InfoFieldId, type ProjectInfo, type ProjectList } from "./project-info";
import { issueFigures, milestoneFigures, moneyFigures, riskFigures, type RegisterData } from "./register-figures";

export interface WorkbookReading {
  /** The file as the user named it (a path, or the workbook's name inside Excel). */
  file: string;
  registers: RegisterData[];
  /**
   * Each sheet's first rows (the host's preview), and the row its first
   * register's header starts on (null when it holds none). Project lists are
   * looked for in the whole preview, labelled facts above the first register.
   */
  sheets: { cells: SheetCells; firstRegisterRow: number | null }[];
}

export interface SummaryOptions {
  /** Today as an Excel serial day: overdue and next milestone count from it. */
  today: number;
  bands: readonly RiskBand[];
}

function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(xlsx|xlsm|xls|csv)$/i, "");
}

function infoField<T extends string | number>(info: ProjectInfo, id: InfoFieldId, why: string): Field<T> {
  const v = info[id];
  return v ? found(v.value as T, v.source) : missing(why);
}

function merge(first: ProjectInfo | null, second: ProjectInfo): ProjectInfo {
  return { ...second, ...(first ?? {}) };
}

function amountField(key: keyof MappedAmounts, money: ReturnType<typeof moneyFigures>): Field<number> {
  const v = money.amounts[key];
  return v !== null ? found(v, ...(money.sources[key] ?? [])) : missing(money.reasons[key] ?? "not found");
}

/** The sources of the amounts a derived figure was worked out from, with how. */
function derived(value: number | null, how: string, money: ReturnType<typeof moneyFigures>, keys: (keyof MappedAmounts)[], why: string): Field<number> {
  if (value === null) return missing(why);
  const sources: FieldSource[] = keys.flatMap((k) => money.sources[k] ?? []).map((s) => ({ ...s, how }));
  return found(value, ...uniqueSources(sources));
}

/** A sheet's rows above its first register (all its preview rows when it holds none). */
function headOf(sheet: WorkbookReading["sheets"][number]): SheetCells {
  const c = sheet.cells;
  const keep = sheet.firstRegisterRow === null ? c.values.length : Math.max(0, sheet.firstRegisterRow - c.top);
  return { ...c, values: c.values.slice(0, keep), formulas: c.formulas?.slice(0, keep), numberFormats: c.numberFormats?.slice(0, keep) };
}

function uniqueSources(sources: FieldSource[]): FieldSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const k = `${s.file}|${s.sheet}|${s.cell ?? ""}|${s.how ?? ""}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function summariseGroup(group: ProjectGroup, reading: WorkbookReading, heads: SheetCells[], options: SummaryOptions, wholeWorkbook: boolean): ProjectSummary {
  const file = reading.file;
  const sheets = [...new Set(group.registers.map((r) => r.register.sheet))];
  // A workbook that is one project may state its facts on a sheet of their own (a cover or project sheet).
  const own = heads.filter((h) => wholeWorkbook || sheets.includes(h.sheet));
  let labelled: ProjectInfo = {};
  for (const h of own) labelled = merge(labelled, labelledInfo(h, file));
  const info = merge(group.listed, labelled);
  const risks = riskFigures(group.registers, options.bands);
  const issues = issueFigures(group.registers, options.today);
  const milestones = milestoneFigures(group.registers, options.today);
  const money = moneyFigures(group.registers);
  const fin = financeFigures(money.amounts);
  const stem = fileStem(file);
  const project: Field<string> = info.project
    ? found(String(info.project.value), info.project.source)
    : group.prefix && group.prefix !== "other sheets"
      ? found(group.prefix, { file, sheet: sheets[0] ?? "", how: "the sheet names' shared first word (the workbook names no project)" })
      : found(group.prefix ? `${stem} (${group.prefix})` : stem, { file, sheet: "", how: "the file name (the workbook names no project)" });
  const overdueParts = [issues.overdueIssues, milestones.overdueMilestones].filter(present);
  const noFinance = "no budget tracker or earned value table found for this project";
  const fields: RollupFields = {
    project,
    code: infoField(info, "code", "no project code in a project list or labelled cell"),
    programme: infoField(info, "programme", "the workbook names no programme"),
    portfolio: infoField(info, "portfolio", "the workbook names no portfolio"),
    manager: infoField(info, "manager", "the workbook names no project manager"),
    phase: infoField(info, "phase", "the workbook names no phase or stage"),
    statedRag: infoField<Rag>(info, "statedRag", "the workbook states no overall RAG"),
    budget: amountField("budget", money),
    actual: amountField("actual", money),
    forecast:
      money.amounts.forecastAtCompletion !== null
        ? amountField("forecastAtCompletion", money)
        : fin.forecast
          ? derived(fin.forecast.value, fin.forecast.how, money, ["budget", "earnedValue", "actualCostEv"], "")
          : missing(money.reasons.forecastAtCompletion ?? noFinance),
    variance: derived(fin.variance, "budget − forecast at completion", money, ["budget", "forecastAtCompletion"], "needs both a budget and a forecast at completion"),
    variancePercent: derived(fin.variancePercent, "variance / budget", money, ["budget", "forecastAtCompletion"], "needs both a budget and a forecast at completion"),
    earnedValue: amountField("earnedValue", money),
    plannedValue: amountField("plannedValue", money),
    actualCostEv: amountField("actualCostEv", money),
    cpi: derived(fin.cpi, "CPI = EV / AC", money, ["earnedValue", "actualCostEv"], money.amounts.earnedValue === null ? (money.reasons.earnedValue ?? noFinance) : "AC is missing or zero"),
    spi: derived(fin.spi, "SPI = EV / PV", money, ["earnedValue", "plannedValue"], money.amounts.earnedValue === null ? (money.reasons.earnedValue ?? noFinance) : "PV is missing or zero"),
    percentComplete: derived(fin.percentComplete, "% complete = EV / BAC", money, ["earnedValue", "budget"], money.amounts.earnedValue === null ? (money.reasons.earnedValue ?? noFinance) : "BAC is missing or zero"),
    openRisks: risks.openRisks,
    risksByBand: risks.risksByBand,
    highestResidualRisk: risks.highestResidualRisk,
    openIssues: issues.openIssues,
    overdueItems: overdueParts.length
      ? found(overdueParts.reduce((n, f) => n + f.value, 0), ...overdueParts.flatMap((f) => f.sources))
      : missing("no issue log with target dates and no milestone tracker found for this project"),
    nextMilestone: milestones.nextMilestone,
    lastUpdated: infoField(info, "lastUpdated", "the workbook states no last-updated or review date"),
  };
  const key = info.code ? String(info.code.value) : (valueOf(project) ?? stem);
  const notes = group.listed === null && group.prefix === "other sheets" ? ["these sheets match no project of the workbook's project list"] : [];
  return { key, file, sheets: sheets.length ? sheets : own.map((h) => h.sheet).slice(0, 1), fields, notes };
}

/** Every project the workbook holds; a workbook with no registers gives none. */
export function summariseWorkbook(reading: WorkbookReading, options: SummaryOptions): ProjectSummary[] {
  let list: ProjectList | null = null;
  for (const s of reading.sheets) {
    list = findProjectList(s.cells, reading.file);
    if (list) break;
  }
  const listSheet = list?.sheet;
  // A sheet that lists several projects is about the portfolio, not a project register.
  const registers = reading.registers.filter((r) => !(list && list.projects.length >= 2 && r.register.sheet === listSheet));
  if (!registers.length) return [];
  const heads = reading.sheets.map(headOf);
  const groups = groupRegisters(registers, list?.projects ?? [], new Map(heads.map((h) => [h.sheet, h])));
  const kept = groups.filter((g) => g.registers.length);
  return kept.map((g) => summariseGroup(g, reading, heads, options, kept.length === 1));
}
