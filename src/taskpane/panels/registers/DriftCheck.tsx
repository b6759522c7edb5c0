import * as React from "react";
import { Body1, Button, Subtitle2, mergeClasses } from "@fluentui/react-components";
import { CheckmarkCircleRegular, WarningRegular } from "@fluentui/react-icons";
import type { DriftFinding } from "../../../core/registers/drift";
import type { Template } from "../../../core/templates/schema";
import { usePanelStyles } from "../panelStyles.styles";
import { driftSummary, findingSentence } from "./registerWords";
import { useRegistersStyles } from "./useRegistersStyles.styles";

export interface DriftCheckProps {
  /** How the register differs from the template (for the template chosen now). */
  findings: DriftFinding[];
  template: Template;
  /**
   * How many differences show before "Show all".
   * @default 4
   */
  maxShown?: number;
}

/** "Is this register standard?": a one-line answer, then each difference in a sentence. */
export function DriftCheck({ findings, template, maxShown = 4 }: DriftCheckProps): React.JSX.Element {
  const styles = useRegistersStyles();
  const panel = usePanelStyles();
  const headingId = React.useId();
  const [all, setAll] = React.useState(false);
  const summary = driftSummary(findings, template);
  const shown = all ? findings : findings.slice(0, maxShown);
  const byHand = findings.filter((f) => !f.repairable).length;
  return (
    <section className={panel.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={panel.sectionTitle}>
        Is this register standard?
      </Subtitle2>
      <Body1 className={mergeClasses(styles.driftLine, summary ? styles.warn : styles.ok)}>
        {summary ? <WarningRegular className={styles.driftIcon} aria-hidden /> : <CheckmarkCircleRegular className={styles.driftIcon} aria-hidden />}
        <span>{summary ? `Not yet: ${summary}.` : `Yes: it follows the ${template.name} template.`}</span>
      </Body1>
      {findings.length ? (
        <>
          <ul className={styles.findings} aria-label="Differences from the template">
            {shown.map((f, i) => (
              <li key={`${f.code}-${f.field}-${i}`}>{findingSentence(f)}</li>
            ))}
          </ul>
          {findings.length > maxShown ? (
            <Button appearance="transparent" size="small" className={styles.more} aria-expanded={all} onClick={() => setAll((a) => !a)}>
              {all ? "Show fewer" : `Show all ${findings.length} differences`}
            </Button>
          ) : null}
          <Body1 className={styles.description}>
            {byHand
              ? `Applying the template repairs ${byHand === findings.length ? "none" : "the others"}; ${byHand === 1 ? "1 needs" : `${byHand} need`} fixing by hand.`
              : "Applying the template repairs all of them."}
          </Body1>
        </>
      ) : null}
    </section>
  );
}
