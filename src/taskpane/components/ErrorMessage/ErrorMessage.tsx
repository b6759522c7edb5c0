import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { errorText } from "./errorText";

const useStyles = makeStyles({
  detail: {
    display: "block",
    marginTop: tokens.spacingVerticalXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    wordBreak: "break-word",
  },
});

export interface ErrorMessageProps {
  /** The error as caught: a WorkbookError, an Error or anything thrown. */
  error: unknown;
  /** What the user was doing, as a verb phrase: "apply the changes", "read the workbook". */
  doing: string;
}

/** An error as a Fluent message bar in plain words; announced to screen readers. */
export function ErrorMessage({ error, doing }: ErrorMessageProps): React.JSX.Element {
  const styles = useStyles();
  const text = errorText(error, doing);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{text.title}</MessageBarTitle>
        {text.message}
        {text.detail ? <span className={styles.detail}>Details: {text.detail}</span> : null}
      </MessageBarBody>
    </MessageBar>
  );
}
