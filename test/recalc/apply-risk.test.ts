/**
 * The Score formulas apply writes, recalculated by LibreOffice, equal
 * probability × impact as core computes it, row by row: in a Score column the
 * template adds (structured references) and in one the user had, where typed
 * over cells were restored.
 */
import { parseRange } from "../../src/core/grid/address";
import { evaluateTemplateFormula } from "../../src/core/registers/computed";
import { builtInTemplate } from "../../src/core/templates/catalogue";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { messyRiskRegister } from "../unit/jobs/messy-register";
import { recalculate, sofficePath } from "./libreoffice";
import { compareCachedResults } from "./cached-results";

const risk = builtInTemplate("risk");
const scoreFormula = risk?.columns.find((c) => c.id === "score")?.formula ?? "";

async function appliedAndRecalculated(seed: number) {
  if (!risk) throw new Error("no risk template");
  const messy = await messyRiskRegister(seed);
  const host = await XlsxHost.open(messy.bytes, "risks.xlsx");
  const application = await planTemplateApplication(host, risk);
  if (application.kind !== "existing") throw new Error(`seed ${seed}: ${application.kind}`);
  await host.apply(application.plan);
  const saved = await host.save();
  const recalculatedBytes = await recalculate(saved);
  const cached = await compareCachedResults(messy.bytes, saved, recalculatedBytes);
  const recalculated = await XlsxHost.open(recalculatedBytes, "risks.xlsx");
  const outline = await recalculated.outline({ previewRows: 0 });
  const table = outline.sheets.find((s) => s.name === messy.sheet)?.tables[0];
  if (!table) throw new Error("no table after apply");
  const range = parseRange(table.address);
  if (!range) throw new Error("bad table address");
  const grid = await recalculated.read(messy.sheet, table.address);
  const col = (header: string) => table.headers.indexOf(header);
  return { messy, application, range, grid, col, table, cached };
}

const maybe = sofficePath() ? describe : describe.skip;

maybe("Score after apply, recalculated in LibreOffice", () => {
  test.each([1, 4, 7, 12, 19, 23])("seed %i: every Score cell is probability × impact", async (seed) => {
    const { messy, application, grid, col, table, cached } = await appliedAndRecalculated(seed);
    // The Score and Band cells carry core's result as their cached value where core can vouch for it, and LibreOffice calculates the same.
    expect(cached.mismatches).toEqual([]);
    expect(cached.compared).toBeGreaterThan(0);
    const byField = application.kind === "existing" ? application.register.columns : {};
    const pHeader = table.headers[messy.probabilityColumn - (parseRange(table.address)?.left ?? 1)];
    const iHeader = table.headers[messy.impactColumn - (parseRange(table.address)?.left ?? 1)];
    const scoreHeader = byField.score?.header ?? "Score";
    const [p, i, s] = [col(pHeader), col(iHeader), col(scoreHeader)];
    expect(p).toBeGreaterThanOrEqual(0);
    expect(s).toBeGreaterThanOrEqual(0);
    let compared = 0;
    for (let r = 1; r < grid.values.length; r++) {
      const row = grid.values[r];
      if (grid.formulas[r][s] === null) continue; // a user's typed-in score, left alone on purpose
      const expected = evaluateTemplateFormula(scoreFormula, { probability: row[p], impact: row[i] });
      expect({ row: r, value: row[s] }).toEqual({ row: r, value: expected });
      compared++;
    }
    if (compared === 0) {
      // A Score column of typed values is the user's choice: apply says so and leaves it.
      expect(application.notes.join("\n")).toMatch(/holds typed values, not the Score formula/);
    }
    // The formulas in the file are the file form, never the UI's [@Col] shorthand.
    expect(grid.formulas.flat().some((f) => f !== null && f.includes("[@"))).toBe(false);
  });

  test("a Score column the template adds uses structured references in the file form", async () => {
    // Seed 1 has no Score column of its own.
    const { grid, col, table } = await appliedAndRecalculated(1);
    const s = col("Score");
    expect(s).toBeGreaterThanOrEqual(0);
    expect(grid.formulas[1][s]).toMatch(/^=RiskRegister\[\[#This Row\],\[[^\]]+\]\]\*RiskRegister\[\[#This Row\],\[[^\]]+\]\]$/);
    expect(table.name).toBe("RiskRegister");
  });
});
