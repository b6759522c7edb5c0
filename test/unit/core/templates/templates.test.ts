import { BUILT_IN_TEMPLATES, DEFAULT_RISK_SCALES, builtInTemplate } from "../../../../src/core/templates/catalogue";
import { exportTemplate, parseTemplateFile } from "../../../../src/core/templates/custom";
import { TEMPLATE_KINDS, TemplateSchema } from "../../../../src/core/templates/schema";

describe("the built-in catalogue", () => {
  test("every built-in template passes its own schema", () => {
    for (const t of BUILT_IN_TEMPLATES) expect(TemplateSchema.safeParse(t).success).toBe(true);
  });

  test("covers every register kind, and RAID in both forms", () => {
    expect(new Set(BUILT_IN_TEMPLATES.map((t) => t.kind))).toEqual(new Set(TEMPLATE_KINDS));
    expect(BUILT_IN_TEMPLATES.filter((t) => t.kind === "raid").map((t) => t.variant)).toEqual(["single", "risks", "assumptions", "issues", "dependencies"]);
    expect(builtInTemplate("raid")?.columns.map((c) => c.id)).toContain("type");
    expect(builtInTemplate("raid-dependencies")?.columns.map((c) => c.id)).toEqual(expect.arrayContaining(["direction", "provider", "receiver"]));
  });

  test("holds the canonical risk fields of the PMO reference", () => {
    const ids = builtInTemplate("risk")?.columns.map((c) => c.id);
    for (const f of ["id", "title", "description", "category", "type", "owner", "actionee", "dateRaised", "probability", "impact", "score", "response", "mitigation", "contingency", "proximity", "residualProbability", "residualImpact", "residualScore", "status", "reviewDate", "dateClosed", "trend"]) {
      expect(ids).toContain(f);
    }
  });

  test("column ids and headers are unique within each template", () => {
    for (const t of BUILT_IN_TEMPLATES) {
      expect(new Set(t.columns.map((c) => c.id)).size).toBe(t.columns.length);
      expect(new Set(t.columns.map((c) => c.header.toLowerCase())).size).toBe(t.columns.length);
    }
  });

  test("risk scale defaults: 1–5 with descriptors, bands Low 1–4 / Medium 5–9 / High 10–15 / Critical 16–25", () => {
    expect(DEFAULT_RISK_SCALES.probability.levels.map((l) => l.label)).toEqual(["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]);
    expect(DEFAULT_RISK_SCALES.bands.map((b) => [b.name, b.min, b.max])).toEqual([
      ["Low", 1, 4],
      ["Medium", 5, 9],
      ["High", 10, 15],
      ["Critical", 16, 25],
    ]);
  });

  test("the score formula is written with canonical ids", () => {
    expect(builtInTemplate("risk")?.columns.find((c) => c.id === "score")?.formula).toBe("=[probability]*[impact]");
  });
});

describe("custom template files", () => {
  test("a template extending risk adds a column, renames a header and changes allowed values", () => {
    const r = parseTemplateFile(
      JSON.stringify({
        extends: "risk",
        id: "acme-risk",
        version: "2.1.0",
        columns: [
          { id: "status", header: "Risk Status", allowedValues: ["Open", "Monitoring", "Closed"] },
          { id: "costExposure", header: "Cost Exposure", type: "currency", formula: "=[score]*1000" },
        ],
        removeColumns: ["trend"],
      }),
      "acme.json",
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.kind).toBe("risk");
    expect(r.value.columns.find((c) => c.id === "status")).toMatchObject({ header: "Risk Status", allowedValues: ["Open", "Monitoring", "Closed"], type: "list" });
    expect(r.value.columns[r.value.columns.length - 1].id).toBe("costExposure");
    expect(r.value.columns.some((c) => c.id === "trend")).toBe(false);
    expect(r.value.scales).toEqual(DEFAULT_RISK_SCALES);
  });

  test("a whole template without extends parses", () => {
    const r = parseTemplateFile(
      JSON.stringify({ id: "actions", kind: "raid", name: "Action log", version: "1.0.0", columns: [{ id: "id", header: "Ref", type: "text" }, { id: "action", header: "Action", type: "text", required: true }] }),
      "actions.json",
    );
    expect(r.ok).toBe(true);
  });

  test("export then parse gives the same template, for every built-in", () => {
    for (const t of BUILT_IN_TEMPLATES) {
      const back = parseTemplateFile(exportTemplate(t), `${t.id}.json`);
      expect(back).toEqual({ ok: true, value: t });
    }
  });

  const bad: [string, string][] = [
    ["not JSON", "{ id: risk"],
    ["unknown column type", JSON.stringify({ id: "x", kind: "risk", name: "X", version: "1.0.0", columns: [{ id: "a", header: "A", type: "text" }, { id: "b", header: "B", type: "text" }, { id: "c", header: "C", type: "text" }, { id: "d", header: "D", type: "dropdown" }] })],
    ["unknown kind and bad version", JSON.stringify({ id: "x", kind: "risks", name: "X", version: "1.0", columns: [{ id: "a", header: "A", type: "text" }] })],
    ["extends an unknown template", JSON.stringify({ extends: "riks", id: "x" })],
    ["a header used twice and a formula naming a missing column", JSON.stringify({ extends: "risk", id: "x", columns: [{ id: "extra", header: "Extra", type: "number", formula: "=[probabilty]*2" }, { id: "extra2", header: "Score", type: "number" }] })],
    ["a new column without a type, allowed values on a date", JSON.stringify({ extends: "issue", id: "x", columns: [{ id: "newField", header: "New" }, { id: "targetDate", allowedValues: ["soon"] }] })],
    ["overlapping bands", JSON.stringify({ extends: "risk", id: "x", scales: { ...DEFAULT_RISK_SCALES, bands: [{ name: "Low", min: 1, max: 5, colour: "#00FF00" }, { name: "High", min: 5, max: 25, colour: "#FF0000" }] } })],
    ["a misspelt key", JSON.stringify({ extends: "risk", id: "x", colums: [] })],
    ["two columns with one id", JSON.stringify({ id: "x", kind: "decision", name: "X", version: "1.0.0", columns: [{ id: "id", header: "ID", type: "text" }, { id: "id", header: "Ref", type: "text" }] })],
    ["missing name and version without extends", JSON.stringify({ id: "x", kind: "issue", columns: [{ id: "id", header: "ID", type: "text" }] })],
  ];

  test.each(bad)("rejects %s with messages that point at the field", (_name, text) => {
    const r = parseTemplateFile(text, "bad.json");
    expect(r.ok).toBe(false);
  });

  test("the messages for bad templates", () => {
    const messages = Object.fromEntries(bad.map(([name, text]) => {
      const r = parseTemplateFile(text, "bad.json");
      return [name, r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)];
    }));
    expect(messages).toMatchInlineSnapshot(`
{
  "a header used twice and a formula naming a missing column": [
    "columns[1].header: "Score" is also the header of column "score"; Excel tables need unique headers",
    "columns[0].formula: [probabilty] is not a column of this template",
  ],
  "a misspelt key": [
    ": unknown key "colums"; check the spelling",
  ],
  "a new column without a type, allowed values on a date": [
    "columns[0].type: is missing (a new column needs id, header and type)",
    "columns[1].allowedValues: allowed values need type "list" or "level", not "date"",
  ],
  "extends an unknown template": [
    "extends: "riks" is not a built-in template; use one of risk, issue, raid, raid-risks, raid-assumptions, raid-issues, raid-dependencies, change, decision, lessons, benefits, stakeholder, milestone, budget, evm, ledger",
  ],
  "missing name and version without extends": [
    "name: is missing (needed unless the template "extends" a built-in one)",
    "version: is missing (needed unless the template "extends" a built-in one)",
  ],
  "not JSON": [
    ": bad.json is not valid JSON (Expected property name or '}' in JSON at position 2); check for a missing comma or quote",
  ],
  "overlapping bands": [
    "scales.bands[1]: band "High" overlaps band "Low"",
  ],
  "two columns with one id": [
    "columns[1].id: "id" is used by two columns; ids must be unique",
  ],
  "unknown column type": [
    "columns[3].type: "dropdown" is not a column type; use one of text, number, integer, level, percent, currency, date, list",
  ],
  "unknown kind and bad version": [
    "kind: "risks" is not a register kind; use one of risk, issue, raid, change, decision, lessons, benefits, stakeholder, milestone, budget, evm, ledger",
    "version: "1.0": versions are semver, e.g. 1.0.0",
  ],
}
`);
  });
});
