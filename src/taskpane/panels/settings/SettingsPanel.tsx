import * as React from "react";
import { Body1, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2 } from "@fluentui/react-components";
import { ClipboardTaskListLtrRegular } from "@fluentui/react-icons";
import { ApplyPlan, EmptyState, ErrorMessage, PanelHeader, PlanPreview } from "../../components";
import { useWorkbookHost } from "../../hostContext";
import { useWorkbookOutline } from "../../hooks/useWorkbookOutline";
import type { WorkbookOutline } from "../../../hosts/host";
import type { PanelProps } from "../types";
import { usePanelStyles } from "../panelStyles.styles";
import { RegisterRecords } from "./RegisterRecords";
import { RollupSettingsSection } from "./RollupSettingsSection";
import { SettingsForm } from "./SettingsForm";
import { useSettingsForm } from "./useSettingsForm";
import { useSettingsStyles } from "./useSettingsStyles.styles";

/** The workbook record: registers on templates, problems reading it back, and the settings jobs use. */
export function SettingsPanel({ onReady }: PanelProps): React.JSX.Element {
  const styles = usePanelStyles();
  const { host, revision } = useWorkbookHost();
  const outlineOf = React.useCallback((opts?: { previewRows?: number }) => host.outline(opts), [host]);
  const { outline, error, loading } = useWorkbookOutline(outlineOf, revision, onReady);

  return (
    <div className={styles.root}>
      <PanelHeader title="Workbook settings" subtitle="Stored in the workbook, so everyone who opens it gets the same results." />
      {error ? <ErrorMessage error={error} doing="read the workbook settings" /> : null}
      {loading && !outline ? <Spinner size="small" label="Reading the workbook…" /> : null}
      {outline ? <WorkbookRecord outline={outline} /> : null}
    </div>
  );
}

function WorkbookRecord({ outline }: { outline: WorkbookOutline }): React.JSX.Element {
  const styles = usePanelStyles();
  const local = useSettingsStyles();
  const { host, notifyChanged } = useWorkbookHost();
  const form = useSettingsForm(outline.metadata.settings);
  const apply = React.useCallback<typeof host.apply>((p, progress) => host.apply(p, progress), [host]);
  const otherKeys = Object.keys(form.otherSettings);

  return (
    <>
      {outline.metadataIssues.map((i) => (
        <MessageBar key={`${i.cell}|${i.key}`} intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Part of the stored record was ignored</MessageBarTitle>
            Sheet “{i.sheet}”, cell {i.cell}: {i.message}.
          </MessageBarBody>
        </MessageBar>
      ))}
      {form.storedIssues.map((i) => (
        <MessageBar key={i.key} intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>A stored setting was not used</MessageBarTitle>
            The {i.message}. Saving the settings below replaces it.
          </MessageBarBody>
        </MessageBar>
      ))}

      <section className={styles.section} aria-labelledby="settings-registers">
        <Subtitle2 as="h3" id="settings-registers" className={styles.sectionTitle}>
          Registers on a template
        </Subtitle2>
        {outline.metadata.registers.length ? (
          <RegisterRecords registers={outline.metadata.registers} />
        ) : (
          <EmptyState
            icon={<ClipboardTaskListLtrRegular />}
            title="No register follows a template yet"
            action="When you apply a template to a register, the workbook records it here with its column mapping, so later checks find the register again."
          />
        )}
      </section>

      <section className={styles.section} aria-labelledby="settings-form">
        <Subtitle2 as="h3" id="settings-form" className={styles.sectionTitle}>
          Settings
        </Subtitle2>
        <SettingsForm form={form} />
        {otherKeys.length ? (
          <div>
            <Body1 className={styles.subtle}>Also stored (kept as they are):</Body1>
            <ul className={local.otherList}>
              {otherKeys.map((k) => (
                <li key={k}>
                  {k}: {JSON.stringify(form.otherSettings[k])}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {form.changed && form.savePlan.edits.length ? <PlanPreview plan={form.savePlan} /> : null}
        <ApplyPlan plan={form.savePlan} apply={apply} onChanged={notifyChanged} applyLabel="Save settings" />
      </section>
      <RollupSettingsSection stored={outline.metadata.settings} />
    </>
  );
}
