import * as React from "react";
import { Body1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gridTemplateColumns: "auto minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    alignItems: "start",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  icon: { gridRow: "1 / span 3", fontSize: "24px", color: tokens.colorNeutralForeground3, lineHeight: 1, paddingTop: "2px" },
  title: { margin: 0, gridColumn: 2 },
  hint: { color: tokens.colorNeutralForeground2, gridColumn: 2 },
  actions: { gridColumn: 2, justifySelf: "start" },
});

export interface EmptyStateProps {
  /** What is missing, in a few words: "No registers found". */
  title: string;
  /** What to do about it, as an instruction. */
  action: string;
  /** An icon element (decorative). */
  icon?: React.ReactNode;
  /** A button or link that starts the suggested action. */
  children?: React.ReactNode;
}

/** Shown where a panel has nothing to show: says what is missing and what to do. */
export function EmptyState({ title, action, icon, children }: EmptyStateProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label={title}>
      {icon ? (
        <span className={styles.icon} aria-hidden="true">
          {icon}
        </span>
      ) : null}
      <Subtitle2 as="h3" className={styles.title}>
        {title}
      </Subtitle2>
      <Body1 className={styles.hint}>{action}</Body1>
      {children ? <div className={styles.actions}>{children}</div> : null}
    </section>
  );
}
