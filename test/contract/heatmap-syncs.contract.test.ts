/**
 * The heat map on a long register: in Excel its round trips do not grow with
 * the rows (the first draw and the next, which reads the snapshot back), and
 * the light read (queryCells) places exactly the risks a whole read does, on
 * registers whose rows below the preview are plain and on those where they
 * are not (a total, a gap, a repeated header, numeric ids, template rows,
 * errors), on every host.
 */
import { planHeatMaps } from "../../src/jobs/heatmap/heatmap";
import { UNDO_SHEET } from "../../src/hosts/excel/undo-sheet";
import type { WorkbookHost } from "../../src/hosts/host";
import { FakeExcel } from "./fake-excel/fake-excel";
import { excelHostOver } from "./fake-excel/host-over-fake";
import { labelled } from "./fake-excel/measure";
import { HOST_KINDS, hostFrom } from "./hosts-under-test";
import { scaledRiskRegister } from "./register-seeds";
import type { SeedCell, WorkbookSeed } from "./workbook-seed";

const NOW = new Date(Date.UTC(2026, 0, 1));

/** The fake with a scaled register, the host over it whose runs are labelled by method, after a first draw at NOW. */
async function afterFirstDraw(rows: number): Promise<{ fake: FakeExcel; labels: string[]; host: WorkbookHost }> {
  const fake = FakeExcel.fromSeed(scaledRiskRegister(rows));
  fake.keepUndoSnapshots = false;
  const labels: string[] = [];
  const host = labelled(excelHostOver(fake), fake, labels);
  const drawing = await planHeatMaps(host, { now: NOW });
  if (!drawing.ok) throw new Error(drawing.message);
  await host.apply(drawing.plan);
  return { fake, labels, host };
}

/** Syncs of the first draw (reading, planning and applying), and of the next draw's reading and planning. */
async function syncsOfTwoDraws(rows: number): Promise<{ first: number; nextPlan: number; wholeReads: number }> {
  const { fake, labels, host } = await afterFirstDraw(rows);
  const first = fake.runs.reduce((n, r) => n + r.syncs.length, 0);
  const from = fake.runs.length;
  const next = await planHeatMaps(host, { now: NOW });
  if (!next.ok) throw new Error(next.message);
  expect(next.maps[0]?.movement?.length).toBe(next.maps[0]?.map.open);
  return { first, nextPlan: fake.runs.slice(from).reduce((n, r) => n + r.syncs.length, 0), wholeReads: labels.filter((l) => l === "read").length };
}

describe("the heat map's round trips in Excel (fake)", () => {
  it("are as many at 12,000 risks as at 1,000: the first draw, and the next draw's reading (the snapshot back too)", async () => {
    const small = await syncsOfTwoDraws(1_000);
    const large = await syncsOfTwoDraws(12_000);
    expect(large).toEqual(small);
    // Rows counted, not time: outline 2, register 3 (its end, its columns, titles), apply 5.
    expect(small.first).toBe(10);
    // The register was never read whole.
    expect(small.wholeReads).toBe(0);
  });
});

/** Syncs of a second draw (reading, planning and applying) by phase, after a first draw a day earlier; and the second draw's undo. */
async function syncsOfSecondDraw(rows: number): Promise<{ byPhase: Record<string, number>; total: number; undoRestores: boolean }> {
  const { fake, labels, host } = await afterFirstDraw(rows);
  const afterFirst = fake.dump().filter((s) => s.name !== UNDO_SHEET);
  const from = fake.runs.length;
  const second = await planHeatMaps(host, { now: new Date(NOW.getTime() + 86_400_000) });
  if (!second.ok) throw new Error(second.message);
  const result = await host.apply(second.plan);
  const byPhase: Record<string, number> = {};
  fake.runs.slice(from).forEach((r, k) => {
    const label = labels[from + k] ?? "?";
    byPhase[label] = (byPhase[label] ?? 0) + r.syncs.length;
  });
  await host.apply(result.undo.inverse);
  const undoRestores = JSON.stringify(fake.dump().filter((s) => s.name !== UNDO_SHEET)) === JSON.stringify(afterFirst);
  return { byPhase, total: Object.values(byPhase).reduce((n, x) => n + x, 0), undoRestores };
}

