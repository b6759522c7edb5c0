import * as React from "react";
import type { Template } from "../../../core/templates/schema";
import type { FoundRegisters } from "./registerJobs";
import { useHostRead } from "../../hooks/useHostRead";

export interface RegistersState {
  found: FoundRegisters | null;
  error: unknown;
  /** True while a read is under way; the last result stays shown meanwhile. */
  loading: boolean;
  reload: () => void;
}

/**
 * The registers in the workbook and their drift, read again after every apply
 * or undo (`revision`), on Refresh, and when a template is imported. The last
 * result stays on screen while the next read runs, so Undo and the apply
 * message do not vanish under a spinner; a read overtaken by a newer one is dropped.
 */
export function useRegisters(find: (imported: readonly Template[]) => Promise<FoundRegisters>, imported: readonly Template[], revision: number, onSettled?: () => void): RegistersState {
  const read = React.useCallback(() => find(imported), [find, imported]);
  const { value, ...rest } = useHostRead(read, revision, onSettled);
  return { found: value, ...rest };
}
