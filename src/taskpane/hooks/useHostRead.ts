import * as React from "react";

export interface HostReadState<T> {
  value: T | null;
  error: unknown;
  /** True while a read is under way; the last result stays shown meanwhile. */
  loading: boolean;
  /** Reads again (the user may have changed the workbook in Excel). */
  reload: () => void;
}

/**
 * A read from the workbook that runs again whenever `read` or `revision`
 * changes (after an apply or undo) or on reload. A read that finishes after a
 * newer one started is dropped, so a slow read never overwrites a fresher one;
 * `onSettled` runs after each read lands, successful or not.
 */
export function useHostRead<T>(read: () => Promise<T>, revision: number, onSettled?: () => void): HostReadState<T> {
  const [state, setState] = React.useState<{ value: T | null; error: unknown; loading: boolean }>({ value: null, error: null, loading: true });
  const [reloads, setReloads] = React.useState(0);
  const onSettledRef = React.useRef(onSettled);
  onSettledRef.current = onSettled;

  React.useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    read().then(
      (value) => {
        if (!current) return;
        setState({ value, error: null, loading: false });
        onSettledRef.current?.();
      },
      (error: unknown) => {
        if (!current) return;
        setState({ value: null, error, loading: false });
        onSettledRef.current?.();
      },
    );
    return () => {
      current = false;
    };
  }, [read, revision, reloads]);

  const reload = React.useCallback(() => setReloads((n) => n + 1), []);
  return { ...state, reload };
}