describe("a second draw in Excel (fake), which overwrites the snapshot of every risk", () => {
  it("costs as many syncs at 12,000 risks as at 1,000, in every phase, and its Undo puts the first draw back", async () => {
    const small = await syncsOfSecondDraw(1_000);
    const large = await syncsOfSecondDraw(12_000);
    expect(large).toEqual(small);
    // Rows counted, not time: outline 2, register and snapshot 4, apply 4 (reading the old snapshot for Undo would add row blocks).
    expect(small.byPhase).toEqual({ outline: 2, queryCells: 4, apply: 4 });
    expect(small.undoRestores).toBe(true);
  });
});

/** The scaled register with row `at` (1-based risk number) replaced. */
function withRow(rows: number, at: number, cells: SeedCell[]): WorkbookSeed {
  const seed = scaledRiskRegister(rows);
  const sheet = seed.sheets[0];
  if (!sheet?.rows) throw new Error("no rows");
  sheet.rows[3 + at] = cells;
  return seed;
}

function numericIds(rows: number): WorkbookSeed {
  const seed = scaledRiskRegister(rows);
  seed.sheets[0]?.rows?.forEach((line, i) => {
    if (i > 3 && typeof line[0] === "string" && line[0].startsWith("R-")) line[0] = i - 3;
  });
  return seed;
}

const VARIANTS: [string, WorkbookSeed][] = [
  ["plain records", scaledRiskRegister(700)],
  ["a total row in the middle", withRow(700, 300, ["Total", null, null, null, null, { formula: "=SUM(G5:G303)" }, null, null, null])],
  ["a blank row in the middle", withRow(700, 300, [])],
  ["the header repeated in the middle", withRow(700, 300, ["Risk ID", "Risk Description", "Owner", "Likelihood", "Impact", "Score", "Status", "Date Raised", "Notes"])],
  ["an id-only row in the middle", withRow(700, 300, ["R-0300"])],
  ["a template row of formulas only", withRow(700, 300, [null, null, null, null, null, { formula: "=E304*F304" }, null, null, null])],
  ["an error in an id", withRow(700, 300, [{ error: "#N/A" }, "Vendor", "A. Patel", 3, 4, { formula: "=E304*F304" }, "Open", 45000, null])],
  ["a text that reads as an error", withRow(700, 300, ["#REF!", "Vendor", "A. Patel", 3, 4, { formula: "=E304*F304" }, "Open", 45000, null])],
  ["numeric ids", numericIds(700)],
];

/** A register of `rows` risks from A1, made an Excel table through the host (as a person or the toolkit would). */
function tableSeed(rows: number, blankAt?: number): WorkbookSeed {
  const lines: SeedCell[][] = [["Risk ID", "Title", "Probability", "Impact", "Score", "Status", "Owner"]];
  for (let i = 1; i <= rows; i++) {
    const r = i + 1;
    lines.push(i === blankAt ? [] : [`RK-${i}`, `Vendor slip on package ${i % 31}`, 1 + (i % 5), 1 + ((i * 3) % 5), { formula: `=C${r}*D${r}` }, i % 6 === 0 ? "Closed" : "Open", `Owner ${i % 7}`]);
  }
  return { sheets: [{ name: "Risks", rows: lines }] };
}

async function tableHost(kind: (typeof HOST_KINDS)[number], rows: number, blankAt?: number): Promise<WorkbookHost> {
  const { host } = await hostFrom(kind, tableSeed(rows, blankAt));
  await host.apply({ title: "table", edits: [{ type: "createTable", sheet: "Risks", address: `A1:G${rows + 1}`, name: "RiskTable", style: "TableStyleMedium2" }] });
  return host;
}

