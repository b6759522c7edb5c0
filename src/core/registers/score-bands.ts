/**
 * The bands a register's Score and Residual Score columns are coloured by:
 * the workbook's band set (its settings) placed on the register's own
 * matrix, so a Low/Medium/High register scoring 1–9 gets its top band at 9,
 * as its heat map does. A template that brings bands of its own (a PMO's
 * custom template) keeps them as they are written.
 */
import { readSettings } from "../metadata/settings";
import { bandsForMatrix, matrixSize, RISK_BAND_SETS, type RiskBand } from "../risk/bands";
import type { Band, Template } from "../templates/schema";
import type { FieldPlace } from "./formulas";

/** The probability and impact fields each score field multiplies. */
export const LEVELS_OF: Record<string, [string, string]> = {
  score: ["probability", "impact"],
  residualScore: ["residualProbability", "residualImpact"],
};

function ownSteps(place: FieldPlace | undefined): number | undefined {
  if (place?.fractions) return place.fractions.length + 1;
  return place?.scale ? Math.max(...place.scale.steps.map((s) => s.value)) : undefined;
}

function stepsOf(place: FieldPlace | undefined, fallback: FieldPlace | undefined, numeric: number): number {
  return ownSteps(place) ?? ownSteps(fallback) ?? numeric;
}

function sameBands(a: readonly Band[], b: readonly RiskBand[]): boolean {
  return a.length === b.length && a.every((x, k) => x.name === b[k].name && x.min === b[k].min && x.max === b[k].max && x.colour.toUpperCase() === b[k].colour.toUpperCase());
}

/** Bands for one score column of the register, in its own score units; the template's own when it has bands of its own. */
export function scoreBands(template: Template, field: string, places: Record<string, FieldPlace>, storedSettings: Record<string, unknown>): Band[] {
  const own = template.scales?.bands ?? [];
  const { settings } = readSettings(storedSettings);
  if (!sameBands(own, RISK_BAND_SETS.standard.bands)) return own;
  const [p, i] = LEVELS_OF[field] ?? LEVELS_OF.score;
  const numeric = matrixSize(settings.riskMatrix);
  const size = {
    probability: stepsOf(places[p], places.probability, numeric.probability),
    impact: stepsOf(places[i], places.impact, numeric.impact),
  };
  return bandsForMatrix(RISK_BAND_SETS[settings.riskBands].bands, size).map((b) => ({ name: b.name, min: b.min, max: b.max, colour: b.colour }));
}
