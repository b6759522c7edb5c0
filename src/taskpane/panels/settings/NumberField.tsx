import * as React from "react";
import { Field, Input } from "@fluentui/react-components";
import { useSettingsStyles } from "./useSettingsStyles.styles";

export interface NumberFieldProps {
  label: string;
  hint?: string;
  /** The reason the value typed cannot be saved, shown under the field. */
  error?: string;
  /** As typed, so a half-typed number ("1.") stays as the person left it. */
  value: string | number;
  disabled?: boolean;
  onChange: (typed: string) => void;
}

/** A settings number: typed as text (a decimal keyboard on touch screens), checked by the form that owns it. */
export function NumberField({ label, hint, error, value, disabled, onChange }: NumberFieldProps): React.JSX.Element {
  const styles = useSettingsStyles();
  return (
    <Field label={label} hint={hint} validationMessage={error}>
      <Input className={styles.select} inputMode="decimal" value={String(value)} disabled={disabled} onChange={(_, d) => onChange(d.value)} />
    </Field>
  );
}
