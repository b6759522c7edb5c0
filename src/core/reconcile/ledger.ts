/**
 * Adding up a finance ledger export line by line, in one pass and bounded
 * memory: lines are summed into groups by key and period as they arrive, so a
 * million lines hold only as many groups as there are distinct keys and
 * periods. Unreadable amounts and periods are findings; such a line's amount
 * is never counted as zero, and a line whose period cannot be read stays in a
 * group of its own that is never matched.
 */
import { columnLetter } from "../grid/address";
import { isBlank, type CellValue } from "../grid/cell";
import { TOTAL_LABEL } from "../detect/extent";
import { readCents } from "./amount";
import { groupKey, keyText } from "./key";
import { readPeriod } from "./period";
import type { AmountGroup, KeyFields, PeriodRef, ReconcileFinding } from "./types";

/** 0-based positions of the ledger's fields in the rows given to `add`. */
export interface LedgerColumns {
  project?: number;
  costCode?: number;
  period?: number;
  /** Used for the period when the export has no period column. */
  postingDate?: number;
  amount: number;
  documentId?: number;
  description?: number;
}

export interface LedgerSource {
  file: string;
  sheet: string;
  /** 1-based sheet column of position 0 in each row. */
  firstColumn: number;
}

export interface LedgerSummary {
  groups: AmountGroup[];
  /** Every line whose amount was read, in cents. */
  totalCents: number;
  lines: number;
  /** Lines left out because their amount could not be read. */
  unreadableAmounts: number;
  /** "Total" rows left out: they add up lines already counted. */
  totalRows: number;
  findings: ReconcileFinding[];
  /** All findings, including those beyond the ones kept. */
  findingCount: number;
}

/** Findings kept in full; beyond this only counted (a broken export can have a million). */
export const MAX_FINDINGS = 500;
/** Document ids kept per group, to show where a figure came from. */
const DOCUMENTS_PER_GROUP = 3;

export class LedgerTally {
  private readonly groups = new Map<string, AmountGroup>();
  private readonly periods = new Map<string, PeriodRef | null>();
  private totalCents = 0;
  private lines = 0;
  private unreadableAmounts = 0;
  private totalRows = 0;
  private readonly findings: ReconcileFinding[] = [];
  private findingCount = 0;

  constructor(
    private readonly source: LedgerSource,
    private readonly columns: LedgerColumns,
    private readonly fields: KeyFields,
  ) {}

  private cell(position: number, row: number): string {
    return `${columnLetter(this.source.firstColumn + position)}${row}`;
  }

  private find(position: number, row: number, field: string, message: string): void {
    this.findingCount++;
    if (this.findings.length < MAX_FINDINGS) this.findings.push({ source: "ledger", file: this.source.file, sheet: this.source.sheet, cell: this.cell(position, row), field, message });
  }

  private periodOf(row: readonly CellValue[], formats: readonly string[] | undefined, rowNumber: number): PeriodRef | null {
    if (!this.fields.byPeriod) return null;
    const at = this.columns.period ?? this.columns.postingDate;
    if (at === undefined) return null;
    const value = row[at] ?? null;
    const memo = typeof value === "string" ? value : null;
    if (memo !== null && this.periods.has(memo)) {
      const known = this.periods.get(memo) ?? null;
      if (!known) this.find(at, rowNumber, "period", `period “${memo}” cannot be read as one month or fiscal period; the line is listed as ledger-only`);
      return known;
    }
    const reading = readPeriod(value, formats?.[at]);
    const ref = reading.kind === "period" ? { key: reading.key, label: reading.label } : null;
    // Exports repeat a handful of period texts a million times: read each once.
    if (memo !== null && this.periods.size < 10_000) this.periods.set(memo, ref);
    if (!ref) {
      const what = reading.kind === "ambiguous" ? `period “${keyText(value)}” is ambiguous (${reading.readings.join(" or ")})` : isBlank(value) ? "the period is empty" : `period “${keyText(value)}” cannot be read as one month or fiscal period`;
      this.find(at, rowNumber, "period", `${what}; the line is listed as ledger-only`);
    }
    return ref;
  }

  /** One ledger line: `row` holds the line's cells from the source's first column on. */
  add(row: readonly CellValue[], rowNumber: number, formats?: readonly string[]): void {
    const first = row.find((v) => !isBlank(v));
    if (first === undefined) return;
    if (typeof first === "string" && TOTAL_LABEL.test(first)) {
      this.totalRows++;
      return;
    }
    const amount = readCents(row[this.columns.amount] ?? null);
    if (amount.kind !== "cents") {
      this.unreadableAmounts++;
      this.find(this.columns.amount, rowNumber, "amount", amount.kind === "blank" ? "the amount is empty; the line is not counted" : `the amount ${amount.reason}; the line is not counted`);
      return;
    }
    const project = this.columns.project === undefined ? "" : keyText(row[this.columns.project]);
    const costCode = this.columns.costCode === undefined ? "" : keyText(row[this.columns.costCode]);
    const period = this.periodOf(row, formats, rowNumber);
    this.lines++;
    this.totalCents += amount.cents;
    const key = groupKey(this.fields, project, costCode, period);
    let group = this.groups.get(key);
    if (!group) {
      group = { project, costCode, period, cents: 0, count: 0, refs: [] };
      this.groups.set(key, group);
    }
    group.cents += amount.cents;
    group.count++;
    if (this.columns.documentId !== undefined && group.refs.length < DOCUMENTS_PER_GROUP) {
      const doc = keyText(row[this.columns.documentId]);
      if (doc) group.refs.push(doc);
    }
  }

  summary(): LedgerSummary {
    return {
      groups: [...this.groups.values()],
      totalCents: this.totalCents,
      lines: this.lines,
      unreadableAmounts: this.unreadableAmounts,
      totalRows: this.totalRows,
      findings: [...this.findings],
      findingCount: this.findingCount,
    };
  }
}
