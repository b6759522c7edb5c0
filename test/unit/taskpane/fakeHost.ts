/**
 * A WorkbookHost for component tests: an outline set by the test, applies
 * recorded, and each apply's progress and completion driven step by step.
 */
import type { ApplyResult, Grid, Progress, WorkbookHost, WorkbookOutline } from "../../../src/hosts/host";
import { emptyMetadata } from "../../../src/core/metadata/schema";
import { plan, type Plan } from "../../../src/core/plan/plan";

export function outlineOf(partial: Partial<WorkbookOutline> = {}): WorkbookOutline {
  return { name: "Test.xlsx", sheets: [], metadata: emptyMetadata(), metadataIssues: [], ...partial };
}

interface PendingApply {
  plan: Plan;
  progress?: Progress;
  resolve: (r: ApplyResult) => void;
  reject: (e: unknown) => void;
}

export class FakeHost implements WorkbookHost {
  applied: Plan[] = [];
  pending: PendingApply[] = [];
  outlineCalls = 0;
  /** When false, apply waits until the test calls finish() or fail(). */
  autoFinish = true;
  excelUndoGroup = false;

  constructor(public current: WorkbookOutline = outlineOf()) {}

  async outline(): Promise<WorkbookOutline> {
    this.outlineCalls++;
    return this.current;
  }

  async read(sheet: string, address: string): Promise<Grid> {
    return { sheet, address, values: [], formulas: [], numberFormats: [] };
  }

  apply(p: Plan, progress?: Progress): Promise<ApplyResult> {
    return new Promise<ApplyResult>((resolve, reject) => {
      this.pending.push({ plan: p, progress, resolve, reject });
      if (this.autoFinish) this.finish();
    });
  }

  /** Reports progress on the oldest pending apply. */
  report(done: number, total: number): void {
    this.pending[0]?.progress?.(done, total);
  }

  finish(): void {
    const next = this.pending.shift();
    if (!next) throw new Error("no apply is pending");
    this.applied.push(next.plan);
    next.resolve({ editsApplied: next.plan.edits.length, undo: { excelUndoGroup: this.excelUndoGroup, inverse: plan(`Undo ${next.plan.title}`, [{ type: "setMetadata", key: "undoMarker", value: next.plan.title }]) } });
  }

  fail(error: unknown): void {
    const next = this.pending.shift();
    if (!next) throw new Error("no apply is pending");
    next.reject(error);
  }
}
