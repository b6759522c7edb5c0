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
