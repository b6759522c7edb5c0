/**
 * What a project summary holds: the rollup fields of the PMO reference §4,
 * each either a value with where it came from (file, sheet, cell or table
 * rows) or absent with the reason. A missing figure is never a zero: a
 * portfolio total must not count a project that gave nothing as one that
 * spent nothing.
 */

/** Where a value was read: the file, the sheet, and the cell or rows. */
export interface FieldSource {
  file: string;
  sheet: string;
  /** One cell ("C3") or the rows read ("B6:N13"). */
  cell?: string;
  /** The Excel table the rows are in, when they are in one. */
  table?: string;
  /** How the value was worked out from what was read, when it was not read as is ("sum of 6 rows", "EV / AC"). */
  how?: string;
}

export type Field<T> = { value: T; sources: FieldSource[] } | { missing: string };

export function present<T>(f: Field<T> | undefined): f is { value: T; sources: FieldSource[] } {
  return !!f && "value" in f;
}

export function valueOf<T>(f: Field<T> | undefined): T | undefined {
  return present(f) ? f.value : undefined;
}

export function found<T>(value: T, ...sources: FieldSource[]): Field<T> {
  return { value, sources };
}

export function missing<T>(reason: string): Field<T> {
  return { missing: reason };
}

/** The stated RAG a project reports, on the UK five-point scale (plus Blue for complete). */
export type Rag = "Green" | "Amber/Green" | "Amber" | "Amber/Red" | "Red" | "Blue";

export interface RiskRef {
  score: number;
  /** The risk's id and title as the register writes them. */
  label: string;
}

export interface MilestoneRef {
  name: string;
  /** Excel serial day. */
  date: number;
}

/** Every rollup field, by id. */
export interface RollupFields {
  project: Field<string>;
  code: Field<string>;
  programme: Field<string>;
  portfolio: Field<string>;
  manager: Field<string>;
  phase: Field<string>;
  statedRag: Field<Rag>;
  budget: Field<number>;
  actual: Field<number>;
  forecast: Field<number>;
  variance: Field<number>;
  variancePercent: Field<number>;
  earnedValue: Field<number>;
  plannedValue: Field<number>;
  /** Actual cost of the work the earned value measures (the EV table's AC). */
  actualCostEv: Field<number>;
  cpi: Field<number>;
  spi: Field<number>;
  percentComplete: Field<number>;
  openRisks: Field<number>;
  /** Open risks by band name (the bands in use), inherent score. */
  risksByBand: Field<Record<string, number>>;
  highestResidualRisk: Field<RiskRef>;
  openIssues: Field<number>;
  overdueItems: Field<number>;
  nextMilestone: Field<MilestoneRef>;
  lastUpdated: Field<number>;
}

export type RollupFieldId = keyof RollupFields;

export interface ProjectSummary {
  /** What the project is matched by across runs: its code, else its name, else its file. */
  key: string;
  /** The file the project was read from (as given: a path, or the workbook's name). */
  file: string;
  /** The sheets its figures came from; the first is what the Portfolio sheet links to. */
  sheets: string[];
  fields: RollupFields;
  /** Things a person should know about how the summary was read (a register too unsure to use, rows left out). */
  notes: string[];
}
