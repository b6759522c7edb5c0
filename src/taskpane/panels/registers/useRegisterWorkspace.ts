import * as React from "react";
import type { DetectedRegister } from "../../../core/detect/detect";
import type { Template } from "../../../core/templates/schema";
import { detectedMapping, headerColumns, mappingProblems, sameMapping, type ColumnMapping, type HeaderColumn } from "./columnMapping";
import type { PlanForRegisterOptions, RegisterPlan } from "./registerJobs";
import { registerKey } from "./registerWords";
import { usePlannedChange, type PlannedChange } from "./usePlannedChange";

/** Plans a template over a register: `planForRegister` with the host bound. */
export type PlanRegisterFn = (register: DetectedRegister, template: Template, options: PlanForRegisterOptions) => Promise<RegisterPlan>;

export interface RegisterWorkspaceState {
  template: Template;
  chooseTemplate: (id: string) => void;
  headers: HeaderColumn[];
  mapping: ColumnMapping;
  /** Fields detection was unsure of, still on detection's column. */
  lowFields: ReadonlySet<string>;
  setColumn: (field: string, column: string | null) => void;
  /** The mapping differs from detection's. */
  corrected: boolean;
  /** Store the mapping as confirmed on apply; turned on by any correction. */
  remember: boolean;
  setRemember: (on: boolean) => void;
  resetMapping: () => void;
  /** Field id → why its choice cannot be applied. */
  problems: Record<string, string>;
  /** Computed columns whose typed-over formulas the person chose to put back (none unless they tick them). */
  restoreFormulas: readonly string[];
  setRestoreFormula: (field: string, on: boolean) => void;
  planned: PlannedChange;
}

function defaultTemplateId(register: DetectedRegister, templates: readonly Template[]): string {
  return templates.find((t) => t.id === register.templateId)?.id ?? templates.find((t) => t.id === register.kind)?.id ?? templates[0].id;
}

/**
 * One register's work: which template, how its columns map, and the plan.
 * The template choice follows the register across re-reads (after an apply);
 * the mapping draft belongs to one reading and one template, so a re-read or
 * another template starts again from detection.
 */
export function useRegisterWorkspace(register: DetectedRegister, templates: readonly Template[], plan: PlanRegisterFn): RegisterWorkspaceState {
  const key = registerKey(register);
  const [chosen, setChosen] = React.useState<{ key: string; id: string } | null>(null);
  const templateId = chosen?.key === key && templates.some((t) => t.id === chosen.id) ? chosen.id : defaultTemplateId(register, templates);
  const template = templates.find((t) => t.id === templateId) ?? templates[0];
  const chooseTemplate = React.useCallback((id: string) => setChosen({ key, id }), [key]);

  const headers = React.useMemo(() => headerColumns(register), [register]);
  const detected = React.useMemo(() => detectedMapping(register, template), [register, template]);
  const [draft, setDraft] = React.useState<{ register: DetectedRegister; template: Template; mapping: ColumnMapping; remember: boolean } | null>(null);
  const own = draft && draft.register === register && draft.template === template ? draft : null;
  const mapping = own?.mapping ?? detected;
  // Where a person said the register is, remembering it is what they asked for.
  const remember = own?.remember ?? register.givenByPerson === true;
  const corrected = !sameMapping(mapping, detected);

  const setColumn = React.useCallback(
    (field: string, column: string | null) =>
      setDraft((d) => {
        const base = d && d.register === register && d.template === template ? d.mapping : detected;
        return { register, template, mapping: { ...base, [field]: column }, remember: true };
      }),
    [register, template, detected],
  );
  const setRemember = React.useCallback(
    (on: boolean) =>
      setDraft((d) => ({ register, template, mapping: d && d.register === register && d.template === template ? d.mapping : detected, remember: on })),
    [register, template, detected],
  );
  const resetMapping = React.useCallback(() => setDraft(null), []);

  const lowFields = React.useMemo(
    () => new Set(Object.entries(register.columns).filter(([f, c]) => c.lowConfidence && mapping[f] === c.column).map(([f]) => f)),
    [register, mapping],
  );
  const problems = React.useMemo(() => mappingProblems(mapping, template, headers), [mapping, template, headers]);
  const blocked = Object.keys(problems).length > 0;

  const [restoring, setRestoring] = React.useState<{ key: string; templateId: string; fields: readonly string[] } | null>(null);
  const restoreFormulas = React.useMemo(() => (restoring && restoring.key === key && restoring.templateId === template.id ? restoring.fields : []), [restoring, key, template.id]);
  const setRestoreFormula = React.useCallback(
    (field: string, on: boolean) =>
      setRestoring((r) => {
        const before = r && r.key === key && r.templateId === template.id ? r.fields : [];
        return { key, templateId: template.id, fields: on ? [...before.filter((f) => f !== field), field] : before.filter((f) => f !== field) };
      }),
    [key, template.id],
  );

  const planner = React.useMemo(
    () => (blocked ? null : () => plan(register, template, { mapping: corrected || remember ? mapping : undefined, confirmed: remember, restoreFormulas })),
    [blocked, plan, register, template, corrected, remember, mapping, restoreFormulas],
  );
  const planned = usePlannedChange(planner);

  return { template, chooseTemplate, headers, mapping, lowFields, setColumn, corrected, remember, setRemember, resetMapping, problems, restoreFormulas, setRestoreFormula, planned };
}
