import * as React from "react";
import type { WorkbookHost, WorkbookOutline } from "../../hosts/host";
import { useHostRead } from "./useHostRead";

export interface WorkbookOutlineState {
  outline: WorkbookOutline | null;
  error: unknown;
  loading: boolean;
  /** Reads the workbook again (the user may have changed it in Excel). */
  reload: () => void;
}

/**
 * The workbook's outline, read again whenever `revision` changes (after an
 * apply or undo) or on reload. A read that finishes after a newer one started
 * is dropped, so a slow read never overwrites a fresher one.
 */
export function useWorkbookOutline(outlineOf: WorkbookHost["outline"], revision: number, onSettled?: () => void): WorkbookOutlineState {
  const read = React.useCallback(() => outlineOf({ previewRows: 0 }), [outlineOf]);
  const { value, ...rest } = useHostRead(read, revision, onSettled);
  return { outline: value, ...rest };
}
