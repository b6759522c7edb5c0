/**
 * The signal that the pane is interactive: `document.body.dataset.paneReady`
 * becomes "true" once the first panel has its data and its controls can be
 * used. A benchmark measures navigation → interactive as
 * `performance.getEntriesByName("pmo:pane-ready")[0].startTime`, or waits for
 * `body[data-pane-ready="true"]` and reads `performance.now()`.
 */
export const PANE_READY_MARK = "pmo:pane-ready";

export function markPaneReady(): void {
  if (typeof document === "undefined" || document.body.dataset.paneReady === "true") return;
  document.body.dataset.paneReady = "true";
  if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark(PANE_READY_MARK);
}
