/**
 * Who is told of a file's cell changes. A file changes only through plans
 * (the playground's cell edits are plans too), so each apply raises the cells
 * its edits write, as Excel raises WorksheetChanged for its API's writes.
 */
import { formatRange, parseRange } from "../../core/grid/address";
import type { Plan } from "../../core/plan/plan";
import type { CellsChanged, StopListening } from "../host";

export class PlanChangeListeners {
  private readonly listeners = new Set<(change: CellsChanged) => void>();

  add(listener: (change: CellsChanged) => void): StopListening {
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /** Raises the cells each edit of `plan` writes, on its sheet as `spell` names it (as the workbook spells it). */
  tell(plan: Plan, spell: (sheet: string) => string): void {
    for (const e of plan.edits) {
      if (!("address" in e) || !("sheet" in e)) continue;
      const range = parseRange(e.address);
      if (range) for (const listener of [...this.listeners]) listener({ sheet: spell(e.sheet), address: formatRange(range) });
    }
  }
}
