/**
 * The risk heat map as data: one register's risks (or several registers'
 * together) placed on the probability × impact matrix, inherent and residual,
 * with each cell's count, risk IDs and band, the ten highest risks and the
 * filter that chose which risks count. Pure: the register's rows in, the map
 * out. The counts here are what the heat-map sheet's formulas calculate;
 * tests recalculate the sheet in another engine and compare.
 */
import { isBlank, isCellError, type CellValue } from "../grid/cell";
import { bandOfCell, bandsForMatrix, type MatrixSize, type RiskBand } from "../risk/bands";
import { levelOnReading, levelReading, type LevelReading } from "../risk/levels";
import type { RegisterRows } from "../validate/register-rows";
import { levelDescriptors } from "./descriptors";
import { CLOSED_STATUSES } from "../registers/closed-statuses";

/**
 * A status cell takes a risk off the map when its text is one of the closed
 * statuses, in any case (not trimmed: the sheet's formulas test exactly this,
 * and say so on the sheet); blank or anything else is open.
 */
export { CLOSED_STATUSES };

const CLOSED_KEYS = new Set(CLOSED_STATUSES.map((s) => s.toLowerCase()));

export function isClosed(status: CellValue): boolean {
  return typeof status === "string" && CLOSED_KEYS.has(status.toLowerCase());
}

export type MapBasis = "inherent" | "residual";

export interface HeatMapCell {
  /** 1…size.probability. */
  probability: number;
  /** 1…size.impact. */
  impact: number;
  count: number;
  /** IDs of the risks in the cell, in register order. */
  ids: string[];
  /** Sheet rows of those risks (1-based), same order as ids. */
  rows: { sheet: string; row: number }[];
  band: RiskBand;
}

export interface HeatMapGrid {
  /** Rows from the highest probability down; columns from the lowest impact up. */
  cells: HeatMapCell[][];
  /** Open risks placed on the grid. */
  placed: number;
  /** Open risks left off because a level is blank or off the scale (sheet row numbers). */
  unplaced: { sheet: string; row: number }[];
}

export interface MappedRisk {
  sheet: string;
  row: number;
  /** The risk's ID cell (or its probability cell when the register has no ID column), to show it in the sheet. */
  cell: string;
  id: string;
  title: string;
  open: boolean;
  inherent: { probability: number; impact: number; score: number; band: RiskBand } | null;
  residual: { probability: number; impact: number; score: number; band: RiskBand } | null;
}

export interface RegisterReadings {
  probability: LevelReading;
  impact: LevelReading;
  residualProbability: LevelReading | null;
  residualImpact: LevelReading | null;
}

export interface HeatMap {
  size: MatrixSize;
  /** Descriptors of each level, lowest first ("Rare" … "Almost certain", "Low" … "High"). */
  probabilityLabels: string[];
  impactLabels: string[];
  /** The band set as it falls on this matrix, in its own score units. */
  bands: RiskBand[];
  /** Which risks count, in words, for the sheet and the pane. */
  filter: string;
  inherent: HeatMapGrid;
  residual: HeatMapGrid | null;
  risks: MappedRisk[];
  open: number;
  closed: number;
}

export interface HeatMapOptions {
  /** The band set, as published for 5×5 (core/risk/bands). */
  bandSet: readonly RiskBand[];
  /** Levels where a register scores in numbers (the workbook's matrix setting). */
  numericSize: MatrixSize;
}

/** What placing a register's risks reads of it: the rollup places risks it read without a template, the heat map a validated register's. */
export type RiskRows = Pick<RegisterRows, "sheet" | "columns" | "rows">;

function hasField(reg: RiskRows, field: string): boolean {
  return reg.columns[field] !== undefined;
}

function columnValues(reg: RiskRows, field: string): CellValue[] {
  return reg.rows.map((r) => r.cells[field]?.value ?? null);
}

/**
 * How each level column of the register is read. Inherent and residual
 * columns share one scale per dimension (their words are pooled), so both
 * maps have the same size.
 */
export function registerReadings(reg: RiskRows, numericSize: MatrixSize): RegisterReadings {
  const reading = (fields: string[], dimension: "probability" | "impact", steps: number) => {
    const values = fields.filter((f) => hasField(reg, f)).flatMap((f) => columnValues(reg, f));
    return levelReading(values, dimension, steps);
  };
  const probability = reading(["probability", "residualProbability"], "probability", numericSize.probability);
  const impact = reading(["impact", "residualImpact"], "impact", numericSize.impact);
  const residual = hasField(reg, "residualProbability") && hasField(reg, "residualImpact");
  return { probability, impact, residualProbability: residual ? probability : null, residualImpact: residual ? impact : null };
}

export function sizeOf(readings: RegisterReadings): MatrixSize {
  return { probability: readings.probability.steps, impact: readings.impact.steps };
}

