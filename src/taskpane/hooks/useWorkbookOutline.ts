import * as React from "react";
import type { WorkbookHost, WorkbookOutline } from "../../hosts/host";

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
  const [state, setState] = React.useState<{ outline: WorkbookOutline | null; error: unknown; loading: boolean }>({ outline: null, error: null, loading: true });
  const [reloads, setReloads] = React.useState(0);
  const onSettledRef = React.useRef(onSettled);
  onSettledRef.current = onSettled;

  React.useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    outlineOf({ previewRows: 0 }).then(
      (outline) => {
        if (!current) return;
        setState({ outline, error: null, loading: false });
        onSettledRef.current?.();
      },
      (error: unknown) => {
        if (!current) return;
        setState({ outline: null, error, loading: false });
        onSettledRef.current?.();
      },
    );
    return () => {
      current = false;
    };
  }, [outlineOf, revision, reloads]);

  const reload = React.useCallback(() => setReloads((n) => n + 1), []);
  return { ...state, reload };
}
