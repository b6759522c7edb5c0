import * as React from "react";
import type { Template } from "../../../core/templates/schema";
import type { FoundRegisters } from "./registerJobs";

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
  const [state, setState] = React.useState<{ found: FoundRegisters | null; error: unknown; loading: boolean }>({ found: null, error: null, loading: true });
  const [reloads, setReloads] = React.useState(0);
  const onSettledRef = React.useRef(onSettled);
  onSettledRef.current = onSettled;

  React.useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    find(imported).then(
      (found) => {
        if (!current) return;
        setState({ found, error: null, loading: false });
        onSettledRef.current?.();
      },
      (error: unknown) => {
        if (!current) return;
        setState({ found: null, error, loading: false });
        onSettledRef.current?.();
      },
    );
    return () => {
      current = false;
    };
  }, [find, imported, revision, reloads]);

  const reload = React.useCallback(() => setReloads((n) => n + 1), []);
  return { ...state, reload };
}
