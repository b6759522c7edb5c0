import { TemplateSchema } from "../../../../src/core/templates/schema";
import { templateForKind } from "../../../../src/core/templates/catalogue";
import { validateRegister, type RegisterRows } from "../../../../src/core/validate";
import { RISK_BAND_SETS } from "../../../../src/core/metadata/settings";

const settings = { today: 46000, bands: RISK_BAND_SETS.standard.bands, currency: "GBP", varianceAmberPercent: 5 };

function rows(template = templateForKind("issue"), onTemplate = true): RegisterRows {
  const cell = (value: string | number | null) => ({ value, format: "General", formula: null });
  return {
    sheet: "Issues",
    kind: "issue",
    template,
    onTemplate,
    columns: { id: "A", description: "B", priority: "C", status: "D", owner: "E" },
    headers: { id: "ID", description: "Description", priority: "Priority", status: "Status", owner: "Owner" },
    rows: [
      { row: 5, cells: { id: cell("I-1"), description: cell("Server down"), priority: cell("Very High"), status: cell("In progeress"), owner: cell(null) } },
      { row: 6, cells: { id: cell("I-2"), description: cell("Late delivery"), priority: cell("Low"), status: cell("Open"), owner: cell(null) } },
    ],
  };
}

describe("a template's own rules", () => {
  test("are checked by zod: an unknown check is refused with its path", () => {
    const parsed = TemplateSchema.safeParse({ ...templateForKind("issue"), rules: [{ id: "x", field: "owner", check: "eval", code: "1" }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["rules", 0, "check"]);
  });

  test("run after the column rules, only where their condition holds", () => {
    const template = TemplateSchema.parse({
      ...templateForKind("issue"),
      rules: [{ id: "owner-for-urgent", field: "owner", check: "required", when: { field: "priority", equals: ["very high", "High"] }, severity: "error", message: "Urgent issues need an owner." }],
    });
    const findings = validateRegister(rows(template), settings);
    expect(findings.map((f) => [f.cell, f.rule, f.severity, f.message])).toEqual([
      ["D5", "allowed", "error", "Status “In progeress” is not one of the allowed values (Open, In progress, Closed). Did you mean “In progress”?"],
      ["E5", "custom:owner-for-urgent", "error", "Urgent issues need an owner."],
    ]);
  });

  test("a register not yet on the template gets its own vocabulary as warnings", () => {
    expect(validateRegister(rows(templateForKind("issue"), false), settings).map((f) => f.severity)).toEqual(["warning"]);
  });
});

describe("rows that are not records of their own", () => {
  const cell = (value: string | number | null) => ({ value, format: "General", formula: null });
  const risk = templateForKind("risk");
  const register = (rows: RegisterRows["rows"]): RegisterRows => ({
    sheet: "Risks",
    kind: "risk",
    template: risk,
    onTemplate: false,
    columns: { id: "A", description: "B", probability: "C", impact: "D", mitigation: "E", status: "F" },
    headers: {},
    rows,
  });

  test("a row numbered in advance and a second line of the plan above raise nothing; a half-filled record does", () => {
    const findings = validateRegister(
      register([
        { row: 2, cells: { id: cell("R-1"), description: cell("Supplier late"), probability: cell(2), impact: cell(3), mitigation: cell("1. chase weekly"), status: cell("Open") } },
        { row: 3, cells: { id: cell(null), description: cell(null), probability: cell(null), impact: cell(null), mitigation: cell("2. second source"), status: cell(null) } },
        { row: 4, cells: { id: cell("R-2"), description: cell(null), probability: cell(null), impact: cell(null), mitigation: cell(null), status: cell(null) } },
        { row: 5, cells: { id: cell("R-3"), description: cell(null), probability: cell(4), impact: cell(null), mitigation: cell(null), status: cell("Open") } },
      ]),
      settings,
    );
    expect(findings.map((f) => `${f.cell} ${f.rule}`)).toEqual(["B5 required", "D5 required"]);
  });
});
