import * as React from "react";
import {
  Button,
  Menu,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Overflow,
  OverflowItem,
  Tab,
  TabList,
  useIsOverflowItemVisible,
  useOverflowMenu,
  type MenuProps,
} from "@fluentui/react-components";
import { MoreHorizontalRegular } from "@fluentui/react-icons";
import { panelId, tabId, type NavigationEntry, type PanelNavigationProps } from "./PanelNavigation.types";
import { usePanelNavigationStyles } from "./usePanelNavigationStyles.styles";

/** The open panel outranks the others, so it never goes into the More menu. */
const SELECTED_PRIORITY = 2;
const OTHER_PRIORITY = 1;

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

/** "More": the panels whose tabs do not fit the pane's width. Hidden when all fit. */
function MoreMenu({ entries, selected, onSelect }: Pick<PanelNavigationProps, "entries" | "selected" | "onSelect">): React.JSX.Element | null {
  const styles = usePanelNavigationStyles();
  const { ref, isOverflowing, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  const onCheckedValueChange: MenuProps["onCheckedValueChange"] = (_, data) => {
    const id = data.checkedItems[0];
    if (id) onSelect(id);
  };
  if (!isOverflowing) return null;
  return (
    <Menu hasIcons hasCheckmarks checkedValues={{ panel: [selected] }} onCheckedValueChange={onCheckedValueChange}>
      <MenuTrigger disableButtonEnhancement>
        {/* role="tab" puts it in the tab list's arrow-key order, as Fluent's overflow example does. */}
        <Button
          ref={ref}
          role="tab"
          appearance="transparent"
          className={styles.more}
          icon={<MoreHorizontalRegular />}
          aria-label={`More panels, ${overflowCount} more`}
          aria-selected={false}
          data-testid="more-panels"
        >
          More
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList aria-label="More panels">
          {entries.map((entry) => (
            <OverflowEntry key={entry.id} entry={entry} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/**
 * The pane's panel tabs. As many tabs as fit the pane's width are shown; the
 * rest are under a More menu, so any number of panels fits 320 px without
 * sideways scrolling (Fluent's TabList overflow pattern).
 */
export function PanelNavigation({ entries, selected, onSelect, label = "Jobs" }: PanelNavigationProps): React.JSX.Element {
  const styles = usePanelNavigationStyles();
  return (
    <nav className={styles.nav} aria-label={label}>
      <Overflow minimumVisible={1}>
        <TabList className={styles.tabs} selectedValue={selected} onTabSelect={(_, d) => onSelect(String(d.value))} size="medium">
          {entries.map((entry) => (
            <OverflowItem key={entry.id} id={entry.id} priority={entry.id === selected ? SELECTED_PRIORITY : OTHER_PRIORITY}>
              <Tab id={tabId(entry.id)} data-panel={entry.id} value={entry.id} icon={entry.icon} aria-controls={entry.id === selected ? panelId(entry.id) : undefined}>
                {entry.label}
              </Tab>
            </OverflowItem>
          ))}
          <MoreMenu entries={entries} selected={selected} onSelect={onSelect} />
        </TabList>
      </Overflow>
    </nav>
  );
}
