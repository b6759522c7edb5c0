/**
 * The Band and Residual Band formulas apply writes, recalculated by
 * LibreOffice, name the band core names, row by row: on generated messy
 * registers, on generated registers whose levels are fractions (PMBOK
 * 0.1–0.9, percentages, values between the steps, an impact in words), and
 * on every risk register detection finds in ../shared/corpus. Where the
 * band is the score's (levels as numbers or words), core's band comes from
 * the workbook's band set on the register's matrix (score-bands.ts), not
 * from the formula's text; where the levels are fractions, it is the band
 * the heat map gives the risk's cell. Every band cell is also compared with
 * the heat map, for the record. What each corpus register got is printed
 * as a table.
 */
import { columnLetter, parseRange } from "../../src/core/grid/address";
import type { CellValue } from "../../src/core/grid/cell";
import { bandNameOfScore } from "../../src/core/registers/band-columns";
import { fieldPlaces, planApplyTemplate } from "../../src/core/registers/plan-apply";
import { scoreBands } from "../../src/core/registers/score-bands";
import { builtInTemplate } from "../../src/core/templates/catalogue";
import type { Template } from "../../src/core/templates/schema";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { snapshotRegister } from "../../src/jobs/registers/apply";
import { detectRegisters, PREVIEW_ROWS } from "../../src/jobs/registers/detect";
import { levelBandOperand } from "../../src/core/registers/band-levels";
import { readHeatMaps } from "../../src/jobs/heatmap/heatmap";
import { fractionRiskRegister, type FractionStyle } from "../unit/jobs/fraction-register";
import { messyRiskRegister } from "../unit/jobs/messy-register";
import { corpusBytes, corpusFiles } from "../corpus-files";
import ExcelJS from "exceljs";
import { evaluateTemplateFormula } from "../../src/core/registers/computed";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { recalculate, sofficePath } from "./libreoffice";
import { compareCachedResults } from "./cached-results";

const risk = builtInTemplate("risk") as Template;
const files = corpusFiles();

interface BandCheck {
  where: string;
  /** What the plan did to the register, for the record. */
  summary: string;
  /** Rows compared per band column. */
  compared: Record<string, number>;
  /** Rows where LibreOffice and core disagree. */
  mismatches: string[];
  /** Band columns whose band comes from the levels (fractions), not the score. */
  byLevels: string[];
  /** Band cells showing the band the heat map gives the risk (blank where the heat map leaves it off). */
  asHeatMap: number;
  /** The band cells that show another band than the heat map's, for the record. */
  offMap: string[];
  /** Of those, the ones whose level is a number between whole levels (1.5) in a column of words: the score formula takes the number as it is, the heat map cannot place it. */
  offMapBetweenLevels: string[];
  /** Band names LibreOffice shows, with counts. */
  shown: Record<string, number>;
}

const text = (v: CellValue | undefined): string | null => (v === null || v === undefined || v === "" ? null : String(v));

