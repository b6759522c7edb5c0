import type { CellValue } from "../../../../src/core/grid/cell";
import { buildHeatMap, countsOf, topRisks } from "../../../../src/core/heatmap/model";
import { movementSince, readSnapshot, snapshotCells, snapshotOf } from "../../../../src/core/heatmap/movement";
import { heatMapSheetEdits, ID_LIST_CHARACTERS, idList } from "../../../../src/core/heatmap/sheet";
import { bandOfCell, bandsForMatrix, matrixSize, RISK_BAND_SETS } from "../../../../src/core/risk/bands";
import { templateForKind } from "../../../../src/core/templates/catalogue";
import type { RegisterRows } from "../../../../src/core/validate/register-rows";

const FIELDS = ["id", "title", "probability", "impact", "residualProbability", "residualImpact", "status"] as const;

function register(rows: CellValue[][]): RegisterRows {
  const columns = Object.fromEntries(FIELDS.map((f, k) => [f, String.fromCharCode(65 + k)]));
  return {
    sheet: "Risks",
    kind: "risk",
    template: templateForKind("risk"),
    onTemplate: false,
    columns,
    headers: Object.fromEntries(FIELDS.map((f) => [f, f])),
    rows: rows.map((values, k) => ({ row: k + 2, cells: Object.fromEntries(FIELDS.map((f, c) => [f, { value: values[c] ?? null, format: "General", formula: null }])) })),
  };
}

const standard = RISK_BAND_SETS.standard.bands;
const options = { bandSet: standard, numericSize: matrixSize("5x5") };

describe("band sets on a matrix", () => {
  test("on 5×5 the published bands stand as they are", () => {
    expect(bandsForMatrix(standard, matrixSize("5x5")).map((b) => [b.name, b.min, b.max])).toEqual([
      ["Low", 1, 4],
      ["Medium", 5, 9],
      ["High", 10, 15],
      ["Critical", 16, 25],
    ]);
  });

  test("on 3×3 each level sits where it does on 1–5, so High × High is Critical and Low × Low is Low", () => {
    const size = matrixSize("3x3");
    expect(bandOfCell(standard, size, 3, 3).name).toBe("Critical");
    expect(bandOfCell(standard, size, 2, 2).name).toBe("Medium");
    expect(bandOfCell(standard, size, 1, 1).name).toBe("Low");
    expect(bandsForMatrix(standard, size).map((b) => [b.name, b.min, b.max])).toEqual([
      ["Low", 1, 2],
      ["Medium", 3, 5],
      ["High", 6, 8],
      ["Critical", 9, 9],
    ]);
  });

  test.each(["4x4", "4x5", "5x4", "3x3", "5x5"] as const)("%s: every score from 1 to P×I is in exactly one band, bands never fall as scores rise", (id) => {
    for (const set of Object.values(RISK_BAND_SETS)) {
      const size = matrixSize(id);
      const bands = bandsForMatrix(set.bands, size);
      for (let s = 1; s <= size.probability * size.impact; s++) expect(bands.filter((b) => s >= b.min && s <= b.max)).toHaveLength(1);
      const order = bands.map((b) => set.bands.findIndex((x) => x.name === b.name));
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    }
  });
});

describe("the heat map of a register", () => {
  const reg = register([
    ["R1", "Supplier", 5, 5, 3, 4, "Open"],
    ["R2", "Budget", 5, 5, 2, 2, "closed"],
    ["R3", "Staff", 2, 4, null, null, ""],
    ["R4", "Scope", 7, 3, 1, 1, "In progress"],
    ["R5", "Vendor", "3", 3, 1, 1, "Open"],
    ["R6", "Data", 1, 1, 1, 1, "Done"],
  ]);
  const map = buildHeatMap(reg, options);

  test("places open risks only, rows from the highest probability, columns from the lowest impact", () => {
    const counts = countsOf(map.inherent);
    expect(counts[0]).toEqual([0, 0, 0, 0, 1]);
    expect(counts[3]).toEqual([0, 0, 0, 1, 0]);
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(2);
    expect(map.inherent.unplaced.map((u) => u.row)).toEqual([5, 6]);
    expect(map.inherent.cells[0][4].ids).toEqual(["R1"]);
    expect(map.inherent.cells[0][4].band.name).toBe("Critical");
    expect([map.open, map.closed]).toEqual([4, 2]);
  });

  test("the residual map uses the residual levels; risks without them are left off it", () => {
    expect(countsOf(map.residual ?? { cells: [], placed: 0, unplaced: [] }).flat().reduce((a, b) => a + b, 0)).toBe(3);
    expect(map.residual?.unplaced.map((u) => u.row)).toEqual([4]);
  });

  test("a Low/Medium/High register is a 3×3 map with its own words", () => {
    const lmh = buildHeatMap(register([["A", "", "High", "High", "Low", "Med", "Open"], ["B", "", "med", "L", "L", "L", "Open"]]), options);
    expect(lmh.size).toEqual({ probability: 3, impact: 3 });
    expect(lmh.probabilityLabels).toEqual(["Low", "Medium", "High"]);
    expect(countsOf(lmh.inherent)).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 0, 0],
    ]);
  });

  test("PMBOK fractions fall into five steps", () => {
    const pm = buildHeatMap(register([["A", "", 0.9, 0.8, 0.1, 0.05, "Open"], ["B", "", 0.3, 0.1, 0.1, 0.05, "Open"]]), options);
    expect(countsOf(pm.inherent)[0][4]).toBe(1);
    expect(countsOf(pm.inherent)[3][1]).toBe(1);
  });

  test("the ten highest open risks by score, ties in register order", () => {
    expect(topRisks(map, "inherent").map((r) => r.id)).toEqual(["R1", "R3"]);
    expect(topRisks(map, "residual").map((r) => r.id)).toEqual(["R1", "R4", "R5"]);
  });
});

