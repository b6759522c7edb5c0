import * as React from "react";
import { Checkbox, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import type { DetectedRegister } from "../../../core/detect/detect";
import type { DriftFinding } from "../../../core/registers/drift";
import { plan as emptyPlan } from "../../../core/plan/plan";
import type { Template } from "../../../core/templates/schema";
import { ApplyPlan, ErrorMessage, PlanPreview, type ApplyFn } from "../../components";
import { usePanelStyles } from "../panelStyles.styles";
import { DriftCheck } from "./DriftCheck";
import { MappingEditor } from "./MappingEditor";
import { TemplatePicker, type ImportFailure } from "./TemplatePicker";
import { confidenceWords } from "./registerWords";
import { useRegisterWorkspace, type PlanRegisterFn } from "./useRegisterWorkspace";
import { useRegistersStyles } from "./useRegistersStyles.styles";

export interface RegisterWorkspaceProps {
  register: DetectedRegister;
  builtIn: readonly Template[];
  imported: readonly Template[];
  /** Plans a template over the register (`planForRegister` with the host bound). */
  plan: PlanRegisterFn;
  /** The host's apply; Undo goes through it too. */
  apply: ApplyFn;
  /** Told after an apply or an undo, so the panel reads the workbook again. */
  onChanged: () => void;
  onImport: (file: File) => void;
  onExport: (template: Template) => void;
  importFailure: ImportFailure | null;
  /** Id of the element that names this register (its card's button). */
  labelledBy: string;
}

const PLANNING = emptyPlan("Planning", []);

interface FormulaRestoreChoiceProps {
  drift: readonly DriftFinding[];
  template: Template;
  chosen: readonly string[];
  onChange: (field: string, on: boolean) => void;
}

/** Typed-over formulas stay as typed unless the person ticks the column here. */
function FormulaRestoreChoice({ drift, template, chosen, onChange }: FormulaRestoreChoiceProps): React.JSX.Element | null {
  const panel = usePanelStyles();
  const fields = [...new Set(drift.filter((f) => f.restorable).map((f) => f.field))];
  if (!fields.length) return null;
  return (
    <section className={panel.section} aria-label="Formulas typed over">
      {fields.map((field) => {
        const cells = drift.filter((f) => f.restorable && f.field === field).reduce((n, f) => n + (f.cells?.length ?? 0), 0);
        const header = template.columns.find((c) => c.id === field)?.header ?? field;
        return (
          <Checkbox
            key={field}
            checked={chosen.includes(field)}
            onChange={(_, d) => onChange(field, d.checked === true)}
            label={`Put the ${header} formula back in ${cells === 1 ? "1 cell" : `${cells} cells`} (replaces what was typed there)`}
          />
        );
      })}
    </section>
  );
}

/** One register brought to a template: choose it, check the mapping, see the plan, apply, undo. */
export function RegisterWorkspace({ register, builtIn, imported, plan, apply, onChanged, onImport, onExport, importFailure, labelledBy }: RegisterWorkspaceProps): React.JSX.Element {
  const styles = useRegistersStyles();
  const panel = usePanelStyles();
  const templates = React.useMemo(() => [...imported, ...builtIn], [imported, builtIn]);
  const ws = useRegisterWorkspace(register, templates, plan);
  const { result, planning, error } = ws.planned;
  const confidence = confidenceWords(register);

  return (
    <section className={styles.workspace} aria-labelledby={labelledBy}>
      <div className={panel.section}>
        <TemplatePicker
          label="Bring it to this template"
          builtIn={builtIn}
          imported={imported}
          value={ws.template.id}
          onChange={ws.chooseTemplate}
          onImport={onImport}
          onExport={onExport}
          importFailure={importFailure}
        />
      </div>

      {result?.kind === "existing" ? <DriftCheck findings={result.drift} template={ws.template} /> : null}

      <MappingEditor
        key={`${register.sheet}|${ws.template.id}`}
        template={ws.template}
        headers={ws.headers}
        detected={register.columns}
        mapping={ws.mapping}
        lowFields={ws.lowFields}
        problems={ws.problems}
        onChange={ws.setColumn}
        corrected={ws.corrected}
        remember={ws.remember}
        onRemember={ws.setRemember}
        onReset={ws.resetMapping}
        defaultOpen={!confidence.sure}
      />

      {Object.keys(ws.problems).length ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Two fields share a column</MessageBarTitle>
            Each column can hold one field. Change the mapping above to see what applying would do.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {planning ? <Spinner size="small" label="Working out the changes…" /> : null}
      {error ? <ErrorMessage error={error} doing="work out the changes" /> : null}
      {result?.kind === "refused" ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>This template cannot be applied yet</MessageBarTitle>
            {result.problem.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {result && result.kind !== "refused" ? (
        <>
          {result.notes.length ? (
            <section className={panel.section} aria-label="Notes on the changes">
              <ul className={styles.notes}>
                {result.notes.map((n, i) => (
                  <li key={i}>{n[0].toUpperCase() + n.slice(1)}.</li>
                ))}
              </ul>
            </section>
          ) : null}
          {result.kind === "existing" ? <FormulaRestoreChoice drift={result.drift} template={ws.template} chosen={ws.restoreFormulas} onChange={ws.setRestoreFormula} /> : null}
          <PlanPreview plan={result.plan} emptyMessage={`Nothing to change: this register already follows the ${ws.template.name} template.`} />
        </>
      ) : null}
      <ApplyPlan plan={result && result.kind !== "refused" ? result.plan : PLANNING} apply={apply} onChanged={onChanged} applyLabel="Apply template" />
    </section>
  );
}