/** Applies the risk template to every risk register of the workbook, recalculates, and compares each band cell with core. */
async function checkBands(bytes: Uint8Array, name: string): Promise<BandCheck[] | string> {
  const host = await XlsxHost.open(bytes, name);
  const registers = (await detectRegisters(host)).filter((r) => r.kind === "risk");
  if (!registers.length) return "no risk register";
  const planned: { where: string; sheet: string; summary: string; bands: Record<string, ReturnType<typeof scoreBands>>; byLevels: Record<string, boolean>; columns: Record<string, number> }[] = [];
  const outcome: string[] = [];
  for (const register of registers) {
    const outline = await host.outline({ previewRows: PREVIEW_ROWS });
    const snapshot = await snapshotRegister(host, outline, register, risk.columns.length);
    const planning = planApplyTemplate(snapshot, risk);
    const where = `${register.sheet}!${register.headerRow}`;
    if (!planning.ok) {
      outcome.push(`${where}: refused (${planning.problem.message.slice(0, 80)}…)`);
      continue;
    }
    const places = fieldPlaces(snapshot, planning.geometry, planning.columns);
    const col = (id: string) => planning.columns.find((p) => p.column.id === id);
    const added = planning.columns.filter((p) => p.added).map((p) => p.header);
    const rewritten = planning.plan.edits.filter((e) => e.type === "setCells" && e.sheet === register.sheet).length;
    planned.push({
      where,
      sheet: register.sheet,
      summary: `${added.length} columns added (${added.filter((h) => /band/i.test(h)).join(", ") || "no band column"}), ${rewritten} cell edits on the sheet`,
      bands: { score: scoreBands(risk, "score", places, snapshot.metadata.settings), residualScore: scoreBands(risk, "residualScore", places, snapshot.metadata.settings) },
      byLevels: { score: levelBandOperand("score", places) !== undefined, residualScore: levelBandOperand("residualScore", places) !== undefined },
      columns: Object.fromEntries(["score", "band", "residualScore", "residualBand", "probability", "impact", "residualProbability", "residualImpact"].map((f) => [f, col(f)?.col ?? 0])),
    });
    await host.apply(planning.plan);
  }
  if (!planned.length) return outcome.join("; ");
  const saved = await host.save();
  const recalculatedBytes = await recalculate(saved, name);
  const recalculated = await XlsxHost.open(recalculatedBytes, name);
  // Every Score and Band cell written with a cached value holds what LibreOffice calculates there.
  const cached = await compareCachedResults(bytes, saved, recalculatedBytes, name);
  const cachedMismatches = cached.mismatches.map((m) => `${m.sheet}!${m.cell}: cached ${JSON.stringify(m.cached)}, LibreOffice ${JSON.stringify(m.recalculated)} (${m.formula.slice(0, 60)})`);
  // The heat map's band of each risk, by sheet and row: what a fraction register's band column must show.
  const heatMapBands = new Map<string, { inherent: string | null; residual: string | null }>();
  for (const r of (await readHeatMaps(recalculated)).registers) {
    for (const m of r.risks) heatMapBands.set(`${m.sheet}!${m.row}`, { inherent: m.inherent?.band.name ?? null, residual: m.residual?.band.name ?? null });
  }
  const out: BandCheck[] = [];
  for (const p of planned) {
    const table = (await recalculated.outline({ previewRows: 0 })).sheets.find((s) => s.name === p.sheet)?.tables.find((t) => {
      const r = parseRange(t.address);
      return r !== undefined && r.left <= p.columns.band && r.right >= p.columns.band;
    });
    const range = table ? parseRange(table.address) : undefined;
    if (!table || !range) throw new Error(`${name} ${p.where}: no table after apply`);
    const grid = await recalculated.read(p.sheet, table.address);
    const check: BandCheck = { where: p.where, summary: p.summary, compared: {}, mismatches: cachedMismatches.filter((m) => m.startsWith(`${p.sheet}!`)), shown: {}, byLevels: [], asHeatMap: 0, offMap: [], offMapBetweenLevels: [] };
    for (const [score, band] of [["score", "band"], ["residualScore", "residualBand"]] as const) {
      const [s, b] = [p.columns[score] - range.left, p.columns[band] - range.left];
      check.compared[band] = 0;
      for (let r = 1; r < grid.values.length; r++) {
        if (!grid.formulas[r][b]?.includes("LOOKUP(")) continue; // a person's own band column, left as it was
        const shown = text(grid.values[r][b]);
        const onMap = heatMapBands.get(`${p.sheet}!${range.top + r}`);
        const mapBand = (score === "score" ? onMap?.inherent : onMap?.residual) ?? null;
        const core = p.byLevels[score] ? mapBand : bandNameOfScore(p.bands[score], grid.values[r][s]);
        if (shown === mapBand) check.asHeatMap++;
        else {
          const cell = `${columnLetter(p.columns[band])}${range.top + r}: ${JSON.stringify(shown)}, heat map ${JSON.stringify(mapBand)} (score ${JSON.stringify(grid.values[r][s])})`;
          check.offMap.push(cell);
          const levels = score === "score" ? ["probability", "impact"] : ["residualProbability", "residualImpact"];
          const between = levels.some((f) => p.columns[f] > 0 && typeof grid.values[r][p.columns[f] - range.left] === "number" && !Number.isInteger(grid.values[r][p.columns[f] - range.left]));
          if (between) check.offMapBetweenLevels.push(cell);
        }
        check.compared[band]++;
        if (shown) check.shown[shown] = (check.shown[shown] ?? 0) + 1;
        if (shown !== core) check.mismatches.push(`${columnLetter(p.columns[band])}${range.top + r}: LibreOffice ${JSON.stringify(shown)}, core ${JSON.stringify(core)} (score ${JSON.stringify(grid.values[r][s])})`);
      }
    }
    check.byLevels = Object.entries(p.byLevels).filter(([, yes]) => yes).map(([field]) => field);
    out.push(check);
  }
  return out;
}

const maybe = sofficePath() ? describe : describe.skip;

maybe("Band columns after apply, recalculated in LibreOffice", () => {
  test.each([1, 4, 7, 12, 19, 23])("messy register seed %i: every band cell is core's band of its score", async (seed) => {
    const messy = await messyRiskRegister(seed);
    const checks = await checkBands(messy.bytes, "risks.xlsx");
    if (typeof checks === "string") throw new Error(checks);
    for (const c of checks) {
      expect(c.mismatches).toEqual([]);
      expect(c.compared.band).toBeGreaterThan(0);
      expect(Object.keys(c.shown).length).toBeGreaterThan(0);
    }
  });
});