function idText(v: CellValue, row: number): string {
  if (isBlank(v) || isCellError(v)) return `row ${row}`;
  return String(v).trim();
}

function emptyGrid(size: MatrixSize, set: readonly RiskBand[]): HeatMapGrid {
  const cells: HeatMapCell[][] = [];
  for (let p = size.probability; p >= 1; p--) {
    const line: HeatMapCell[] = [];
    for (let i = 1; i <= size.impact; i++) line.push({ probability: p, impact: i, count: 0, ids: [], rows: [], band: bandOfCell(set, size, p, i) });
    cells.push(line);
  }
  return { cells, placed: 0, unplaced: [] };
}

export function cellAt(grid: HeatMapGrid, size: MatrixSize, p: number, i: number): HeatMapCell {
  return grid.cells[size.probability - p][i - 1];
}

/** The risks of one register on the matrix: levels, scores and bands, open or closed. */
export function mapRisks(reg: RiskRows, readings: RegisterReadings, set: readonly RiskBand[]): MappedRisk[] {
  const size = sizeOf(readings);
  const place = (pField: string, iField: string, cells: RegisterRows["rows"][number]["cells"]) => {
    const p = levelOnReading(cells[pField]?.value ?? null, readings.probability);
    const i = levelOnReading(cells[iField]?.value ?? null, readings.impact);
    return p === null || i === null ? null : { probability: p, impact: i, score: p * i, band: bandOfCell(set, size, p, i) };
  };
  return reg.rows.map((r) => ({
    sheet: reg.sheet,
    row: r.row,
    cell: `${reg.columns.id ?? reg.columns.probability}${r.row}`,
    id: idText(r.cells.id?.value ?? null, r.row),
    title: String(r.cells.title?.value ?? r.cells.description?.value ?? "").trim(),
    open: !isClosed(r.cells.status?.value ?? null),
    inherent: place("probability", "impact", r.cells),
    residual: readings.residualProbability ? place("residualProbability", "residualImpact", r.cells) : null,
  }));
}

function fillGrid(grid: HeatMapGrid, size: MatrixSize, risks: readonly MappedRisk[], basis: MapBasis): void {
  for (const risk of risks) {
    if (!risk.open) continue;
    const at = risk[basis];
    if (!at) {
      grid.unplaced.push({ sheet: risk.sheet, row: risk.row });
      continue;
    }
    const cell = cellAt(grid, size, at.probability, at.impact);
    cell.count++;
    cell.ids.push(risk.id);
    cell.rows.push({ sheet: risk.sheet, row: risk.row });
    grid.placed++;
  }
}

export function filterText(hasStatus: boolean): string {
  return hasStatus
    ? `Open risks only: a risk whose Status is ${CLOSED_STATUSES.join(", ")} (any case) is left out; blank or any other status counts.`
    : "Every risk: the register has no Status column, so none is left out.";
}

/**
 * The heat map of risks already placed (one register's, or several
 * registers' on the same matrix). `hasResidual` draws the residual map too.
 */
export function heatMapOf(risks: readonly MappedRisk[], readings: RegisterReadings, set: readonly RiskBand[], hasStatus: boolean): HeatMap {
  const size = sizeOf(readings);
  const inherent = emptyGrid(size, set);
  fillGrid(inherent, size, risks, "inherent");
  let residual: HeatMapGrid | null = null;
  if (readings.residualProbability) {
    residual = emptyGrid(size, set);
    fillGrid(residual, size, risks, "residual");
  }
  const open = risks.filter((r) => r.open).length;
  return {
    size,
    probabilityLabels: levelDescriptors(readings.probability, "probability"),
    impactLabels: levelDescriptors(readings.impact, "impact"),
    bands: bandsForMatrix(set, size),
    filter: filterText(hasStatus),
    inherent,
    residual,
    risks: [...risks],
    open,
    closed: risks.length - open,
  };
}

/** One register's heat map. */
export function buildHeatMap(reg: RegisterRows, options: HeatMapOptions): HeatMap {
  const readings = registerReadings(reg, options.numericSize);
  return heatMapOf(mapRisks(reg, readings, options.bandSet), readings, options.bandSet, hasField(reg, "status"));
}

/** Counts only, as `pmo heatmap --json` gives them. */
export function countsOf(grid: HeatMapGrid): number[][] {
  return grid.cells.map((line) => line.map((c) => c.count));
}

/**
 * The open risks with the highest scores on the basis (inherent or
 * residual), highest first; ties keep register order.
 */
export function topRisks(map: HeatMap, basis: MapBasis, count = 10): MappedRisk[] {
  return map.risks
    .filter((r) => r.open && r[basis])
    .map((r, k) => ({ r, k }))
    .sort((a, b) => (b.r[basis]?.score ?? 0) - (a.r[basis]?.score ?? 0) || a.k - b.k)
    .slice(0, count)
    .map((x) => x.r);
}
