/**
 * Band and Residual Band in the register: live formulas from the score to
 * the band's name on the workbook's band set and the register's own
 * matrix, coloured by conditional formatting; re-applying changes nothing;
 * a change of band set rewrites the toolkit's band formulas, never a
 * person's.
 */
import ExcelJS from "exceljs";
import { columnLetter } from "../../../../src/core/grid/address";
import { bandsForMatrix, RISK_BAND_SETS } from "../../../../src/core/risk/bands";
import { bandNameOfScore, spelledBandFormula } from "../../../../src/core/registers/band-columns";
import type { Edit } from "../../../../src/core/plan/edits";
import { builtInTemplate } from "../../../../src/core/templates/catalogue";
import type { Template } from "../../../../src/core/templates/schema";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { fractionRiskRegister, type FractionStyle } from "../fraction-register";
import { planTemplateApplication } from "../../../../src/jobs/registers/apply";

const risk = builtInTemplate("risk") as Template;

async function register(headers: string[], rows: (string | number | null)[][]): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Risks");
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return XlsxHost.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "risks.xlsx");
}

async function plan(host: XlsxHost) {
  const a = await planTemplateApplication(host, risk);
  if (a.kind !== "existing") throw new Error(a.kind === "refused" ? a.problem.message : a.kind);
  return a;
}

function addedColumn(edits: Edit[], header: string) {
  const add = edits.find((e) => e.type === "addTableColumns");
  return add?.type === "addTableColumns" ? add.columns.find((c) => c.header === header) : undefined;
}

function rulesOf(edits: Edit[], label: string) {
  return edits.flatMap((e) => (e.type === "replaceConditionalFormats" && e.label === label ? e.rules : []));
}

async function reopened(host: XlsxHost): Promise<XlsxHost> {
  return XlsxHost.open(await host.save(), "risks.xlsx");
}

describe("band formulas", () => {
  test("the thresholds and names are written into the formula, lowest band first", () => {
    const bands = [
      { name: "High", min: 10, max: 25, colour: "#FFC7CE" },
      { name: "Low", min: 1, max: 4, colour: "#C6EFCE" },
      { name: 'Say "mid"', min: 5, max: 9, colour: "#FFEB9C" },
    ];
    expect(spelledBandFormula("=BAND([score])", bands)).toBe('=IFERROR(LOOKUP([score],{1,5,10},{"Low","Say ""mid""","High"}),"")');
    expect(spelledBandFormula("=BAND([score])", [{ name: "[x]", min: 1, max: 2, colour: "#000000" }])).toBeUndefined();
    expect(spelledBandFormula("=[probability]*[impact]", bands)).toBeUndefined();
  });

  test("core names a score's band as LOOKUP does: the last band it reaches; nothing for text, blanks and scores under the lowest", () => {
    const bands = risk.scales?.bands ?? [];
    expect([1, 4, 4.5, 5, 16, 25, 40].map((s) => bandNameOfScore(bands, s))).toEqual(["Low", "Low", "Low", "Medium", "Critical", "Critical", "Critical"]);
    expect([0, -2, "", "12", null, Number.NaN].map((s) => bandNameOfScore(bands, s))).toEqual([null, null, null, null, null, null]);
  });
});

