import * as React from "react";
import type { PanelDefinition, PanelProps } from "./types";

/** A lazy panel that can also be asked to start fetching its code early. */
export type LazyPanel = React.LazyExoticComponent<React.ComponentType<PanelProps>> & { preload: () => void };

/**
 * A panel whose code is a chunk of its own, fetched the first time the panel
 * opens (the pane shows a spinner meanwhile), so the pane's first download
 * does not grow with the number of panels.
 */
export function lazyPanel<M extends Record<K, React.ComponentType<PanelProps>>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyPanel {
  let loading: Promise<M> | null = null;
  // One fetch shared by preload and render; a failed one is forgotten so the next opening tries again.
  const once = () =>
    (loading ??= load().catch((e: unknown) => {
      loading = null;
      throw e;
    }));
  const component: React.LazyExoticComponent<React.ComponentType<PanelProps>> = React.lazy(async () => ({ default: (await once())[name] }));
  return Object.assign(component, { preload: () => void once().catch(() => undefined) });
}

/**
 * Starts fetching a panel's code before it renders (the pane's first panel,
 * while the Excel host is still arriving). Panels that are not lazyPanel
 * simply load when they render.
 */
export function preloadPanel(panel: PanelDefinition | undefined): void {
  (panel?.component as Partial<LazyPanel> | undefined)?.preload?.();
}
