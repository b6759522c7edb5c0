import ExcelJS from "exceljs";
import { builtInTemplate } from "../../../../src/core/templates/catalogue";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { planTemplateApplication } from "../../../../src/jobs/registers/apply";
import { validateWorkbook } from "../../../../src/jobs/validation/validate";

async function register(levels: [string | number, string | number][]): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.addRow(["Risk ID", "Title", "Description", "Owner", "Probability", "Impact", "Response", "Status"]);
  levels.forEach(([p, i], k) => ws.addRow([`R${k + 1}`, `Risk ${k + 1}`, "Cause, event, effect", k === 0 ? null : "Ann", p, i, k === 0 ? null : "Reduce", "Open"]));
  return XlsxHost.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "risks.xlsx");
}

function scoreRules(application: Awaited<ReturnType<typeof planTemplateApplication>>) {
  if (application.kind !== "existing") throw new Error(application.kind);
  const add = application.plan.edits.find((e) => e.type === "addTableColumns");
  const scoreColumn = add?.type === "addTableColumns" ? add.columns.findIndex((c) => c.header === "Score") : -1;
  expect(scoreColumn).toBeGreaterThanOrEqual(0);
  return application.plan.edits.filter((e) => e.type === "replaceConditionalFormats" && e.label === "Score").flatMap((e) => (e.type === "replaceConditionalFormats" ? e.rules : []));
}

describe("score bands in the register follow its matrix", () => {
  test("a Low/Medium/High register's Score is coloured on 1–9: High × High (9) is Critical", async () => {
    const host = await register([["High", "High"], ["Low", "Medium"], ["Medium", "Low"]]);
    const rules = scoreRules(await planTemplateApplication(host, builtInTemplate("risk") ?? (undefined as never)));
    expect(rules.map((r) => (r.kind === "cellValue" ? [r.formula1, r.formula2, r.fill] : []))).toEqual([
      ["1", "2", "#C6EFCE"],
      ["3", "5", "#FFEB9C"],
      ["6", "8", "#FFC7CE"],
      ["9", "9", "#FF0000"],
    ]);
  });

  test("a 1–5 register keeps the published bands; the workbook's NPSA set colours it instead when chosen", async () => {
    const host = await register([[5, 5], [1, 2]]);
    const rules = scoreRules(await planTemplateApplication(host, builtInTemplate("risk") ?? (undefined as never)));
    expect(rules.map((r) => (r.kind === "cellValue" ? [r.formula1, r.formula2] : []))).toEqual([["1", "4"], ["5", "9"], ["10", "15"], ["16", "25"]]);
    await host.apply({ title: "settings", edits: [{ type: "setMetadata", key: "settings", value: { riskBands: "npsa" } }] });
    const npsa = scoreRules(await planTemplateApplication(host, builtInTemplate("risk") ?? (undefined as never)));
    expect(npsa.map((r) => (r.kind === "cellValue" ? [r.formula1, r.formula2] : []))).toEqual([["1", "3"], ["4", "7"], ["8", "14"], ["15", "25"]]);
  });

  test("validation names High × High on a Low/Medium/High register a Critical risk that needs an owner and a response", async () => {
    const host = await register([["High", "High"], ["Low", "Low"]]);
    const report = await validateWorkbook(host, { today: new Date("2026-06-01") });
    const high = report.findings.filter((f) => f.rule === "high-risk-owner");
    expect(high.map((f) => f.cell)).toEqual(["D2", "G2"]);
    expect(high[0].message).toMatch(/critical risk/i);
  });
});

describe("a PMBOK register (levels as fractions) is banded on its levels in validation too", () => {
  test("0.9 × 0.8 (levels 5 × 5) is a Critical risk that needs an owner and a response; 0.1 × 0.05 is not; 1.5 is off the 0–1 scale", async () => {
    const host = await register([[0.9, 0.8], [0.1, 0.05], [1.5, 0.4], [0.5, 0.2]]);
    const report = await validateWorkbook(host, { today: new Date("2026-06-01") });
    const high = report.findings.filter((f) => f.rule === "high-risk-owner");
    expect(high.map((f) => f.cell)).toEqual(["D2", "G2"]);
    expect(high[0].message).toMatch(/critical risk/i);
    expect(report.findings.filter((f) => f.rule === "type").map((f) => f.cell)).toEqual(["E4"]);
  });
});