describe("a long Excel table", () => {
  it.each([
    ["of plain records", undefined],
    ["with a blank row in the middle", 300],
  ])("%s draws the same map read lightly as read whole, on every host", async (_name, blankAt) => {
    for (const kind of HOST_KINDS.filter((k) => k !== "excel-mac")) {
      const light = await planHeatMaps(await tableHost(kind, 700, blankAt), { now: NOW });
      const whole = await planHeatMaps(wholeReadsOnly(await tableHost(kind, 700, blankAt)), { now: NOW });
      if (!light.ok || !whole.ok) throw new Error(`${kind}: no map`);
      expect(light.maps[0]?.registers[0]?.register.table).toBe("RiskTable");
      expect({ kind, edits: light.plan.edits }).toEqual({ kind, edits: whole.plan.edits });
      expect({ kind, register: light.maps[0]?.registers[0]?.register, risks: light.maps[0]?.map.risks }).toEqual({ kind, register: whole.maps[0]?.registers[0]?.register, risks: whole.maps[0]?.map.risks });
    }
  });

  it("is read in as many syncs at 12,000 risks as at 1,000, never whole", async () => {
    const count = async (rows: number) => {
      const fake = FakeExcel.fromSeed(tableSeed(rows));
      fake.keepUndoSnapshots = false;
      const plain = excelHostOver(fake);
      await plain.apply({ title: "table", edits: [{ type: "createTable", sheet: "Risks", address: `A1:G${rows + 1}`, name: "RiskTable", style: "TableStyleMedium2" }] });
      const labels: string[] = [];
      const host = labelled(plain, fake, labels);
      const from = fake.runs.length;
      const drawing = await planHeatMaps(host, { now: NOW });
      if (!drawing.ok) throw new Error(drawing.message);
      return { syncs: fake.runs.slice(from).reduce((n, r) => n + r.syncs.length, 0), wholeReads: labels.filter((l) => l === "read").length };
    };
    const small = await count(1_000);
    expect(await count(12_000)).toEqual(small);
    expect(small.wholeReads).toBe(0);
  });
});

function wholeReadsOnly(host: WorkbookHost): WorkbookHost {
  return { outline: (o) => host.outline(o), read: (s, a) => host.read(s, a), apply: (p, g) => host.apply(p, g) };
}

describe("the light read of a long register draws the same map as the whole read", () => {
  it.each(VARIANTS)("%s", async (_name, seed) => {
    for (const kind of HOST_KINDS.filter((k) => k !== "excel-mac")) {
      const light = await planHeatMaps((await hostFrom(kind, seed)).host, { now: NOW });
      const whole = await planHeatMaps(wholeReadsOnly((await hostFrom(kind, seed)).host), { now: NOW });
      if (!light.ok || !whole.ok) throw new Error(`${kind}: no map`);
      expect({ kind, edits: light.plan.edits }).toEqual({ kind, edits: whole.plan.edits });
      expect({ kind, risks: light.maps[0]?.map.risks }).toEqual({ kind, risks: whole.maps[0]?.map.risks });
      expect({ kind, register: light.maps[0]?.registers[0]?.register }).toEqual({ kind, register: whole.maps[0]?.registers[0]?.register });
    }
  });
});

describe("a workbook whose snapshot has the earlier layout", () => {
  it("measures movement against it, on every host, then keeps the snapshot in blocks and measures against that", async () => {
    const seed = scaledRiskRegister(200);
    // As an earlier version drew it: register and time on every row; R-0002 was lower then, R-0003 was closed.
    seed.sheets.push({
      name: "Risk Snapshot",
      rows: [
        ["Register", "Risk ID", "Open", "Inherent Score", "Residual Score", "Taken At"],
        ["Risk Log", "R-0002", "Yes", 1, null, "2025-12-01 09:00 UTC"],
        ["Risk Log", "R-0003", "No", 2, null, "2025-12-01 09:00 UTC"],
      ],
    });
    for (const kind of HOST_KINDS) {
      const { host } = await hostFrom(kind, seed);
      const first = await planHeatMaps(host, { now: NOW });
      if (!first.ok) throw new Error(first.message);
      const moves = first.maps[0]?.movement ?? [];
      expect({ kind, r2: moves.find((m) => m.id === "R-0002") }).toEqual({ kind, r2: { register: "Risk Log", id: "R-0002", movement: "up", before: 1, now: 6 } });
      expect({ kind, r3: moves.find((m) => m.id === "R-0003")?.movement }).toEqual({ kind, r3: "new" });
      await host.apply(first.plan);
      const snapshot = await host.read("Risk Snapshot", "A1:F3");
      expect({ kind, top: snapshot.values }).toEqual({
        kind,
        top: [
          ["Register", "Risk Log", "Taken At", "2026-01-01 00:00 UTC", null, null],
          ["Risk ID", "Open", "Inherent Score", "Residual Score", null, null],
          ["R-0001", "No", 8, null, null, null],
        ],
      });
      const next = await planHeatMaps(host, { now: NOW });
      if (!next.ok) throw new Error(next.message);
      expect({ kind, moved: (next.maps[0]?.movement ?? []).filter((m) => m.movement !== "same") }).toEqual({ kind, moved: [] });
    }
  });
});
