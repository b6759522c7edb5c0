import * as React from "react";
import { Badge, Caption1 } from "@fluentui/react-components";
import type { RegisterRecord } from "../../../core/metadata/schema";
import { useSettingsStyles } from "./useSettingsStyles.styles";

export interface RegisterRecordsProps {
  registers: RegisterRecord[];
}

/** Which template each register in the workbook follows, as the workbook record says. */
export function RegisterRecords({ registers }: RegisterRecordsProps): React.JSX.Element {
  const styles = useSettingsStyles();
  return (
    <ul className={styles.registers}>
      {registers.map((r) => {
        const mapped = Object.keys(r.mapping).length;
        return (
          <li key={`${r.sheet}|${r.table ?? ""}|${r.headerRow}`} className={styles.register}>
            <div className={styles.registerHeader}>
              <h4 className={styles.registerName}>
                {r.sheet}
                {r.table ? ` · ${r.table}` : ""}
              </h4>
              <Badge appearance="tint" color={r.confirmed ? "success" : "warning"} size="small">
                {r.confirmed ? "mapping confirmed" : "mapping not confirmed"}
              </Badge>
            </div>
            <Caption1 className={styles.meta}>
              {r.kind} register · template {r.templateId} v{r.templateVersion} · header row {r.headerRow} · {mapped} {mapped === 1 ? "column" : "columns"} mapped
            </Caption1>
          </li>
        );
      })}
    </ul>
  );
}
