/**
 * Workbook settings: the choices a PMO makes once per workbook (currency,
 * which risk band set, variance thresholds) and every job reads. They live
 * under the "settings" key of the workbook record. Sources disagree on bands
 * and thresholds, so they are choices here, with the first-listed defaults of
 * the PMO reference.
 */
import "../zod-setup";
import { z } from "zod";
import { EAC_METHOD_IDS, type EacMethod } from "../finance/measures";
import { DEFAULT_BAND_SET, DEFAULT_MATRIX_SIZE, MATRIX_SIZES, RISK_BAND_SET_IDS, type MatrixSizeId, type RiskBandSetId } from "../risk/bands";

export const SETTINGS_KEY = "settings";

export { RISK_BAND_SETS, RISK_BAND_SET_IDS, MATRIX_SIZES, type RiskBand, type RiskBandSetId, type MatrixSizeId } from "../risk/bands";

export const DEFAULT_SETTINGS = {
  currency: "GBP",
  riskBands: DEFAULT_BAND_SET as RiskBandSetId,
  /** Probability × impact levels of the heat map where a register's levels are numbers (words bring their own scale). */
  riskMatrix: DEFAULT_MATRIX_SIZE as MatrixSizeId,
  varianceAmberPercent: 5,
  varianceRedPercent: 10,
  /**
   * Amounts a variance must also pass ("±15,000 or 10%, whichever is
   * greater", PMO reference §3). The reference's common defaults are
   * percentages only, so the amounts start at 0 and a PMO sets its own.
   */
  varianceAmberAmount: 0,
  varianceRedAmount: 0,
  eacMethod: "cpi" as EacMethod,
};

const fields = {
  currency: z.string().regex(/^[A-Z]{3}$/, "a currency is a three-letter ISO code such as GBP"),
  riskBands: z.enum(RISK_BAND_SET_IDS as [RiskBandSetId, ...RiskBandSetId[]]),
  riskMatrix: z.enum(MATRIX_SIZES),
  varianceAmberPercent: z.number().min(0).max(100),
  varianceRedPercent: z.number().min(0).max(100),
  varianceAmberAmount: z.number().min(0),
  varianceRedAmount: z.number().min(0),
  eacMethod: z.enum(EAC_METHOD_IDS as [EacMethod, ...EacMethod[]]),
};

export type KnownSettings = typeof DEFAULT_SETTINGS;

export interface SettingsIssue {
  key: string;
  message: string;
}

/**
 * The known settings with defaults filled in, each checked on its own so one
 * bad value falls back to its default and is reported, not the whole record.
 * Keys this version does not know are kept in `other` and written back as
 * they were.
 */
export function readSettings(stored: Record<string, unknown>): { settings: KnownSettings; other: Record<string, unknown>; issues: SettingsIssue[] } {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const other: Record<string, unknown> = {};
  const issues: SettingsIssue[] = [];
  for (const [key, value] of Object.entries(stored)) {
    const schema = (fields as Record<string, z.ZodType>)[key];
    if (!schema) {
      other[key] = value;
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) settings[key] = parsed.data;
    else issues.push({ key, message: `stored setting “${key}” (${JSON.stringify(value)}) is not valid: ${parsed.error.issues[0]?.message ?? "unexpected value"}; the default is used` });
  }
  const s = settings as KnownSettings;
  if (s.varianceAmberPercent > s.varianceRedPercent) {
    issues.push({ key: "varianceAmberPercent", message: "the amber variance threshold is above the red one; the defaults are used" });
    s.varianceAmberPercent = DEFAULT_SETTINGS.varianceAmberPercent;
    s.varianceRedPercent = DEFAULT_SETTINGS.varianceRedPercent;
  }
  if (s.varianceAmberAmount > s.varianceRedAmount) {
    issues.push({ key: "varianceAmberAmount", message: "the amber variance amount is above the red one; the defaults are used" });
    s.varianceAmberAmount = DEFAULT_SETTINGS.varianceAmberAmount;
    s.varianceRedAmount = DEFAULT_SETTINGS.varianceRedAmount;
  }
  return { settings: s, other, issues };
}
