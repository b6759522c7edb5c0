/**
 * The heat-map sheet's count formulas, recalculated in LibreOffice, equal the
 * counts core places: for the sample portfolio, for generated registers
 * (numbers, words on their own scale, PMBOK fractions, closed statuses in
 * several spellings, as plain ranges and as the tables apply makes) and once
 * more combined.
 */
import ExcelJS from "exceljs";
import { samplePortfolioBytes } from "../../src/sample/portfolioWorkbook";
import { builtInTemplate } from "../../src/core/templates/catalogue";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { messyRiskRegister, seededRandom } from "../unit/jobs/messy-register";
import { drawAndRecalculate, type ComparedMap } from "./heatmap-counts";
import { sofficePath } from "./libreoffice";

const maybe = sofficePath() ? describe : describe.skip;

function expectSame(maps: ComparedMap[] | string): ComparedMap[] {
  if (typeof maps === "string") throw new Error(maps);
  for (const m of maps) {
    expect({ sheet: m.sheet, counts: m.recalculated.inherent }).toEqual({ sheet: m.sheet, counts: m.core.inherent });
    expect({ sheet: m.sheet, counts: m.recalculated.residual }).toEqual({ sheet: m.sheet, counts: m.core.residual });
    expect(m.formulas).toBe(m.size[0] * m.size[1] * (m.core.residual ? 2 : 1));
    // Every count formula carries core's count as its cached value, and LibreOffice calculates the same.
    // (A register applied first has its Score and Band compared too.)
    expect(m.cached.mismatches).toEqual([]);
    expect({ sheet: m.sheet, without: m.cached.withoutBySheet[m.sheet] ?? 0 }).toEqual({ sheet: m.sheet, without: 0 });
  }
  const sheets = [...new Set(maps.map((m) => m.sheet))];
  if (maps.length) expect(sheets.reduce((n, s) => n + (maps[0].cached.bySheet[s] ?? 0), 0)).toBe(maps.reduce((n, m) => n + m.formulas, 0));
  return maps;
}

type Style = "numbers" | "words" | "fractions" | "percentText" | "bands";

/** A register of `rows` risks whose levels are written in `style`, with statuses closed in several spellings. */
async function generatedRegister(seed: number, style: Style, rows: number): Promise<Uint8Array> {
  const random = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const words = ["Low", "L", "Medium", "Med", "High", "H", " high ", "Very High"];
  const lmh = ["Low", "l", "Medium", "MED", "High", "h ", "hi"];
  const fractionsP = [0.1, 0.3, 0.5, 0.7, 0.9, 0.75];
  const fractionsI = [0.05, 0.1, 0.2, 0.4, 0.8];
  const bands = ["0-10%", "11-30%", "31-50%", "51-80%", "81-100%"];
  const level = (dimension: "p" | "i"): ExcelJS.CellValue => {
    if (random() < 0.08) return null;
    switch (style) {
      case "numbers":
        return random() < 0.05 ? 7 : 1 + Math.floor(random() * 5);
      case "words":
        return seed % 2 ? pick(lmh) : pick(words);
      case "fractions":
        return pick(dimension === "p" ? fractionsP : fractionsI);
      case "percentText":
        // As a CSV import or a text-formatted column leaves them; now and then a value with no level (0%, 150%, "n/a").
        return random() < 0.05 ? pick(["0%", "150%", "n/a"]) : `${pick(dimension === "p" ? fractionsP : fractionsI) * 100}%`;
      default:
        return pick(bands);
    }
  };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risk Log");
  ws.addRow(["Project risk log"]);
  ws.addRow([]);
  ws.addRow(["Risk ID", "Risk Title", "Owner", "Probability", "Impact", "Residual Probability", "Residual Impact", "Status"]);
  for (let r = 0; r < rows; r++) {
    const id = r === 3 ? "=R4" : r === 5 ? "-R6" : `R${r + 1}`;
    ws.addRow([id, `Risk ${r + 1}`, pick(["Ann", "Bo", null]), level("p"), level("i"), level("p"), level("i"), pick(["Open", "open", "Closed", "CLOSED", "Done", "", "In progress", "Resolved"])]);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

maybe("heat map counts recalculated in LibreOffice", () => {
  const report: string[] = [];
  afterAll(() => console.log(report.join("\n")));

  test("the sample portfolio: one map per risk register, each on its own matrix", async () => {
    const bytes = await samplePortfolioBytes();
    const maps = expectSame(await drawAndRecalculate(bytes, "sample.xlsx"));
    expect(maps.map((m) => m.size)).toEqual([[5, 5], [3, 3], [5, 5]]);
    for (const m of maps) report.push(`sample ${m.sheet}: ${JSON.stringify(m.core)}`);
  });

  test.each<[Style, number]>([
    ["numbers", 1],
    ["words", 2],
    ["words", 3],
    ["fractions", 4],
    ["percentText", 6],
    ["bands", 5],
  ])("a generated register in %s (seed %i), as a plain range and as a table", async (style, seed) => {
    const bytes = await generatedRegister(seed, style, 60);
    const plain = expectSame(await drawAndRecalculate(bytes, "gen.xlsx"));
    expect(plain[0].core.inherent.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    const risk = builtInTemplate("risk");
    if (!risk) throw new Error("no risk template");
    const asTable = expectSame(
      await drawAndRecalculate(bytes, "gen.xlsx", { basis: "residual" }, async (host) => {
        const application = await planTemplateApplication(host, risk);
        if (application.kind !== "existing") throw new Error(application.kind);
        await host.apply(application.plan);
      }),
    );
    expect(asTable[0].core).toEqual(plain[0].core);
  });

  test.each([1, 4, 7, 12])("a messy generated register (seed %i)", async (seed) => {
    const messy = await messyRiskRegister(seed);
    expectSame(await drawAndRecalculate(messy.bytes, "messy.xlsx"));
  });

  test("several registers drawn combined: one map whose counts are their sum", async () => {
    const wb = new ExcelJS.Workbook();
    for (const [k, seed] of [1, 6].entries()) {
      const src = new ExcelJS.Workbook();
      await src.xlsx.load((await generatedRegister(seed, "numbers", 30)) as unknown as ArrayBuffer);
      const ws = wb.addWorksheet(`Risks ${k + 1}`);
      src.worksheets[0].eachRow((row) => ws.addRow(row.values as ExcelJS.CellValue[]));
    }
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const each = expectSame(await drawAndRecalculate(bytes, "two.xlsx"));
    const combined = expectSame(await drawAndRecalculate(bytes, "two.xlsx", { combined: true }));
    expect(each).toHaveLength(2);
    expect(combined).toHaveLength(1);
    const sum = each[0].core.inherent.map((r, p) => r.map((c, i) => c + each[1].core.inherent[p][i]));
    expect(combined[0].core.inherent).toEqual(sum);
  });
});
