import * as React from "react";
import { Badge, Body1, Button, Subtitle2, mergeClasses } from "@fluentui/react-components";
import type { PlanPreviewProps } from "./PlanPreview.types";
import { usePlanPreview, WORKBOOK_GROUP_KEY } from "./usePlanPreview";
import { usePlanPreviewStyles } from "./usePlanPreviewStyles.styles";

/**
 * What a plan will change, before it changes anything: its title, counts by
 * kind of change, then one group per sheet in plan order.
 */
export function PlanPreview({ plan, maxLinesPerGroup = 8, emptyMessage = "Nothing to change: the workbook already matches." }: PlanPreviewProps): React.JSX.Element {
  const styles = usePlanPreviewStyles();
  const { preview, total, counts, expanded, toggle } = usePlanPreview(plan);
  const headingId = React.useId();

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        {preview.title}
      </Subtitle2>
      {total === 0 ? (
        <Body1 className={styles.empty}>{emptyMessage}</Body1>
      ) : (
        <>
          <Body1>
            {total.toLocaleString("en-GB")} {total === 1 ? "change" : "changes"}
          </Body1>
          <ul className={styles.counts} aria-label="Changes by kind">
            {counts.map((c) => (
              <li key={c.type}>
                <Badge appearance="tint" color="informative" shape="rounded">
                  {c.text}
                </Badge>
              </li>
            ))}
          </ul>
          {preview.groups.map((g) => {
            const key = g.sheet ?? WORKBOOK_GROUP_KEY;
            const open = expanded.has(key);
            const shown = open ? g.lines : g.lines.slice(0, maxLinesPerGroup);
            const hidden = g.lines.length - shown.length;
            const name = g.sheet === null ? "Workbook" : `Sheet “${g.sheet}”`;
            return (
              <section key={key} className={styles.group} aria-label={name}>
                <h4 className={styles.groupHeading}>
                  {name}
                  <Badge appearance="outline" color="subtle" aria-label={`${g.lines.length} ${g.lines.length === 1 ? "change" : "changes"}`}>
                    {g.lines.length}
                  </Badge>
                </h4>
                <ul className={styles.lines}>
                  {shown.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
                {g.lines.length > maxLinesPerGroup ? (
                  <Button appearance="transparent" size="small" className={mergeClasses(styles.more)} onClick={() => toggle(key)} aria-expanded={open}>
                    {open ? "Show fewer" : `Show all ${g.lines.length} (${hidden} more)`}
                  </Button>
                ) : null}
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}
