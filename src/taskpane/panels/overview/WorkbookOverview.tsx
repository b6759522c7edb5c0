import * as React from "react";
import { Badge, Body1, Caption1, Subtitle2, Tooltip, mergeClasses } from "@fluentui/react-components";
import type { WorkbookSummary } from "./sheetSummary";
import { plural } from "./sheetSummary";
import { useOverviewStyles } from "./useOverviewStyles.styles";
import { usePanelStyles } from "../panelStyles.styles";

export interface WorkbookOverviewProps {
  summary: WorkbookSummary;
}

/** Sheets, their used ranges and tables, and which registers follow a template. */
export function WorkbookOverview({ summary }: WorkbookOverviewProps): React.JSX.Element {
  const styles = useOverviewStyles();
  const panel = usePanelStyles();
  return (
    <section className={panel.section} aria-labelledby="overview-sheets">
      <div className={styles.stats}>
        <Badge appearance="tint" color="brand">
          {plural(summary.sheets.length, "sheet")}
        </Badge>
        <Badge appearance="tint" color="informative">
          {plural(summary.tableCount, "table")}
        </Badge>
        <Badge appearance="tint" color={summary.registerCount ? "success" : "subtle"}>
          {summary.registerCount === 1 ? "1 register on a template" : `${summary.registerCount} registers on a template`}
        </Badge>
      </div>
      <Subtitle2 as="h3" id="overview-sheets" className={panel.sectionTitle}>
        Sheets
      </Subtitle2>
      <ul className={styles.list}>
        {summary.sheets.map((s) => (
          <li key={s.name} className={mergeClasses(styles.sheet, s.usedRange === null && styles.sheetEmpty)} aria-label={`Sheet ${s.name.trim()}`}>
            <div className={styles.sheetHeader}>
              <h4 className={styles.sheetName}>{s.name}</h4>
              {s.visibility !== "visible" ? (
                <Badge appearance="outline" color="warning" size="small">
                  {s.visibility === "hidden" ? "hidden" : "very hidden"}
                </Badge>
              ) : null}
              {s.untidyName ? (
                <Tooltip content="The name starts or ends with spaces, so formulas that type it can miss it. Rename the sheet to remove them." relationship="description">
                  <Badge appearance="outline" color="warning" size="small" tabIndex={0}>
                    spaces in name
                  </Badge>
                </Tooltip>
              ) : null}
            </div>
            <Caption1 className={styles.meta}>{s.usedRange ? `${s.usedRange} · ${s.size}` : "Empty sheet"}</Caption1>
            {s.tables.length ? (
              <ul className={styles.tables} aria-label={`Tables on ${s.name.trim()}`}>
                {s.tables.map((t) => (
                  <li key={t.name}>
                    <Body1>
                      Table <strong>{t.name}</strong> · {t.address} · {plural(t.columns, "column")}
                      {t.showTotals ? " · totals row" : ""}
                    </Body1>
                  </li>
                ))}
              </ul>
            ) : null}
            {s.registers.map((r) => (
              <Caption1 key={`${r.kind}-${r.headerRow}`}>
                Follows the {r.templateId} template v{r.templateVersion} (header row {r.headerRow})
              </Caption1>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
