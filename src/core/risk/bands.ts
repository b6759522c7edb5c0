/**
 * Risk band sets and matrix sizes: the one table every band comes from. The
 * Settings panel offers these sets, the risk template's colour rules use the
 * chosen one, validation names a risk's band from it and the heat map
 * colours its cells with it.
 *
 * Band sets are published for a 5×5 matrix (scores 1–25). On a smaller
 * matrix each level is placed where it sits on the 1–5 scale (on a 3×3, Low,
 * Medium and High sit at 1, 3 and 5), so High × High is the top band on any
 * matrix and a 3×3 register is not stuck in the lower bands.
 */

export interface RiskBand {
  name: string;
  /** Lowest P×I score in the band, inclusive. */
  min: number;
  /** Highest P×I score in the band, inclusive. */
  max: number;
  /** Fill for the band, #RRGGBB. */
  colour: string;
  /** Text colour readable on the fill. */
  textColour: string;
}

export interface RiskBandSet {
  label: string;
  bands: RiskBand[];
}

const GREEN = { colour: "#C6EFCE", textColour: "#006100" };
const AMBER = { colour: "#FFEB9C", textColour: "#9C5700" };
const PINK = { colour: "#FFC7CE", textColour: "#9C0006" };
// Black on the red: white on #FF0000 has a contrast of 4:1, under the 4.5:1 small text needs.
const RED = { colour: "#FF0000", textColour: "#000000" };

/**
 * Bands are contiguous so every score falls in exactly one; on a 5×5 matrix the
 * scores between the published bands (7, 11, 13, 14) cannot occur anyway.
 */
export const RISK_BAND_SETS = {
  standard: {
    label: "Low 1–4, Medium 5–9, High 10–15, Critical 16–25",
    bands: [
      { name: "Low", min: 1, max: 4, ...GREEN },
      { name: "Medium", min: 5, max: 9, ...AMBER },
      { name: "High", min: 10, max: 15, ...PINK },
      { name: "Critical", min: 16, max: 25, ...RED },
    ],
  },
  threeBand: {
    label: "Low 1–4, Medium 5–10, High 12–25",
    bands: [
      { name: "Low", min: 1, max: 4, ...GREEN },
      { name: "Medium", min: 5, max: 10, ...AMBER },
      { name: "High", min: 11, max: 25, ...PINK },
    ],
  },
  npsa: {
    label: "NPSA: Low 1–3, Moderate 4–6, High 8–12, Extreme 15–25",
    bands: [
      { name: "Low", min: 1, max: 3, ...GREEN },
      { name: "Moderate", min: 4, max: 7, ...AMBER },
      { name: "High", min: 8, max: 14, ...PINK },
      { name: "Extreme", min: 15, max: 25, ...RED },
    ],
  },
} as const satisfies Record<string, RiskBandSet>;

export type RiskBandSetId = keyof typeof RISK_BAND_SETS;
export const RISK_BAND_SET_IDS = Object.keys(RISK_BAND_SETS) as RiskBandSetId[];
export const DEFAULT_BAND_SET: RiskBandSetId = "standard";

/** Matrix sizes a workbook can choose: probability levels × impact levels. */
export const MATRIX_SIZES = ["5x5", "4x4", "3x3", "4x5", "5x4"] as const;
export type MatrixSizeId = (typeof MATRIX_SIZES)[number];
export const DEFAULT_MATRIX_SIZE: MatrixSizeId = "5x5";

export interface MatrixSize {
  probability: number;
  impact: number;
}

export function matrixSize(id: MatrixSizeId): MatrixSize {
  const [p, i] = id.split("x").map(Number);
  return { probability: p, impact: i };
}

/** Where level `level` of an `steps`-step scale sits on the 1–5 scale band sets are written for. */
function onFiveStepScale(level: number, steps: number): number {
  return steps <= 1 ? 5 : 1 + ((level - 1) * 4) / (steps - 1);
}

function bandOfFiveStepScore(set: readonly RiskBand[], score: number): RiskBand {
  let found = set[0];
  // A rescaled score can fall between two published bands (11.7 on a 4×4): it takes the band it has reached.
  for (const b of set) if (score + 1e-9 >= b.min) found = b;
  return found;
}

/** The band of a cell of the matrix: probability level `p` of `size.probability`, impact level `i` of `size.impact`. */
export function bandOfCell(set: readonly RiskBand[], size: MatrixSize, p: number, i: number): RiskBand {
  return bandOfFiveStepScore(set, onFiveStepScale(p, size.probability) * onFiveStepScale(i, size.impact));
}

/**
 * The band set in the matrix's own score units (P×I with its own levels), for
 * the register's score colours and band formula: each band runs from the
 * lowest score any of its cells has to just below the next band's. Where two
 * cells share a score but not a band, the higher band wins, so a risk is
 * never shown less severe than its cell.
 */
export function bandsForMatrix(set: readonly RiskBand[], size: MatrixSize): RiskBand[] {
  const bandAt = new Map<number, number>();
  for (let p = 1; p <= size.probability; p++) {
    for (let i = 1; i <= size.impact; i++) {
      const index = set.indexOf(bandOfCell(set, size, p, i));
      bandAt.set(p * i, Math.max(bandAt.get(p * i) ?? 0, index));
    }
  }
  const scores = [...bandAt.keys()].sort((a, b) => a - b);
  const out: RiskBand[] = [];
  let reached = 0;
  for (const s of scores) {
    reached = Math.max(reached, bandAt.get(s) ?? 0);
    const last = out[out.length - 1];
    if (last && last.name === set[reached].name) continue;
    if (last) last.max = s - 1;
    out.push({ ...set[reached], min: s, max: s });
  }
  out[out.length - 1].max = size.probability * size.impact;
  return out;
}

/** The band a score falls in; null for a score outside every band. */
export function bandOfScore(bands: readonly RiskBand[], score: number): RiskBand | null {
  return bands.find((b) => score >= b.min && score <= b.max) ?? null;
}
