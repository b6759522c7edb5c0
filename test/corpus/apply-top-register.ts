/**
 * The register job as `pmo apply` runs it on a workbook's most certain
 * register: detect, plan its template, apply. Undefined when there is no
 * register or the plan is refused, so a corpus test can skip the file.
 */
import { builtInTemplate, templateForKind } from "../../src/core/templates/catalogue";
import type { Template } from "../../src/core/templates/schema";
import type { WorkbookHost } from "../../src/hosts/host";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { detectRegisters } from "../../src/jobs/registers/detect";

export async function applyTopRegister(host: WorkbookHost): Promise<{ sheet: string; template: Template } | undefined> {
  const top = (await detectRegisters(host)).sort((a, b) => b.confidence - a.confidence)[0];
  if (!top) return undefined;
  const template = builtInTemplate(top.templateId) ?? templateForKind(top.kind);
  const application = await planTemplateApplication(host, template, { sheet: top.sheet });
  if (application.kind === "refused") return undefined;
  await host.apply(application.plan);
  return { sheet: top.sheet, template };
}
