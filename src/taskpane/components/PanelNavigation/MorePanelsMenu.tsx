import * as React from "react";
import { Menu, MenuItemRadio, MenuList, MenuPopover, useIsOverflowItemVisible, type MenuProps } from "@fluentui/react-components";
import type { NavigationEntry, PanelNavigationProps } from "./PanelNavigation.types";

/** A menu entry for a panel whose tab did not fit; nothing while its tab is visible. */
function OverflowEntry({ entry }: { entry: NavigationEntry }): React.JSX.Element | null {
  const visible = useIsOverflowItemVisible(entry.id);
  if (visible) return null;
  return (
    <MenuItemRadio name="panel" value={entry.id} icon={entry.icon} data-panel={entry.id}>
      {entry.label}
    </MenuItemRadio>
  );
}

export interface MorePanelsMenuProps extends Pick<PanelNavigationProps, "entries" | "selected" | "onSelect"> {
  open: boolean;
  /** The More button: the menu opens under it, and focus goes back to it when the menu closes from inside. */
  target: HTMLElement | null;
  onClose: () => void;
}

/**
 * The More menu's list of panels. A chunk of its own, fetched when More is
 * first pressed: Fluent's menu and its positioning are a large part of what
 * the pane would otherwise download before its first panel can be used.
 * Opened without a MenuTrigger (the button lives in the tab strip, loaded
 * with the pane), so focus goes back to the button here when it closes.
 */
export function MorePanelsMenu({ open, target, entries, selected, onSelect, onClose }: MorePanelsMenuProps): React.JSX.Element {
  const list = React.useRef<HTMLDivElement>(null);
  const wasOpen = React.useRef(open);
  React.useEffect(() => {
    if (wasOpen.current && !open) {
      const active = document.activeElement;
      if (active === null || active === document.body || list.current?.contains(active)) target?.focus();
    }
    wasOpen.current = open;
  }, [open, target]);
  const onCheckedValueChange: MenuProps["onCheckedValueChange"] = (_, data) => {
    const id = data.checkedItems[0];
    if (id) onSelect(id);
  };
  return (
    <Menu
      open={open}
      onOpenChange={(_, data) => (data.open ? undefined : onClose())}
      positioning={{ target }}
      hasIcons
      hasCheckmarks
      checkedValues={{ panel: [selected] }}
      onCheckedValueChange={onCheckedValueChange}
    >
      <MenuPopover>
        <MenuList ref={list} aria-label="More panels">
          {entries.map((entry) => (
            <OverflowEntry key={entry.id} entry={entry} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
