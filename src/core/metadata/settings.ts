/**
 * Workbook settings: the choices a PMO makes once per workbook (currency,
 * which risk band set, variance thresholds) and every job reads. They live
 * under the "settings" key of the workbook record. Sources disagree on bands
 * and thresholds, so they are choices here, with the first-listed defaults of
 * the PMO reference.
 */
import { z } from "zod";
import { EAC_METHOD_IDS, type EacMethod } from "../finance/measures";

export const SETTINGS_KEY = "settings";

export interface RiskBand {
  name: string;
  /** Lowest P×I score in the band, inclusive. */
  min: number;
  /** Highest P×I score in the band, inclusive. */
  max: number;
}

/**
 * Bands are contiguous so every score falls in exactly one; on a 5×5 matrix the
 * scores between the published bands (7, 11, 13, 14) cannot occur anyway.
 */
export const RISK_BAND_SETS = {
  standard: {
    label: "Low 1–4, Medium 5–9, High 10–15, Critical 16–25",
    bands: [
      { name: "Low", min: 1, max: 4 },
      { name: "Medium", min: 5, max: 9 },
      { name: "High", min: 10, max: 15 },
      { name: "Critical", min: 16, max: 25 },
    ],
  },
  threeBand: {
    label: "Low 1–4, Medium 5–10, High 12–25",
    bands: [
      { name: "Low", min: 1, max: 4 },
      { name: "Medium", min: 5, max: 10 },
      { name: "High", min: 11, max: 25 },
    ],
  },
  npsa: {
    label: "NPSA: Low 1–3, Moderate 4–6, High 8–12, Extreme 15–25",
    bands: [
      { name: "Low", min: 1, max: 3 },
      { name: "Moderate", min: 4, max: 7 },
      { name: "High", min: 8, max: 14 },
      { name: "Extreme", min: 15, max: 25 },
    ],
  },
} as const satisfies Record<string, { label: string; bands: RiskBand[] }>;

export type RiskBandSetId = keyof typeof RISK_BAND_SETS;
export const RISK_BAND_SET_IDS = Object.keys(RISK_BAND_SETS) as RiskBandSetId[];

export const DEFAULT_SETTINGS = {
  currency: "GBP",
  riskBands: "standard" as RiskBandSetId,
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
