import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2 } from "@fluentui/react-components";
import { TableAddRegular } from "@fluentui/react-icons";
import { plan as emptyPlan } from "../../../core/plan/plan";
import type { Template } from "../../../core/templates/schema";
import { ApplyPlan, EmptyState, ErrorMessage, PlanPreview, type ApplyFn } from "../../components";
import { usePanelStyles } from "../panelStyles.styles";
import type { RegisterPlan } from "./registerJobs";
import { TemplatePicker, type ImportFailure } from "./TemplatePicker";
import { usePlannedChange } from "./usePlannedChange";
import { useRegistersStyles } from "./useRegistersStyles.styles";

export interface NewRegisterProps {
  /** True when the workbook holds no register: shown as the panel's empty state. */
  empty: boolean;
  builtIn: readonly Template[];
  imported: readonly Template[];
  /** Plans a new register of a template on a new sheet (`planNewRegister` with the host bound). */
  planNew: (template: Template) => Promise<RegisterPlan>;
  apply: ApplyFn;
  onChanged: () => void;
  /** Goes up after every apply or undo, so the plan is made again against the workbook as it is now. */
  revision: number;
  onImport: (file: File) => void;
  onExport: (template: Template) => void;
  importFailure: ImportFailure | null;
}

const PLANNING = emptyPlan("Planning", []);

/** A new register from a template on a new sheet: the empty state's offer, or the "New register" choice. */
export function NewRegister({ empty, builtIn, imported, planNew, apply, onChanged, revision, onImport, onExport, importFailure }: NewRegisterProps): React.JSX.Element {
  const styles = useRegistersStyles();
  const panel = usePanelStyles();
  const templates = React.useMemo(() => [...imported, ...builtIn], [imported, builtIn]);
  const [templateId, setTemplateId] = React.useState("risk");
  const template = templates.find((t) => t.id === templateId) ?? templates[0];
  // eslint-disable-next-line react-hooks/exhaustive-deps -- revision is the signal to plan again after the workbook changed
  const planner = React.useMemo(() => () => planNew(template), [planNew, template, revision]);
  const { result, planning, error } = usePlannedChange(planner);

  const picker = (
    <TemplatePicker builtIn={builtIn} imported={imported} value={template.id} onChange={setTemplateId} onImport={onImport} onExport={onExport} importFailure={importFailure} />
  );
  return (
    <section className={styles.workspace} aria-label="New register">
      {empty ? (
        <EmptyState
          icon={<TableAddRegular />}
          title="No registers found"
          action="No sheet here looks like a risk, issue, change or other register. Start one from a template: it goes on a new sheet as an Excel table, with its drop-downs and formulas."
        />
      ) : (
        <Subtitle2 as="h3" className={panel.sectionTitle}>
          New register from a template
        </Subtitle2>
      )}
      <div className={panel.section}>{picker}</div>
      {planning ? <Spinner size="small" label="Working out the changes…" /> : null}
      {error ? <ErrorMessage error={error} doing="work out the new register" /> : null}
      {result?.kind === "refused" ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The register cannot be made</MessageBarTitle>
            {result.problem.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {result && result.kind !== "refused" ? <PlanPreview plan={result.plan} /> : null}
      <ApplyPlan plan={result && result.kind !== "refused" ? result.plan : PLANNING} apply={apply} onChanged={onChanged} applyLabel="Create register" />
    </section>
  );
}
