import * as React from "react";
import { Badge, mergeClasses } from "@fluentui/react-components";
import { CheckmarkCircleRegular, QuestionCircleRegular, WarningRegular } from "@fluentui/react-icons";
import type { DetectedRegister } from "../../../core/detect/detect";
import type { DriftFinding } from "../../../core/registers/drift";
import type { Template } from "../../../core/templates/schema";
import { confidenceWords, driftSummary, kindName, registerKey, whereWords } from "./registerWords";
import { useRegistersStyles } from "./useRegistersStyles.styles";

export interface RegisterListProps {
  registers: DetectedRegister[];
  /** Drift per register, same order; an empty list means nothing to report. */
  drift: DriftFinding[][];
  /** Templates to name kinds and fields with (built-in and imported). */
  templates: readonly Template[];
  /** Key of the chosen register (registerKey), or null. */
  selected: string | null;
  onSelect: (key: string) => void;
  /** The chosen register's work, shown right under its card. */
  renderWork?: (register: DetectedRegister, labelledBy: string) => React.ReactNode;
}

/** The registers found: one card each, with kind, place, confidence and whether it is standard. */
export function RegisterList({ registers, drift, templates, selected, onSelect, renderWork }: RegisterListProps): React.JSX.Element {
  const styles = useRegistersStyles();
  const idBase = React.useId();
  return (
    <ul className={styles.list} aria-label="Registers found">
      {registers.map((r, i) => {
        const key = registerKey(r);
        const confidence = confidenceWords(r);
        const findings = drift[i] ?? [];
        const template = templates.find((t) => t.id === r.templateId);
        const summary = driftSummary(findings, template);
        const on = key === selected;
        const detailsId = `${idBase}-${i}`;
        const buttonId = `${idBase}-${i}-name`;
        const workId = `${idBase}-${i}-work`;
        const kind = kindName(r, templates);
        // Drift is not measured for registers detection is unsure of: say so rather than call them standard.
        const standing: "ok" | "warn" | "unknown" = summary ? "warn" : confidence.band === "low" ? "unknown" : "ok";
        return (
          // The whole card takes a click; the sheet name is the button keyboards and screen readers use.
          <li key={key} className={styles.item}>
            <div className={mergeClasses(styles.card, on && styles.cardSelected)} onClick={() => onSelect(key)}>
            <span className={styles.cardHeader}>
              <button
                type="button"
                id={buttonId}
                className={styles.cardName}
                aria-expanded={on}
                aria-controls={on && renderWork ? workId : undefined}
                aria-describedby={detailsId}
                onClick={(e) => {
                e.stopPropagation();
                onSelect(key);
              }}>
                {r.sheet.trim()}
              </button>
              <Badge className={styles.badge} appearance="tint" shape="rounded" color={confidence.sure ? "success" : "warning"}>
                {confidence.badge}
              </Badge>
            </span>
            <span id={detailsId} className={styles.meta}>
              <span className={styles.line}>
                {r.uncertainKind ? `Kind uncertain (${kind} fits best)` : kind} · {whereWords(r)}
              </span>
              <span className={styles.line}>{confidence.words}</span>
              <span className={mergeClasses(styles.driftLine, styles[standing])}>
                {standing === "warn" ? <WarningRegular className={styles.driftIcon} aria-hidden /> : standing === "ok" ? <CheckmarkCircleRegular className={styles.driftIcon} aria-hidden /> : <QuestionCircleRegular className={styles.driftIcon} aria-hidden />}
                <span>{summary ? `Not standard: ${summary}` : standing === "unknown" ? "Not compared with a template: check it is a register first" : "Standard: follows its template"}</span>
              </span>
            </span>
            </div>
            {on && renderWork ? (
              <div id={workId} className={styles.work}>
                {renderWork(r, buttonId)}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
