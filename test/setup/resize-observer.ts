/**
 * jsdom has no layout and no ResizeObserver; Fluent's overflow (the pane's
 * navigation) needs the observer to exist and, with nothing measured, shows
 * every tab. The browser tests cover the real overflow.
 */
if (typeof window !== "undefined" && typeof (globalThis as { ResizeObserver?: unknown }).ResizeObserver === "undefined") {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
