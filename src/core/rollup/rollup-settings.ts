/**
 * The rollup's own choices, stored under the workbook settings record next to
 * the shared ones (keys this module owns, kept as they are by the settings
 * form): whose RAG the Portfolio sheet shows and the CPI/SPI thresholds.
 */
import "../zod-setup";
import { z } from "zod";
import { readSettings } from "../metadata/settings";
import { DEFAULT_RAG_RULES, type RagRules } from "./rag";

const RollupSettingsSchema = z.object({
  rollupRagSource: z.enum(["rules", "stated"]).catch(DEFAULT_RAG_RULES.source),
  rollupIndexAmber: z.number().min(0).max(2).catch(DEFAULT_RAG_RULES.indexAmber),
  rollupIndexRed: z.number().min(0).max(2).catch(DEFAULT_RAG_RULES.indexRed),
  rollupOverdueAmber: z.number().int().min(1).catch(DEFAULT_RAG_RULES.overdueAmber),
  rollupOverdueRed: z.number().int().min(1).catch(DEFAULT_RAG_RULES.overdueRed),
});

/** The RAG rules a workbook's settings record sets; defaults where it sets none (or a bad value). */
export function ragRulesOfSettings(stored: Record<string, unknown>): RagRules {
  const { settings } = readSettings(stored);
  const own = RollupSettingsSchema.parse({
    rollupRagSource: stored.rollupRagSource,
    rollupIndexAmber: stored.rollupIndexAmber,
    rollupIndexRed: stored.rollupIndexRed,
    rollupOverdueAmber: stored.rollupOverdueAmber,
    rollupOverdueRed: stored.rollupOverdueRed,
  });
  const indexRed = Math.min(own.rollupIndexRed, own.rollupIndexAmber);
  return {
    ...DEFAULT_RAG_RULES,
    source: own.rollupRagSource,
    indexAmber: own.rollupIndexAmber,
    indexRed,
    overdueAmber: Math.min(own.rollupOverdueAmber, own.rollupOverdueRed),
    overdueRed: own.rollupOverdueRed,
    varianceAmberPercent: settings.varianceAmberPercent,
    varianceRedPercent: settings.varianceRedPercent,
  };
}
