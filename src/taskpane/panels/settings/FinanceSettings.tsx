import * as React from "react";
import { Field, Select } from "@fluentui/react-components";
import { EAC_METHODS, EAC_METHOD_IDS, type EacMethod } from "../../../core/finance/measures";
import { NumberField } from "./NumberField";
import type { SettingsFormState } from "./useSettingsForm";
import { useSettingsStyles } from "./useSettingsStyles.styles";

/** Variance amounts (the RAG takes the greater of amount and percentage) and the EAC method earned value uses. */
export function FinanceSettings({ form, disabled }: { form: SettingsFormState; disabled?: boolean }): React.JSX.Element {
  const styles = useSettingsStyles();
  const { draft, errors, update } = form;
  return (
    <>
      <div className={styles.pair}>
        <NumberField label="Amber from (amount)" hint="Whichever is greater: amount or %" error={errors.varianceAmberAmount} value={draft.varianceAmberAmount} disabled={disabled} onChange={(v) => update("varianceAmberAmount", v)} />
        <NumberField label="Red from (amount)" hint="Whichever is greater: amount or %" error={errors.varianceRedAmount} value={draft.varianceRedAmount} disabled={disabled} onChange={(v) => update("varianceRedAmount", v)} />
      </div>
      <Field label="Estimate at completion (EAC)" hint="The EAC that ETC, VAC and TCPI use.">
        <Select className={styles.select} value={draft.eacMethod} disabled={disabled} onChange={(_, d) => update("eacMethod", d.value as EacMethod)}>
          {EAC_METHOD_IDS.map((id) => (
            <option key={id} value={id}>
              {EAC_METHODS[id]}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}
