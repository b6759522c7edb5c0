/**
 * The Band and Residual Band formulas apply writes, recalculated by
 * LibreOffice, name the band core names for the score beside them, row by
 * row: on generated messy registers and on every risk register detection
 * finds in ../shared/corpus. Core's bands come from the workbook's band set
 * on the register's matrix (score-bands.ts), not from the formula's text.
 * What each corpus register got is printed as a table for the record.
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
import { messyRiskRegister } from "../unit/jobs/messy-register";
import { corpusBytes, corpusFiles } from "../corpus-files";
import { recalculate, sofficePath } from "./libreoffice";

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
  /** Band names LibreOffice shows, with counts. */
  shown: Record<string, number>;
}

const text = (v: CellValue | undefined): string | null => (v === null || v === undefined || v === "" ? null : String(v));

/** Applies the risk template to every risk register of the workbook, recalculates, and compares each band cell with core. */
async function checkBands(bytes: Uint8Array, name: string): Promise<BandCheck[] | string> {
  const host = await XlsxHost.open(bytes, name);
  const registers = (await detectRegisters(host)).filter((r) => r.kind === "risk");
  if (!registers.length) return "no risk register";
  const planned: { where: string; sheet: string; summary: string; bands: Record<string, ReturnType<typeof scoreBands>>; columns: Record<string, number> }[] = [];
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
      columns: { score: col("score")?.col ?? 0, band: col("band")?.col ?? 0, residualScore: col("residualScore")?.col ?? 0, residualBand: col("residualBand")?.col ?? 0 },
    });
    await host.apply(planning.plan);
  }
  if (!planned.length) return outcome.join("; ");
  const recalculated = await XlsxHost.open(await recalculate(await host.save(), name), name);
  const out: BandCheck[] = [];
  for (const p of planned) {
    const table = (await recalculated.outline({ previewRows: 0 })).sheets.find((s) => s.name === p.sheet)?.tables.find((t) => {
      const r = parseRange(t.address);
      return r !== undefined && r.left <= p.columns.band && r.right >= p.columns.band;
    });
    const range = table ? parseRange(table.address) : undefined;
    if (!table || !range) throw new Error(`${name} ${p.where}: no table after apply`);
    const grid = await recalculated.read(p.sheet, table.address);
    const check: BandCheck = { where: p.where, summary: p.summary, compared: {}, mismatches: [], shown: {} };
    for (const [score, band] of [["score", "band"], ["residualScore", "residualBand"]] as const) {
      const [s, b] = [p.columns[score] - range.left, p.columns[band] - range.left];
      check.compared[band] = 0;
      for (let r = 1; r < grid.values.length; r++) {
        if (!grid.formulas[r][b]?.includes("LOOKUP(")) continue; // a person's own band column, left as it was
        const shown = text(grid.values[r][b]);
        const core = bandNameOfScore(p.bands[score], grid.values[r][s]);
        check.compared[band]++;
        if (shown) check.shown[shown] = (check.shown[shown] ?? 0) + 1;
        if (shown !== core) check.mismatches.push(`${columnLetter(p.columns[band])}${range.top + r}: LibreOffice ${JSON.stringify(shown)}, core ${JSON.stringify(core)} (score ${JSON.stringify(grid.values[r][s])})`);
      }
    }
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

const maybeCorpus = sofficePath() ? describe : describe.skip;

maybeCorpus("Band columns of the corpus' risk registers, recalculated in LibreOffice", () => {
  const lines: string[] = [];
  afterAll(() => console.log(["| file | register | what apply did | band cells compared | bands shown |", "|---|---|---|---|---|", ...lines].join("\n")));

  test.each(files)("%s: LibreOffice shows core's band in every band cell", async (file) => {
    const checks = await checkBands(corpusBytes(file), file);
    if (typeof checks === "string") {
      if (checks !== "no risk register") lines.push(`| ${file} | ${checks} | | | |`);
      return;
    }
    for (const c of checks) {
      lines.push(`| ${file} | ${c.where} | ${c.summary} | ${c.compared.band} + ${c.compared.residualBand} | ${Object.entries(c.shown).map(([k, n]) => `${k} ${n}`).join(", ") || "none"} |`);
      expect({ register: c.where, mismatches: c.mismatches.slice(0, 5) }).toEqual({ register: c.where, mismatches: [] });
    }
  });
});
