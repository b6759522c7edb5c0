import * as React from "react";
import { Button, Field, Select } from "@fluentui/react-components";
import { RISK_BAND_SETS, RISK_BAND_SET_IDS, type RiskBandSetId } from "../../../core/metadata/settings";
import { FinanceSettings } from "./FinanceSettings";
import { NumberField } from "./NumberField";
import type { SettingsFormState } from "./useSettingsForm";
import { useSettingsStyles } from "./useSettingsStyles.styles";
import { RiskMatrixSection } from "./RiskMatrixSection";

const CURRENCIES = ["GBP", "EUR", "USD", "CHF", "AUD", "CAD", "NZD", "SEK", "NOK", "DKK", "ZAR", "INR", "JPY", "SGD"];

export interface SettingsFormProps {
  form: SettingsFormState;
  disabled?: boolean;
}

/** The fields of the workbook settings; saving is the caller's plan. */
export function SettingsForm({ form, disabled }: SettingsFormProps): React.JSX.Element {
  const styles = useSettingsStyles();
  const { draft, errors, update } = form;
  const currencies = CURRENCIES.includes(draft.currency) ? CURRENCIES : [draft.currency, ...CURRENCIES];
  return (
    <div className={styles.form}>
      <Field label="Currency" hint="Used for budget and earned value figures." validationMessage={errors.currency}>
        <Select className={styles.select} value={draft.currency} disabled={disabled} onChange={(_, d) => update("currency", d.value)}>
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Risk score bands" hint="Bands for probability × impact scores in heat maps and checks.">
        <Select className={styles.select} value={draft.riskBands} disabled={disabled} onChange={(_, d) => update("riskBands", d.value as RiskBandSetId)}>
          {RISK_BAND_SET_IDS.map((id) => (
            <option key={id} value={id}>
              {RISK_BAND_SETS[id].label}
            </option>
          ))}
        </Select>
      </Field>
      <RiskMatrixSection form={form} disabled={disabled} />
      <div className={styles.pair}>
        <NumberField label="Amber from (%)" hint="Budget variance" error={errors.varianceAmberPercent} value={draft.varianceAmberPercent} disabled={disabled} onChange={(v) => update("varianceAmberPercent", v)} />
        <NumberField label="Red from (%)" hint="Budget variance" error={errors.varianceRedPercent} value={draft.varianceRedPercent} disabled={disabled} onChange={(v) => update("varianceRedPercent", v)} />
      </div>
      <FinanceSettings form={form} disabled={disabled} />
      {form.changed ? (
        <Button className={styles.discard} appearance="subtle" onClick={form.reset} disabled={disabled}>
          Discard changes
        </Button>
      ) : null}
    </div>
  );
}
