/**
 * Rollup settings: whose RAG the Portfolio sheet shows (the rules', or the
 * project's own stated RAG; disagreements are flagged either way) and the
 * CPI/SPI values below which a project is amber or red. Saved in the
 * workbook's settings record beside the other settings, which stay as they are.
 */
import * as React from "react";
import { Field, Select, Subtitle2 } from "@fluentui/react-components";
import { plan } from "../../../core/plan/plan";
import { SETTINGS_KEY } from "../../../core/metadata/settings";
import { ragRulesOfSettings } from "../../../core/rollup/rollup-settings";
import { ApplyPlan } from "../../components";
import { NumberField } from "./NumberField";
import { useWorkbookHost } from "../../hostContext";
import { usePanelStyles } from "../panelStyles.styles";
import { useSettingsStyles } from "./useSettingsStyles.styles";

function index(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 2 ? n : undefined;
}

export function RollupSettings({ stored }: { stored: Record<string, unknown> }): React.JSX.Element {
  const panel = usePanelStyles();
  const styles = useSettingsStyles();
  const { host, notifyChanged } = useWorkbookHost();
  const rules = React.useMemo(() => ragRulesOfSettings(stored), [stored]);
  const [source, setSource] = React.useState(rules.source);
  const [amber, setAmber] = React.useState(String(rules.indexAmber));
  const [red, setRed] = React.useState(String(rules.indexRed));
  React.useEffect(() => {
    setSource(rules.source);
    setAmber(String(rules.indexAmber));
    setRed(String(rules.indexRed));
  }, [rules]);
  const a = index(amber);
  const r = index(red);
  const amberError = a === undefined ? "Enter a number from 0 to 2, such as 0.95." : undefined;
  const redError = r === undefined ? "Enter a number from 0 to 2, such as 0.9." : a !== undefined && r > a ? "The red line must be at or below the amber one." : undefined;
  const changed = source !== rules.source || a !== rules.indexAmber || r !== rules.indexRed;
  const savePlan = React.useMemo(
    () =>
      plan("Save rollup settings", changed && !amberError && !redError && a !== undefined && r !== undefined ? [{ type: "setMetadata", key: SETTINGS_KEY, value: { ...stored, rollupRagSource: source, rollupIndexAmber: a, rollupIndexRed: r } }] : []),
    [changed, amberError, redError, stored, source, a, r],
  );
  const apply = React.useCallback<typeof host.apply>((p, progress) => host.apply(p, progress), [host]);
  return (
    <section className={panel.section} aria-labelledby="settings-rollup">
      <Subtitle2 as="h3" id="settings-rollup" className={panel.sectionTitle}>
        Portfolio rollup
      </Subtitle2>
      <div className={styles.form}>
        <Field label="RAG shown" hint="A stated RAG two steps from the rules' is flagged either way.">
          <Select className={styles.select} value={source} onChange={(_, d) => setSource(d.value === "stated" ? "stated" : "rules")}>
            <option value="rules">By the rules (CPI, SPI, variance, overdue items, top-band risks)</option>
            <option value="stated">The project's own stated RAG</option>
          </Select>
        </Field>
        <div className={styles.pair}>
          <NumberField label="Amber below" hint="CPI or SPI" error={amberError} value={amber} onChange={setAmber} />
          <NumberField label="Red below" hint="CPI or SPI" error={redError} value={red} onChange={setRed} />
        </div>
      </div>
      <ApplyPlan plan={savePlan} apply={apply} onChanged={notifyChanged} applyLabel="Save rollup settings" />
    </section>
  );
}

export default RollupSettings;
