import * as React from "react";
import type { PanelProps } from "./types";

/**
 * A panel whose code is a chunk of its own, fetched the first time the panel
 * opens (the pane shows a spinner meanwhile), so the pane's first download
 * does not grow with the number of panels.
 */
export function lazyPanel<M extends Record<K, React.ComponentType<PanelProps>>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): React.LazyExoticComponent<React.ComponentType<PanelProps>> {
  return React.lazy(async () => ({ default: (await load())[name] }));
}
