import { WorkbookError, type ApplyResult, type Progress } from "../host";
import type { Plan } from "../../core/plan/plan";
import type { XlsxHost } from "./xlsx-host";

/** Applying plans is being built; until then the host refuses every plan without touching the workbook. */
export async function applyPlan(host: XlsxHost, plan: Plan, progress?: Progress): Promise<ApplyResult> {
  void plan;
  void progress;
  throw new WorkbookError(`Applying plans to “${host.fileName}” is not available yet.`, { file: host.fileName });
}
