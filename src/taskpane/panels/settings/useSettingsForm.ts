import * as React from "react";
import { plan, type Plan } from "../../../core/plan/plan";
import type { EacMethod } from "../../../core/finance/measures";
import { readSettings, SETTINGS_KEY, type KnownSettings, type MatrixSizeId, type RiskBandSetId, type SettingsIssue } from "../../../core/metadata/settings";

export interface SettingsDraft {
  currency: string;
  riskBands: RiskBandSetId;
  riskMatrix: MatrixSizeId;
  /** Kept as typed, so a half-typed number is not rewritten under the user's cursor. */
  varianceAmberPercent: string;
  varianceRedPercent: string;
  varianceAmberAmount: string;
  varianceRedAmount: string;
  eacMethod: EacMethod;
}

export type SettingsErrors = Partial<Record<keyof SettingsDraft, string>>;

export interface SettingsFormState {
  draft: SettingsDraft;
  errors: SettingsErrors;
  /** Problems with the stored values (each fell back to its default). */
  storedIssues: SettingsIssue[];
  /** Stored keys this version does not know; kept and written back unchanged. */
  otherSettings: Record<string, unknown>;
  changed: boolean;
  /** The save as a plan (one setMetadata edit), empty when nothing changed or a field is invalid. */
  savePlan: Plan;
  update: <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => void;
  reset: () => void;
}

function toDraft(s: KnownSettings): SettingsDraft {
  return { currency: s.currency, riskBands: s.riskBands, riskMatrix: s.riskMatrix, varianceAmberPercent: String(s.varianceAmberPercent), varianceRedPercent: String(s.varianceRedPercent), ...financeDraft(s) };
}

function financeDraft(s: KnownSettings): Pick<SettingsDraft, "varianceAmberAmount" | "varianceRedAmount" | "eacMethod"> {
  return { varianceAmberAmount: String(s.varianceAmberAmount), varianceRedAmount: String(s.varianceRedAmount), eacMethod: s.eacMethod };
}

function amount(text: string): number | undefined {
  const t = text.trim().replace(/[,\s]/g, "");
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** The variance amounts and EAC method, or undefined with the errors filled in. */
function validateFinanceDraft(d: SettingsDraft, errors: SettingsErrors): Pick<KnownSettings, "varianceAmberAmount" | "varianceRedAmount" | "eacMethod"> | undefined {
  const amber = amount(d.varianceAmberAmount);
  const red = amount(d.varianceRedAmount);
  if (amber === undefined) errors.varianceAmberAmount = "Enter an amount of 0 or more.";
  if (red === undefined) errors.varianceRedAmount = "Enter an amount of 0 or more.";
  if (amber !== undefined && red !== undefined && amber > red) errors.varianceRedAmount = "The red amount must be at least the amber one.";
  if (amber === undefined || red === undefined || amber > red) return undefined;
  return { varianceAmberAmount: amber, varianceRedAmount: red, eacMethod: d.eacMethod };
}

function percent(text: string): number | undefined {
  const t = text.trim().replace(/%$/, "");
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 0 && n <= 100 ? n : undefined;
}

export function validateDraft(d: SettingsDraft): { errors: SettingsErrors; value?: KnownSettings } {
  const errors: SettingsErrors = {};
  if (!/^[A-Z]{3}$/.test(d.currency)) errors.currency = "Choose a three-letter currency code, such as GBP.";
  const amber = percent(d.varianceAmberPercent);
  const red = percent(d.varianceRedPercent);
  if (amber === undefined) errors.varianceAmberPercent = "Enter a percentage from 0 to 100.";
  if (red === undefined) errors.varianceRedPercent = "Enter a percentage from 0 to 100.";
  if (amber !== undefined && red !== undefined && amber > red) errors.varianceRedPercent = "The red threshold must be at least the amber one.";
  const finance = validateFinanceDraft(d, errors);
  if (Object.keys(errors).length || amber === undefined || red === undefined || !finance) return { errors };
  return { errors, value: { currency: d.currency, riskBands: d.riskBands, riskMatrix: d.riskMatrix, varianceAmberPercent: amber, varianceRedPercent: red, ...finance } };
}

/** The settings form: a draft over the stored settings, and the plan that saves it. */
export function useSettingsForm(stored: Record<string, unknown>): SettingsFormState {
  const read = React.useMemo(() => readSettings(stored), [stored]);
  const [draft, setDraft] = React.useState<SettingsDraft>(() => toDraft(read.settings));
  // A new stored record (after a save, an undo or a refresh) replaces the draft.
  React.useEffect(() => setDraft(toDraft(read.settings)), [read]);

  const { errors, value } = React.useMemo(() => validateDraft(draft), [draft]);
  const changed = React.useMemo(() => JSON.stringify(toDraft(read.settings)) !== JSON.stringify(draft), [read, draft]);
  const savePlan = React.useMemo(
    () => plan("Save workbook settings", changed && value ? [{ type: "setMetadata", key: SETTINGS_KEY, value: { ...read.other, ...value } }] : []),
    [changed, value, read],
  );
  const update = React.useCallback(<K extends keyof SettingsDraft>(key: K, v: SettingsDraft[K]) => setDraft((d) => ({ ...d, [key]: v })), []);
  const reset = React.useCallback(() => setDraft(toDraft(read.settings)), [read]);
  return { draft, errors, storedIssues: read.issues, otherSettings: read.other, changed, savePlan, update, reset };
}
