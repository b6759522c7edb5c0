import * as React from "react";
import { Button, makeStyles, type ButtonProps } from "@fluentui/react-components";

const useStyles = makeStyles({ input: { display: "none" } });

export interface FilePickButtonProps extends Pick<ButtonProps, "appearance" | "size" | "icon" | "disabled" | "children"> {
  /** File types the picker offers, as the input's accept attribute (".csv,.xlsx"). */
  accept: string;
  /** Lets a person pick several files at once. @default false */
  multiple?: boolean;
  /** The file input's accessible name ("Ledger file"). */
  inputLabel: string;
  /** The file input's data-testid: browser tests hand it files directly. */
  inputTestId: string;
  /** The files picked; never called with none. */
  onPick: (files: File[]) => void;
}

/**
 * A button that opens the system's file picker. The file input itself stays
 * hidden (a styled input cannot look like a Fluent button); it is emptied
 * after each pick, so picking the same file again is seen as a new pick.
 */
export function FilePickButton({ accept, multiple = false, inputLabel, inputTestId, onPick, ...button }: FilePickButtonProps): React.JSX.Element {
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        className={styles.input}
        type="file"
        accept={accept}
        multiple={multiple}
        aria-label={inputLabel}
        data-testid={inputTestId}
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = "";
          if (files.length) onPick(files);
        }}
      />
      <Button {...button} onClick={() => input.current?.click()} />
    </>
  );
}
