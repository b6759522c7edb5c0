import * as React from "react";
import { Button, Overflow, OverflowItem, Tab, TabList, useOverflowMenu } from "@fluentui/react-components";
// Its own module, as the panel icons in panels/index.ts.
import { MoreHorizontalRegular } from "@fluentui/react-icons/lib/atoms/svg/more-horizontal";
import { panelId, tabId, type PanelNavigationProps } from "./PanelNavigation.types";
import { usePanelNavigationStyles } from "./usePanelNavigationStyles.styles";

/** The open panel outranks the others, so it never goes into the More menu. */
const SELECTED_PRIORITY = 2;
const OTHER_PRIORITY = 1;

const MorePanelsMenu = React.lazy(() => import(/* webpackChunkName: "more-menu" */ "./MorePanelsMenu").then((m) => ({ default: m.MorePanelsMenu })));

/** "More": the panels whose tabs do not fit the pane's width. Hidden when all fit. */
function MoreMenu({ entries, selected, onSelect }: Pick<PanelNavigationProps, "entries" | "selected" | "onSelect">): React.JSX.Element | null {
  const styles = usePanelNavigationStyles();
  const { ref, isOverflowing, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  const [open, setOpen] = React.useState(false);
  // The menu's code is fetched the first time More is pressed, and kept mounted after.
  const [wanted, setWanted] = React.useState(false);
  if (!isOverflowing) return null;
  return (
    <>
      {/* role="tab" puts it in the tab list's arrow-key order, as Fluent's overflow example does. */}
      <Button
        ref={ref}
        role="tab"
        appearance="transparent"
        className={styles.more}
        icon={<MoreHorizontalRegular />}
        aria-label={`More panels, ${overflowCount} more`}
        aria-selected={false}
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="more-panels"
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
      >
        More
      </Button>
      {wanted ? (
        <React.Suspense fallback={null}>
          <MorePanelsMenu
            open={open}
            target={ref.current}
            entries={entries}
            selected={selected}
            onSelect={(id) => {
              setOpen(false);
              onSelect(id);
            }}
            onClose={() => setOpen(false)}
          />
        </React.Suspense>
      ) : null}
    </>
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
