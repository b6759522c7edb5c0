import type * as React from "react";

/** One entry of the navigation: what a panel shows of itself there. */
export interface NavigationEntry {
  /** Stable id: the tab's value, element ids and tests use it. */
  id: string;
  /** Tab and menu text. */
  label: string;
  /** A Fluent icon element. */
  icon: React.ReactElement;
}

export interface PanelNavigationProps {
  /** Every panel, in order; those that do not fit the width are offered under More. */
  entries: readonly NavigationEntry[];
  /** The open panel's id: always kept visible in the tab strip. */
  selected: string;
  onSelect: (id: string) => void;
  /** Names the navigation landmark. @default "Jobs" */
  label?: string;
}

/** The element id of an entry's tab, which the open panel is labelled by. */
export const tabId = (id: string): string => `pane-tab-${id}`;
/** The element id of the open panel's region. */
export const panelId = (id: string): string => `pane-panel-${id}`;
