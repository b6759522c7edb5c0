import * as React from "react";
import { Field, Select } from "@fluentui/react-components";
import { MATRIX_SIZES, RISK_BAND_SETS, type MatrixSizeId } from "../../../core/metadata/settings";
import { bandsForMatrix, matrixSize } from "../../../core/risk/bands";
import type { SettingsFormState } from "./useSettingsForm";
import { useSettingsStyles } from "./useSettingsStyles.styles";

const SIZE_WORDS: Record<MatrixSizeId, string> = {
  "5x5": "5 × 5",
  "4x4": "4 × 4",
  "3x3": "3 × 3",
  "4x5": "4 probability × 5 impact",
  "5x4": "5 probability × 4 impact",
};

/** The risk matrix size, with the chosen band set as it falls on that size (names, score ranges, colours). */
export function RiskMatrixSection({ form, disabled }: { form: SettingsFormState; disabled?: boolean }): React.JSX.Element {
  const styles = useSettingsStyles();
  const { draft, update } = form;
  const bands = bandsForMatrix(RISK_BAND_SETS[draft.riskBands].bands, matrixSize(draft.riskMatrix));
  return (
    <Field label="Risk matrix" hint="Levels of probability × impact where registers score in numbers; registers written in words keep their own scale.">
      <Select className={styles.select} value={draft.riskMatrix} disabled={disabled} onChange={(_, d) => update("riskMatrix", d.value as MatrixSizeId)}>
        {MATRIX_SIZES.map((id) => (
          <option key={id} value={id}>
            {SIZE_WORDS[id]}
          </option>
        ))}
      </Select>
      <ul aria-label="Bands on this matrix" style={{ margin: "4px 0 0", paddingLeft: 0, listStyle: "none", display: "flex", flexWrap: "wrap", gap: "4px" }}>
        {bands.map((b) => (
          <li key={b.name} style={{ background: b.colour, color: b.textColour, padding: "0 6px", borderRadius: "2px" }}>
            {b.name} {b.min === b.max ? b.min : `${b.min}–${b.max}`}
          </li>
        ))}
      </ul>
    </Field>
  );
}
