import * as React from "react";
import type { CellsChanged, WorkbookHost } from "../../../hosts/host";

/** Quiet time after the last edit before checking again: typing a row is one check, not one per cell. */
export const RECHECK_DELAY_MS = 800;

/**
 * While the Checks panel is open, edits to the sheets its registers are on
 * (typing, paste, fill in Excel; cell edits in the playground) check the
 * workbook again once the person pauses. Hosts that cannot report changes
 * leave "Check again" to the person.
 */
export function useCheckAfterEdits(host: WorkbookHost, sheets: readonly string[], checkAgain: () => void, delay = RECHECK_DELAY_MS): void {
  const watched = React.useRef(new Set<string>());
  watched.current = new Set(sheets.map((s) => s.toLowerCase()));
  const checkRef = React.useRef(checkAgain);
  checkRef.current = checkAgain;

  React.useEffect(() => {
    if (!host.onCellsChanged) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => Promise<void>) | undefined;
    let live = true;
    const heard = (change: CellsChanged) => {
      if (!watched.current.has(change.sheet.toLowerCase())) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => live && checkRef.current(), delay);
    };
    host.onCellsChanged(heard).then(
      (s) => {
        if (live) stop = s;
        else void s();
      },
      // Without events (an Excel before ExcelApi 1.9) the panel still checks on request.
      () => undefined,
    );
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      void stop?.();
    };
  }, [host, delay]);
}
