/**
 * Applies a 15-column register of `rows` rows through the Excel host over the
 * fake and reports the syncs of that apply and its largest payload. The
 * benchmark reports these at several sizes; the contract suite asserts on
 * them.
 */
import { formatRange } from "../../../src/core/grid/address";
import type { CellInput } from "../../../src/core/plan/edits";
import type { Plan } from "../../../src/core/plan/plan";
import { FakeExcel } from "./fake-excel";
import { excelHostOver } from "./host-over-fake";

export const REGISTER_HEADERS = [
  "ID", "Title", "Description", "Category", "Owner", "Raised", "Probability", "Impact", "Score", "Status",
  "Response", "Action", "Due", "Proximity", "Notes",
];

const STATUSES = ["Open", "Monitoring", "Closed"];

/** A register plan as a job would build it: cells, a table over them, a date format, a Status drop-down. */
export function registerPlan(rows: number, sheet = "Register"): Plan {
  const cells: CellInput[][] = [REGISTER_HEADERS];
  for (let i = 1; i <= rows; i++) {
    cells.push([
      `R-${i}`,
      `Supplier delay on work package ${i % 97}`,
      "Late delivery of steel frames pushes the install window; mitigation agreed with the vendor.",
      i % 3 === 0 ? "Schedule" : "Cost",
      `Owner ${i % 13}`,
      45000 + (i % 365),
      1 + (i % 5),
      1 + ((i * 7) % 5),
      { formula: `=G${i + 1}*H${i + 1}` },
      STATUSES[i % 3] as string,
      "Mitigate",
      i % 11 === 0 ? "=not a formula" : "Weekly check-in",
      45100 + (i % 200),
      i % 2 ? "Near" : "Far",
      null,
    ]);
  }
  const last = rows + 1;
  return {
    title: `Register of ${rows} rows`,
    edits: [
      { type: "setCells", sheet, address: formatRange({ top: 1, left: 1, bottom: last, right: 15 }), cells },
      { type: "createTable", sheet, address: `A1:O${last}`, name: "Register", style: "TableStyleMedium2" },
      { type: "setNumberFormat", sheet, address: `F2:F${last}`, format: "yyyy-mm-dd" },
      { type: "setNumberFormat", sheet, address: `M2:M${last}`, format: "yyyy-mm-dd" },
      { type: "setDataValidation", sheet, address: `J2:J${last}`, validation: { rule: { kind: "list", values: STATUSES }, allowBlank: true } },
    ],
  };
}

export interface ApplyMeasure {
  rows: number;
  syncs: number;
  maxPayloadBytes: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  ms: number;
}

/** Applies `registerPlan(rows)` to a workbook with an empty sheet "Register" and measures that apply. */
export async function measureRegisterApply(rows: number): Promise<ApplyMeasure> {
  const fake = FakeExcel.fromSeed({ sheets: [{ name: "Register" }] });
  fake.keepUndoSnapshots = false;
  const host = excelHostOver(fake);
  const plan = registerPlan(rows);
  const started = Date.now();
  await host.apply(plan);
  const ms = Date.now() - started;
  const syncs = fake.lastRun.syncs;
  const maxRequestBytes = Math.max(0, ...syncs.map((s) => s.requestBytes));
  const maxResponseBytes = Math.max(0, ...syncs.map((s) => s.responseBytes));
  return { rows, syncs: syncs.length, maxPayloadBytes: Math.max(maxRequestBytes, maxResponseBytes), maxRequestBytes, maxResponseBytes, ms };
}
