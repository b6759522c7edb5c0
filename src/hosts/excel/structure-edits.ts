import { isChartEdit } from "../../core/plan/edit-kinds";
import type { Edit } from "../../core/plan/edits";

/**
 * Edits that change which sheets exist or how they show: never inside an undo
 * group (Worksheet.delete, Worksheet.visibility). Charts go with them: the
 * undo page's list of APIs without undo support names chart members, and one
 * that turned out to be among them would fail the whole group. Its own module
 * so the host can say what Ctrl+Z will not cover without loading the apply
 * machinery.
 */
export function isStructureEdit(e: Edit): boolean {
  return e.type === "addSheet" || e.type === "deleteSheet" || isChartEdit(e);
}
