import { evaluateTemplateFormula, operandOf } from "../../../src/core/registers/computed";

describe("core's Score preview reads operands as Excel's arithmetic does", () => {
  it("reads a percentage typed as text as its fraction", () => {
    expect(evaluateTemplateFormula("=[probability]*[impact]", { probability: "20%", impact: "40%" })).toBeCloseTo(0.08, 12);
    expect(evaluateTemplateFormula("=[probability]*[impact]", { probability: " 70% ", impact: 0.4 })).toBeCloseTo(0.28, 12);
    expect(operandOf("7.5%")).toBeCloseTo(0.075, 12);
    expect(operandOf("-5%")).toBeCloseTo(-0.05, 12);
  });

  it("gives no value for text that is not a number, with or without a %", () => {
    for (const t of ["%", "TBC", "20 percent", "20%%", "%20", "+", "e5", "."]) expect(operandOf(t)).toBeNull();
  });

  it("keeps TRUE as 1 and blank as 0, as the Score formula computes them", () => {
    expect(evaluateTemplateFormula("=[probability]*[impact]", { probability: true, impact: 0.4 })).toBe(0.4);
    expect(evaluateTemplateFormula("=[probability]*[impact]", { probability: null, impact: 0.4 })).toBe(0);
  });
});
