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

function repairWords(total: number, byHand: number, byChoice: number): string {
  const repaired = total - byHand - byChoice;
  const parts = [repaired === total ? "Applying the template repairs all of them." : repaired ? `Applying the template repairs ${repaired === 1 ? "1" : repaired}.` : "Applying the template repairs none of them."];
  if (byChoice) parts.push(`Typed-over formulas stay as typed unless you choose to put them back below.`);
  if (byHand) parts.push(`${byHand === 1 ? "1 needs" : `${byHand} need`} fixing by hand, or ${byHand === 1 ? "is" : "are"} yours to keep.`);
  return parts.join(" ");
}

/** "Is this register standard?": a one-line answer, then each difference in a sentence. */
export function DriftCheck({ findings, template, maxShown = 4 }: DriftCheckProps): React.JSX.Element {
  const styles = useRegistersStyles();
  const panel = usePanelStyles();
  const headingId = React.useId();
  const [all, setAll] = React.useState(false);
  const summary = driftSummary(findings, template);
  const shown = all ? findings : findings.slice(0, maxShown);
  const byHand = findings.filter((f) => !f.repairable && !f.restorable).length;
  const byChoice = findings.filter((f) => f.restorable).length;
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
            {repairWords(findings.length, byHand, byChoice)}
          </Body1>
        </>
      ) : null}
    </section>
  );
}
