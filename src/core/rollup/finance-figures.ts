/**
 * The few finance figures a rollup shows, from the amounts a project's
 * trackers hold. CPI, SPI, % complete and EAC = BAC / CPI are the finance
 * engine's earned value measures (PMO reference §3), so a rollup and a
 * variance sheet cannot disagree. Division by zero gives no value, never
 * Infinity.
 */
import { evmMeasures } from "../finance/measures";

export interface MappedAmounts {
  /** Budget at completion (approved budget, with approved changes where recorded). */
  budget: number | null;
  actual: number | null;
  /** Forecast at completion when a tracker holds it (EAC column, or actual + forecast to complete). */
  forecastAtCompletion: number | null;
  earnedValue: number | null;
  plannedValue: number | null;
  /** Actual cost of the work earned value measures. */
  actualCostEv: number | null;
}

export interface FinanceFigures {
  forecast: { value: number; how: string } | null;
  variance: number | null;
  variancePercent: number | null;
  cpi: number | null;
  spi: number | null;
  percentComplete: number | null;
}

function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

export function financeFigures(m: MappedAmounts): FinanceFigures {
  const evm = evmMeasures({ bac: m.budget, pv: m.plannedValue, ev: m.earnedValue, ac: m.actualCostEv, etcEstimate: null }, "cpi");
  const { cpi, spi } = evm;
  let forecast: FinanceFigures["forecast"] = null;
  if (m.forecastAtCompletion !== null) forecast = { value: m.forecastAtCompletion, how: "forecast at completion as the tracker states it" };
  else if (evm.eacCpi !== null && cpi !== null && cpi > 0) forecast = { value: evm.eacCpi, how: "EAC = BAC / CPI (cost performance persists)" };
  const variance = m.budget !== null && forecast ? m.budget - forecast.value : null;
  return {
    forecast,
    variance,
    variancePercent: variance !== null ? ratio(variance, m.budget) : null,
    cpi,
    spi,
    percentComplete: evm.percentComplete,
  };
}