describe("Band and Residual Band in the register", () => {
  const headers = ["Risk ID", "Title", "Owner", "Probability", "Impact", "Status"];
  const rows = [
    ["R1", "Steel late", "Ann", "High", "High", "Open"],
    ["R2", "Rates rise", "Bo", "Low", "Medium", "Open"],
  ];

  test("a Low/Medium/High register's Band column names the bands of its own 1–9 scores, each coloured by its band", async () => {
    const host = await register(headers, rows);
    const { plan: p } = await plan(host);
    const band = addedColumn(p.edits, "Band");
    expect(band?.formula).toBe('=IFERROR(LOOKUP(RiskRegister[[#This Row],[Score]],{1,3,6,9},{"Low","Medium","High","Critical"}),"")');
    // The residual levels, added empty, are read on the inherent ones' scale, as the Residual Score's colours are.
    expect(addedColumn(p.edits, "Residual Band")?.formula).toBe('=IFERROR(LOOKUP(RiskRegister[[#This Row],[Residual Score]],{1,3,6,9},{"Low","Medium","High","Critical"}),"")');
    expect(rulesOf(p.edits, "Band")).toEqual([
      { kind: "cellValue", operator: "equal", formula1: '"Low"', fill: "#C6EFCE" },
      { kind: "cellValue", operator: "equal", formula1: '"Medium"', fill: "#FFEB9C" },
      { kind: "cellValue", operator: "equal", formula1: '"High"', fill: "#FFC7CE" },
      { kind: "cellValue", operator: "equal", formula1: '"Critical"', fill: "#FF0000" },
    ]);
    expect(rulesOf(p.edits, "Residual Band")).toHaveLength(4);
  });

  test("re-applying plans nothing: no second column, no second rule set", async () => {
    const host = await register(headers, rows);
    await host.apply((await plan(host)).plan);
    const again = await reopened(host);
    expect((await plan(again)).plan.edits).toEqual([]);
    const table = (await again.outline({ previewRows: 0 })).sheets[0].tables[0];
    expect(table.headers.filter((h) => /band/i.test(h))).toEqual(["Band", "Residual Band"]);
  });

  test("a change of band set rewrites the toolkit's band formulas and their colours, and a person's own Band column is kept", async () => {
    const host = await register(headers, rows);
    await host.apply((await plan(host)).plan);
    await host.apply({ title: "settings", edits: [{ type: "setMetadata", key: "settings", value: { riskBands: "npsa" } }] });
    const changed = await plan(await reopened(host));
    const rewrites = changed.plan.edits.filter((e) => e.type === "setCells");
    expect(rewrites.map((e) => (e.type === "setCells" ? e.label : ""))).toEqual(["Band: bands of the workbook's band set", "Residual Band: bands of the workbook's band set"]);
    const first = rewrites[0].type === "setCells" ? rewrites[0].cells[0][0] : null;
    // R1 is High × High, the top cell of its 3×3 matrix: the formula's cached result is the new set's top band.
    expect(first).toEqual({ formula: expect.stringContaining('{"Low","Moderate","High","Extreme"}'), result: "Extreme" });
    expect(rulesOf(changed.plan.edits, "Band").map((r) => (r.kind === "cellValue" ? r.formula1 : ""))).toEqual(['"Low"', '"Moderate"', '"High"', '"Extreme"']);

    const own = await register([...headers, "Risk Band"], rows.map((r, k) => [...r, k === 0 ? "Red" : "Green"]));
    const kept = await plan(own);
    expect(kept.plan.edits.filter((e) => e.type === "setCells" && e.sheet === "Risks")).toEqual([]);
    expect(addedColumn(kept.plan.edits, "Band")).toBeUndefined();
    expect(kept.notes.join("\n")).toMatch(/Risk Band \(column G\) holds typed values, not the Band formula/);
  });
});

