/**
 * Applies a 15-column register of `rows` rows through the Excel host over the
 * fake and reports the syncs of that apply and its largest payload; and runs
 * the whole register job (detect, plan, apply) the same way. The benchmark
 * reports these at several sizes; the contract suite asserts on them.
 */
import { formatRange } from "../../../src/core/grid/address";
import type { CellInput } from "../../../src/core/plan/edits";
import type { Plan } from "../../../src/core/plan/plan";
import { builtInTemplate } from "../../../src/core/templates/catalogue";
import { planTemplateApplication } from "../../../src/jobs/registers/apply";
import { scaledRiskRegister } from "../register-seeds";
import type { WorkbookHost } from "../../../src/hosts/host";
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
  const from = fake.runs.length;
  await host.apply(plan);
  const ms = Date.now() - started;
  // The apply's runs: reading and checking (and sheet structure), then the writes.
  const syncs = fake.runs.slice(from).flatMap((r) => r.syncs);
  const maxRequestBytes = Math.max(0, ...syncs.map((s) => s.requestBytes));
  const maxResponseBytes = Math.max(0, ...syncs.map((s) => s.responseBytes));
  return { rows, syncs: syncs.length, maxPayloadBytes: Math.max(maxRequestBytes, maxResponseBytes), maxRequestBytes, maxResponseBytes, ms };
}

export interface JobRunMeasure {
  /** The host method the Excel.run served (outline, read, readRules, readLooks, apply). */
  method: string;
  syncs: number;
  /** Larger of request and response, per sync. */
  payloadBytes: number[];
}

export interface JobMeasure {
  rows: number;
  /** context.sync() calls of the whole job: detect, the planner's reads, and the apply. */
  syncs: number;
  /** Of those, the apply's. */
  applySyncs: number;
  maxPayloadBytes: number;
  edits: number;
  /** Each Excel.run of the job in order, for telling which part grew. */
  runs: JobRunMeasure[];
  ms: number;
}

/** The host with each call's Excel.run calls labelled by the method that made them. */
export function labelled(host: WorkbookHost, fake: FakeExcel, labels: string[]): WorkbookHost {
  const label =
    <A extends unknown[], R>(method: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const from = fake.runs.length;
      try {
        return await fn(...args);
      } finally {
        for (let i = from; i < fake.runs.length; i++) labels[i] = method;
      }
    };
  return {
    outline: label("outline", host.outline.bind(host)),
    read: label("read", host.read.bind(host)),
    apply: label("apply", host.apply.bind(host)),
    ...(host.readRules ? { readRules: label("readRules", host.readRules.bind(host)) } : {}),
    ...(host.readLooks ? { readLooks: label("readLooks", host.readLooks.bind(host)) } : {}),
    ...(host.queryCells ? { queryCells: label("queryCells", host.queryCells.bind(host)) } : {}),
  };
}

/**
 * The register job through the Excel host over the fake: detects the messy
 * risk register of `rows` rows (register-seeds.ts), plans the risk template
 * over it and applies the plan, counting every sync of every Excel.run.
 */
export async function measureRegisterJob(rows: number): Promise<JobMeasure> {
  const fake = FakeExcel.fromSeed(scaledRiskRegister(rows));
  fake.keepUndoSnapshots = false;
  const labels: string[] = [];
  const host = labelled(excelHostOver(fake), fake, labels);
  const risk = builtInTemplate("risk");
  if (!risk) throw new Error("the catalogue has no risk template");
  const started = Date.now();
  const job = await planTemplateApplication(host, risk);
  if (job.kind !== "existing") throw new Error(`the register job did not find the register (${job.kind})`);
  await host.apply(job.plan);
  const ms = Date.now() - started;
  const runs = fake.runs.map((r, i) => ({
    method: labels[i] ?? "unknown",
    syncs: r.syncs.length,
    payloadBytes: r.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)),
  }));
  const payloads = runs.flatMap((r) => r.payloadBytes);
  return {
    rows,
    syncs: payloads.length,
    applySyncs: runs.filter((r) => r.method === "apply").reduce((n, r) => n + r.syncs, 0),
    maxPayloadBytes: Math.max(0, ...payloads),
    edits: job.plan.edits.length,
    runs,
    ms,
  };
}