maybe("Band columns of registers whose levels are fractions, recalculated in LibreOffice", () => {
  const cases: [FractionStyle, number][] = [
    ["pmbok", 2],
    ["pmbok", 9],
    ["percent", 3],
    ["percent", 14],
    ["percentText", 6],
    ["percentText", 13],
    ["between", 5],
    ["wordImpact", 8],
  ];
  test.each(cases)("%s register, seed %i: every band cell is the heat map's band of its risk", async (style, seed) => {
    const made = await fractionRiskRegister(seed, style);
    const checks = await checkBands(made.bytes, "fractions.xlsx");
    if (typeof checks === "string") throw new Error(checks);
    expect(checks).toHaveLength(1);
    const [c] = checks;
    expect(c.byLevels).toEqual(["score", "residualScore"]);
    expect(c.mismatches).toEqual([]);
    expect(c.compared.band).toBe(made.rows);
    expect(c.asHeatMap).toBe(c.compared.band + c.compared.residualBand);
    // Fractions get bands now: most rows have one (a few are blank, TBC, 0 or over 1 on purpose).
    expect(Object.values(c.shown).reduce((a, b) => a + b, 0)).toBeGreaterThan(made.rows / 2);
  });

  test.each([4, 11])("a register of levels in words, seed %i: its band is its score's, and that is the heat map's band too", async (seed) => {
    const made = await fractionRiskRegister(seed, "words");
    const checks = await checkBands(made.bytes, "words.xlsx");
    if (typeof checks === "string") throw new Error(checks);
    const [c] = checks;
    expect(c.byLevels).toEqual([]);
    expect(c.mismatches).toEqual([]);
    expect(c.offMap).toEqual(c.offMapBetweenLevels);
    expect(Object.values(c.shown).reduce((a, b) => a + b, 0)).toBeGreaterThan(made.rows / 2);
  });
});

/** A fraction register with TRUE and FALSE typed among its levels and percentages typed as text (a CSV import, a yes/no column mapped by mistake). */
async function oddFractionRegister(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.addRow(["Risk ID", "Risk Title", "Probability", "Impact", "Status"]);
  const levels: [ExcelJS.CellValue, ExcelJS.CellValue][] = [
    [0.7, 0.4],
    [true, 0.4],
    [0.9, true],
    [false, 0.8],
    ["20%", "40%"],
    [" 70% ", 0.8],
    [0.5, "10%"],
    [0.3, 0.2],
    [true, true],
  ];
  levels.forEach(([p, i], k) => ws.addRow([`R${k + 1}`, `Risk ${k + 1}`, p, i, "Open"]));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

maybe("Fraction registers with TRUE, FALSE and text percentages, recalculated in LibreOffice", () => {
  // The heat-map sheet's counts test ISLOGICAL per cell of a range, which Excel does and LibreOffice does not (its TRUE is a 1 in a boolean format), so only the Band column is compared here.
  test("a yes/no among fractions has no level in the Band column, as in core", async () => {
    const bytes = await oddFractionRegister();
    const checks = await checkBands(bytes, "odd.xlsx");
    if (typeof checks === "string") throw new Error(checks);
    const [c] = checks;
    expect(c.byLevels).toContain("score");
    expect(c.mismatches).toEqual([]);
    // R1, R5, R6, R7, R8 are banded; the four rows with TRUE or FALSE are not.
    expect(Object.values(c.shown).reduce((a, b) => a + b, 0)).toBe(5);
  });

  test("the Score LibreOffice computes is core's, text percentages and TRUE included", async () => {
    const host = await XlsxHost.open(await oddFractionRegister(), "odd.xlsx");
    const application = await planTemplateApplication(host, risk);
    if (application.kind !== "existing") throw new Error(application.kind);
    await host.apply(application.plan);
    const recalculated = await XlsxHost.open(await recalculate(await host.save(), "odd.xlsx"), "odd.xlsx");
    const table = (await recalculated.outline({ previewRows: 0 })).sheets[0].tables[0];
    const grid = await recalculated.read("Risks", table.address);
    const [p, i, s] = ["Probability", "Impact", "Score"].map((h) => table.headers.indexOf(h));
    const formula = risk.columns.find((c) => c.id === "score")?.formula ?? "";
    const rows = grid.values.slice(1).map((row, k) => ({ row: k + 2, libreOffice: row[s], core: evaluateTemplateFormula(formula, { probability: row[p], impact: row[i] }) }));
    for (const r of rows) expect(r.core).not.toBeNull();
    for (const r of rows) expect(r.libreOffice).toBeCloseTo(r.core as number, 12);
  });
});

const maybeCorpus = sofficePath() ? describe : describe.skip;

maybeCorpus("Band columns of the corpus' risk registers, recalculated in LibreOffice", () => {
  const lines: string[] = [];
  afterAll(() => console.log(["| file | register | what apply did | band cells compared | bands shown | banded by levels | cells as on the heat map |", "|---|---|---|---|---|---|---|", ...lines].join("\n")));

  test.each(files)("%s: LibreOffice shows core's band in every band cell", async (file) => {
    const checks = await checkBands(corpusBytes(file), file);
    if (typeof checks === "string") {
      if (checks !== "no risk register") lines.push(`| ${file} | ${checks} | | | | | |`);
      return;
    }
    for (const c of checks) {
      lines.push(`| ${file} | ${c.where} | ${c.summary} | ${c.compared.band} + ${c.compared.residualBand} | ${Object.entries(c.shown).map(([k, n]) => `${k} ${n}`).join(", ") || "none"} | ${c.byLevels.join(", ") || "no"} | ${c.asHeatMap} |`);
      expect({ register: c.where, mismatches: c.mismatches.slice(0, 5) }).toEqual({ register: c.where, mismatches: [] });
    }
  });
});
