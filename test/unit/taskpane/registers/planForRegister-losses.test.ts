import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { builtInTemplate } from "../../../../src/core/templates/catalogue";
import { detectRegisters } from "../../../../src/jobs/registers/detect";
import { planForRegister } from "../../../../src/taskpane/panels/registers/registerJobs";
import { registerBesideArrayFormula } from "../../hosts/xlsx/array-formula-workbook";

test("the pane's plan for a chosen register names in its notes what saving would not keep", async () => {
  const host = await XlsxHost.open(await registerBesideArrayFormula(), "risks.xlsx");
  const template = builtInTemplate("risk");
  if (!template) throw new Error("the risk template is built in");
  const [register] = (await detectRegisters(host)).filter((r) => r.kind === "risk");
  const result = await planForRegister(host, register, template, { confirmed: false });
  expect(result.kind).toBe("existing");
  if (result.kind === "refused") return;
  expect(result.notes).toContainEqual(expect.stringMatching(/sheet “Risks”, F5:G5: .*array formula in F5/));
});