describe("registers whose levels are fractions (PMBOK 0.1–0.9, percentages)", () => {
  const headers = ["Risk ID", "Title", "Probability", "Impact", "Status"];
  const rows = [
    ["R1", "Steel late", 0.7, 0.4, "Open"],
    ["R2", "Rates rise", 0.3, 0.05, "Open"],
    ["R3", "Key staff leave", 0.9, 0.1, "Open"],
  ];
  const probabilityLevel = (ref: string) => `IF(AND(NOT(ISLOGICAL(${ref})),${ref}*1>0,${ref}*1<=1),MATCH(${ref}*1,{0,0.2,0.4,0.6,0.8}),NA())`;
  const impactLevel = (ref: string) => `IF(AND(NOT(ISLOGICAL(${ref})),${ref}*1>0,${ref}*1<=1),MATCH(${ref}*1,{0,0.075,0.15,0.3,0.6}),NA())`;
  const names = '{"Low","Medium","High","Critical"}';

  test("the Score stays P × I over the values; the Band looks up the product of the levels on the band set", async () => {
    const { plan: p } = await plan(await register(headers, rows));
    expect(addedColumn(p.edits, "Score")?.formula).toBe("=RiskRegister[[#This Row],[Probability]]*RiskRegister[[#This Row],[Impact]]");
    const [prob, imp] = ["Probability", "Impact"].map((h) => `RiskRegister[[#This Row],[${h}]]`);
    expect(addedColumn(p.edits, "Band")?.formula).toBe(`=IFERROR(LOOKUP(${probabilityLevel(prob)}*${impactLevel(imp)},{1,5,10,16},${names}),"")`);
    // The residual levels, added empty, are read as the inherent ones are, so residual fractions typed later get their band.
    expect(addedColumn(p.edits, "Residual Band")?.formula).toContain("MATCH(RiskRegister[[#This Row],[Residual Probability]]*1,{0,0.2,0.4,0.6,0.8})");
  });

  test("the Score is coloured by the band its levels give, not by its value (0.28 is below every band's lowest score)", async () => {
    const { plan: p } = await plan(await register(headers, rows));
    const band = `IFERROR(LOOKUP(${probabilityLevel("$C2")}*${impactLevel("$D2")},{1,5,10,16},${names}),"")`;
    expect(rulesOf(p.edits, "Score")).toEqual([
      { kind: "expression", formula: `=${band}="Low"`, fill: "#C6EFCE" },
      { kind: "expression", formula: `=${band}="Medium"`, fill: "#FFEB9C" },
      { kind: "expression", formula: `=${band}="High"`, fill: "#FFC7CE" },
      { kind: "expression", formula: `=${band}="Critical"`, fill: "#FF0000" },
    ]);
    expect(rulesOf(p.edits, "Band").map((r) => (r.kind === "cellValue" ? r.formula1 : ""))).toEqual(['"Low"', '"Medium"', '"High"', '"Critical"']);
  });

  test("an impact in words beside fractions: the word is looked up on its scale inside the band's level product", async () => {
    const { plan: p } = await plan(await register(headers, rows.map((r, k) => [r[0], r[1], r[2], ["High", "Low", "Medium"][k], r[4]])));
    const f = addedColumn(p.edits, "Band")?.formula ?? "";
    expect(f).toContain("MATCH(RiskRegister[[#This Row],[Probability]]*1,{0,0.2,0.4,0.6,0.8})");
    expect(f).toMatch(/\*IF\(ISNUMBER\(RiskRegister\[\[#This Row\],\[Impact\]\]\),RiskRegister\[\[#This Row\],\[Impact\]\],INDEX\(/);
    // Five probability steps by three impact steps: the band set placed on a 5×3 matrix.
    const mins = bandsForMatrix(RISK_BAND_SETS.standard.bands, { probability: 5, impact: 3 }).map((b) => b.min);
    expect(mins).toEqual([1, 3, 6, 12]);
    expect(f).toContain(`{${mins.join(",")}},${names}`);
  });

  test("percentages typed as text (\"70%\", from a CSV or a text-formatted column) are fractions too, not a scale of their own", async () => {
    const { plan: p } = await plan(await register(headers, rows.map((r) => [r[0], r[1], `${Math.round(Number(r[2]) * 100)}%`, `${Number(r[3]) * 100}%`, r[4]])));
    expect(addedColumn(p.edits, "Band")?.formula).toContain("MATCH(RiskRegister[[#This Row],[Probability]]*1,{0,0.2,0.4,0.6,0.8})");
  });

  test("a stray 0 or a value over 1 leaves that cell without a level; the column is still read as fractions", async () => {
    const { plan: p } = await plan(await register(headers, [...rows, ["R4", "Typo", 1.5, 0, "Open"]]));
    expect(addedColumn(p.edits, "Band")?.formula).toContain("MATCH(");
  });

  test("re-applying plans nothing, and a change of band set rewrites the band formulas and the Score's colours", async () => {
    const host = await register(headers, rows);
    await host.apply((await plan(host)).plan);
    expect((await plan(await reopened(host))).plan.edits).toEqual([]);
    await host.apply({ title: "settings", edits: [{ type: "setMetadata", key: "settings", value: { riskBands: "npsa" } }] });
    const changed = await plan(await reopened(host));
    const rewrites = changed.plan.edits.filter((e) => e.type === "setCells");
    expect(rewrites.map((e) => (e.type === "setCells" ? e.label : ""))).toEqual(["Band: bands of the workbook's band set", "Residual Band: bands of the workbook's band set"]);
    expect(rewrites[0].type === "setCells" ? rewrites[0].cells[0][0] : null).toEqual({ formula: expect.stringMatching(/MATCH\(.*\{1,4,8,15\},\{"Low","Moderate","High","Extreme"\}/) });
    expect(rulesOf(changed.plan.edits, "Score").map((r) => (r.kind === "expression" ? r.formula.slice(-12) : ""))).toEqual(['="Low"', '="Moderate"', '="High"', '="Extreme"'].map((s) => expect.stringContaining(s)));
  });

  test("band formulas written over the score before (which gave fractions no band) are the toolkit's own: rewritten over the levels, not kept as a person's", async () => {
    const host = await register(headers, rows);
    await host.apply((await plan(host)).plan);
    const table = (await host.outline({ previewRows: 0 })).sheets[0].tables[0];
    const bandCol = columnLetter(table.headers.indexOf("Band") + 1);
    const overScore = '=IFERROR(LOOKUP(RiskRegister[[#This Row],[Score]],{1,5,10,16},{"Low","Medium","High","Critical"}),"")';
    await host.apply({ title: "as before", edits: [{ type: "setCells", sheet: "Risks", address: `${bandCol}2:${bandCol}4`, cells: [[{ formula: overScore }], [{ formula: overScore }], [{ formula: overScore }]] }] });
    const again = await plan(await reopened(host));
    const rewrites = again.plan.edits.filter((e) => e.type === "setCells");
    expect(rewrites.map((e) => (e.type === "setCells" ? `${e.address} ${e.label}` : ""))).toEqual([`${bandCol}2:${bandCol}4 Band: bands of the workbook's band set`]);
    expect(again.notes.join("\n")).not.toMatch(/own formula/i);
  });

  test.each<[FractionStyle, number]>([
    ["pmbok", 2],
    ["percent", 3],
    ["between", 5],
    ["wordImpact", 8],
    ["percentText", 6],
  ])("the package host (the CLI's and the playground's) plans nothing the second time on a generated %s register (seed %i)", async (style, seed) => {
    const made = await fractionRiskRegister(seed, style);
    const host = await PackageHost.open(made.bytes, "fractions.xlsx");
    const first = await planTemplateApplication(host, risk);
    if (first.kind !== "existing") throw new Error(first.kind);
    expect(first.plan.edits.some((e) => e.type === "replaceConditionalFormats" && e.rules.some((r) => r.kind === "expression"))).toBe(true);
    await host.apply(first.plan);
    const again = await planTemplateApplication(await PackageHost.open(await host.save(), "fractions.xlsx"), risk);
    expect(again.kind === "existing" ? again.plan.edits : again.kind).toEqual([]);
  });
});
