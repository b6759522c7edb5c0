import * as React from "react";
import { Body1, Button, Subtitle1, makeStyles } from "@fluentui/react-components";
import { ArrowClockwiseRegular } from "@fluentui/react-icons";
import { usePanelStyles } from "../../panels/panelStyles.styles";

const useStyles = makeStyles({ action: { flexShrink: 0 } });

export interface PanelHeaderProps {
  /** The panel's heading (an h2). */
  title: React.ReactNode;
  /** One line under the heading saying what the panel shows. */
  subtitle?: React.ReactNode;
  /** A button that reads the workbook again, where the panel has one. */
  readAgain?: {
    onClick: () => void;
    /** While a read is under way. */
    disabled?: boolean;
    /** @default "Read again" */
    label?: string;
    /** A longer description, shown as the button's tooltip text. */
    title?: string;
    /** @default "medium" */
    size?: "small" | "medium";
  };
}

/** The top of a panel: its heading, what it shows, and the button that reads the workbook again. */
export function PanelHeader({ title, subtitle, readAgain }: PanelHeaderProps): React.JSX.Element {
  const panel = usePanelStyles();
  const styles = useStyles();
  return (
    <div className={panel.header}>
      <div className={panel.headerText}>
        <Subtitle1 as="h2" className={panel.title}>
          {title}
        </Subtitle1>
        {subtitle ? <Body1 className={panel.subtle}>{subtitle}</Body1> : null}
      </div>
      {readAgain ? (
        <Button
          className={styles.action}
          size={readAgain.size ?? "medium"}
          icon={<ArrowClockwiseRegular />}
          onClick={readAgain.onClick}
          disabled={readAgain.disabled}
          title={readAgain.title}
        >
          {readAgain.label ?? "Read again"}
        </Button>
      ) : null}
    </div>
  );
}