describe("movement since the last snapshot", () => {
  const before = register([
    ["R1", "", 3, 3, 3, 3, "Open"],
    ["R2", "", 3, 3, 3, 3, "Open"],
    ["R3", "", 3, 3, 3, 3, "Open"],
    ["R4", "", 3, 3, 3, 3, "Open"],
  ]);
  const now = register([
    ["R1", "", 4, 3, 3, 3, "Open"],
    ["R2", "", 2, 3, 3, 3, "Open"],
    ["R3", "", 3, 3, 3, 3, "Closed"],
    ["R5", "", 3, 3, 3, 3, "Open"],
  ]);
  test("up, down, new and closed (also for a risk gone from the register), read back from the snapshot's cells", () => {
    const snapshot = readSnapshot(snapshotCells(snapshotOf("Risks", buildHeatMap(before, options).risks, "2026-01-01 09:00 UTC")).rows);
    expect(snapshot).toHaveLength(4);
    const moves = movementSince("Risks", snapshot, buildHeatMap(now, options).risks, "inherent");
    expect(moves.map((m) => [m.id, m.movement, m.before, m.now])).toEqual([
      ["R1", "up", 9, 12],
      ["R2", "down", 9, 6],
      ["R3", "closed", 9, 9],
      ["R5", "new", null, 9],
      ["R4", "closed", 9, null],
    ]);
  });
});

describe("the snapshot's layout", () => {
  const entries = [
    ...snapshotOf("Risks", buildHeatMap(register([["R1", "", 4, 3, 2, 2, "Open"], ["R2", "", 1, 1, null, null, "Closed"]]), options).risks, "2026-01-01 09:00 UTC"),
    ...snapshotOf("Log [RiskTable]", buildHeatMap(register([["Register", "", 2, 2, 1, 1, "open"]]), options).risks, "2025-12-01 08:00 UTC"),
  ];

  test("names each register and time once, above its risks' rows", () => {
    const { rows, headerRows } = snapshotCells(entries);
    expect(rows).toEqual([
      ["Register", "Risks", "Taken At", "2026-01-01 09:00 UTC"],
      ["Risk ID", "Open", "Inherent Score", "Residual Score"],
      ["R1", "Yes", 12, 4],
      ["R2", "No", 1, null],
      ["Register", "Log [RiskTable]", "Taken At", "2025-12-01 08:00 UTC"],
      ["Risk ID", "Open", "Inherent Score", "Residual Score"],
      ["Register", "Yes", 4, 1],
    ]);
    expect(headerRows).toEqual([1, 2, 5, 6]);
    // A risk whose ID reads "Register" is a risk, not a block.
    expect(readSnapshot(rows)).toEqual(entries);
  });

  test("a snapshot in the earlier layout (register and time on every row) is still read, so movement goes on after an upgrade", () => {
    const old: CellValue[][] = [
      ["Register", "Risk ID", "Open", "Inherent Score", "Residual Score", "Taken At"],
      ...entries.map((e) => [e.register, e.id, e.open ? "Yes" : "No", e.inherent, e.residual, e.takenAt]),
    ];
    expect(readSnapshot(old)).toEqual(entries);
    const moves = movementSince("Risks", readSnapshot(old), buildHeatMap(register([["R1", "", 5, 3, 2, 2, "Open"]]), options).risks, "inherent");
    expect(moves.map((m) => [m.id, m.movement])).toEqual([["R1", "up"]]);
  });
});

describe("the heat-map sheet", () => {
  const reg = register([["=cmd", "+SUM(1)", 5, 5, 1, 1, "Open"]]);
  const map = buildHeatMap(reg, options);
  const input = {
    sheet: "Heat Map",
    subject: "Risks",
    map,
    sources: [],
    basis: "inherent" as const,
    movement: null,
    drawnAt: "2026-01-01 09:00 UTC",
    labelRegister: false,
    previous: null,
    sheetExists: false,
  };

  test("text from the workbook is written as plain strings (text), never as formulas", () => {
    const cells = heatMapSheetEdits(input).flatMap((e) => (e.type === "setCells" ? e.cells.flat() : []));
    expect(cells).toContain("=cmd");
    expect(cells).toContain("+SUM(1)");
    expect(cells.filter((c) => typeof c === "object" && c !== null)).toEqual([]);
  });

  test("drawing over an earlier, larger map clears its cells and fills; no sheet is added", () => {
    const edits = heatMapSheetEdits({ ...input, sheetExists: true, previous: { top: 1, left: 1, bottom: 200, right: 30 } });
    expect(edits.some((e) => e.type === "addSheet")).toBe(false);
    const cells = edits.find((e) => e.type === "setCells");
    expect(cells?.type === "setCells" && cells.address).toBe("A1:AD200");
    const clear = edits.find((e) => e.type === "setStyle");
    expect(clear).toMatchObject({ address: "A1:AD200", style: { fill: null } });
    expect(edits.some((e) => e.type === "replaceConditionalFormats")).toBe(false);
  });
});

describe("the IDs of a crowded cell", () => {
  test("are cut with “and N more” well under a cell's 32,767 characters", () => {
    const ids = Array.from({ length: 20_000 }, (_, k) => `RISK-${k + 1}`);
    const text = idList(ids);
    expect(text.length).toBeLessThan(ID_LIST_CHARACTERS + 30);
    expect(text).toMatch(/^RISK-1, RISK-2, .* and \d+ more$/);
    const shown = text.replace(/ and \d+ more$/, "").split(", ").length;
    expect(text.endsWith(` and ${ids.length - shown} more`)).toBe(true);
    expect(idList(["R1", "R2"])).toBe("R1, R2");
  });
});
