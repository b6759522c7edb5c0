/**
 * The heat-map job: find the risk registers (the registers job's
 * detection), read each one's rows once, place its risks on the workbook's
 * matrix with its band set, and plan the heat-map sheet(s) and the snapshot
 * the next draw measures movement against. Nothing is written here; the
 * caller previews the plan and asks the host to apply it (one undo).
 */
import { columnIndex, formatRange, parseRange, type RangeAddress } from "../../core/grid/address";
import type { DetectedRegister } from "../../core/detect/detect";
import { cellCountFormula, type RegisterPlace } from "../../core/heatmap/formulas";
import {
  countsOf,
  heatMapOf,
  mapRisks,
  registerReadings,
  sizeOf,
  type HeatMap,
  type MapBasis,
  type MappedRisk,
  type RegisterReadings,
} from "../../core/heatmap/model";
import { movementSince, readSnapshot, snapshotCells, snapshotOf, SNAPSHOT_COLUMNS, SNAPSHOT_HEADERS, SNAPSHOT_SHEET, type RiskMovement, type SnapshotEntry } from "../../core/heatmap/movement";
import { cellJsonBytes } from "../registers/cell-weight";
import { heatMapSheetEdits, isHeatMapSheet, type HeatMapSource } from "../../core/heatmap/sheet";
import { readSettings } from "../../core/metadata/settings";
import { plan, type Plan } from "../../core/plan/plan";
import type { CellInput, Edit } from "../../core/plan/edits";
import { matrixSize, RISK_BAND_SETS, type RiskBand } from "../../core/risk/bands";
import { templateForKind } from "../../core/templates/catalogue";
import type { WorkbookHost, WorkbookOutline } from "../../hosts/host";
import { detectRegisters, PREVIEW_ROWS } from "../registers/detect";
import { rememberingReads } from "../registers/remembered-reads";
import { readRegisterRows } from "../registers/register-rows";
import { LEVEL_FIELDS, readRiskRows, titlesFor } from "./risk-rows";

export interface HeatMapOptions {
  /** One map of every risk register together instead of one map each. */
  combined?: boolean;
  /** Rank the top ten and measure movement on residual scores. */
  basis?: MapBasis;
  /** The time the map is drawn at; defaults to now. */
  now?: Date;
}

/** One risk register as the heat map reads it. */
export interface RiskRegisterMap {
  register: DetectedRegister;
  /** "NDU Risks" or "Risks (table RiskRegister)". */
  label: string;
  place: RegisterPlace;
  readings: RegisterReadings;
  risks: MappedRisk[];
  map: HeatMap;
  hasStatus: boolean;
  /** A level or status column holds formulas: the risks were placed by the file's cached results of them. */
  placedByFormulas: boolean;
}

export interface HeatMapReading {
  outline: WorkbookOutline;
  registers: RiskRegisterMap[];
  /** Risk registers found but not mapped, and why. */
  skipped: { sheet: string; reason: string }[];
  bandSet: readonly RiskBand[];
  settingsIssues: string[];
}

/** The key a register's risks are kept under in the snapshot. */
export function registerKey(register: DetectedRegister): string {
  return register.table ? `${register.sheet.trim()} [${register.table}]` : register.sheet.trim();
}

/** Rows the register's formulas cover: a table's whole body, else the rows detection found. */
function coveredRows(register: DetectedRegister, outline: WorkbookOutline): { firstRow: number; lastRow: number } {
  const table = register.table ? outline.sheets.find((s) => s.name === register.sheet)?.tables.find((t) => t.name === register.table) : undefined;
  const range = table ? parseRange(table.address) : undefined;
  if (table && range) return { firstRow: range.top + 1, lastRow: Math.max(range.top + 1, range.bottom - (table.showTotals ? 1 : 0)) };
  return { firstRow: register.firstRow, lastRow: register.lastRow };
}

/** Reads every risk register and places its risks; writes nothing. */
export async function readHeatMaps(workbook: WorkbookHost, knownOutline?: WorkbookOutline): Promise<HeatMapReading> {
  const outline = knownOutline ?? (await workbook.outline({ previewRows: PREVIEW_ROWS }));
  // Detection reads a long register to the end of the used range; reading its rows again comes from that read.
  const host = rememberingReads(workbook);
  const { settings, issues } = readSettings(outline.metadata.settings);
  const bandSet = RISK_BAND_SETS[settings.riskBands].bands;
  const numericSize = matrixSize(settings.riskMatrix);
  const template = templateForKind("risk");
  const registers: RiskRegisterMap[] = [];
  const skipped: HeatMapReading["skipped"] = [];
  // The host with its light reads, where it has them (the type then says queryCells is there).
  const querying = host.queryCells ? { ...host, queryCells: host.queryCells } : null;
  // A long register is measured without reading all its cells: the map needs only some of its columns.
  for (const found of await detectRegisters(host, { lightBody: true }, outline)) {
    if (found.kind !== "risk") continue;
    if (!found.columns.probability || !found.columns.impact) {
      skipped.push({ sheet: found.sheet, reason: `no ${found.columns.probability ? "impact" : "probability"} column was found, so its risks cannot be placed` });
      continue;
    }
    const register = { ...found, ...coveredRows(found, outline) };
    const preview = outline.sheets.find((s) => s.name === register.sheet)?.preview ?? null;
    const light = querying ? await readRiskRows(querying, register, template, preview) : null;
    const rows = light ? light.rows : await readRegisterRows(host, register, template, false);
    const placedByFormulas = light ? light.placedByFormulas : rows.rows.some((r) => LEVEL_FIELDS.some((f) => r.cells[f]?.formula != null));
    const readings = registerReadings(rows, numericSize);
    const risks = mapRisks(rows, readings, bandSet);
    const hasStatus = rows.columns.status !== undefined;
    const map = heatMapOf(risks, readings, bandSet, hasStatus);
    if (light && querying) await titlesFor(querying, register, light.titleColumns, map, preview);
    const columns: Record<string, number> = {};
    const headers: Record<string, string> = {};
    for (const [field, mapped] of Object.entries(register.columns)) {
      const c = columnIndex(mapped.column);
      if (c === undefined) continue;
      columns[field] = c;
      headers[field] = mapped.header;
    }
    const place: RegisterPlace = { sheet: register.sheet, ...(register.table ? { table: register.table } : {}), headers, columns, firstRow: register.firstRow, lastRow: register.lastRow };
    registers.push({
      register,
      label: register.table ? `${register.sheet.trim()} (table ${register.table})` : register.sheet.trim(),
      place,
      readings,
      risks,
      map,
      hasStatus,
      placedByFormulas,
    });
  }
  return { outline, registers, skipped, bandSet, settingsIssues: issues.map((i) => i.message) };
}

/** One drawn map: which registers, on which sheet. */
export interface DrawnHeatMap {
  sheet: string;
  subject: string;
  registers: RiskRegisterMap[];
  map: HeatMap;
  movement: RiskMovement[] | null;
}

export type HeatMapDrawing =
  | { ok: true; plan: Plan; maps: DrawnHeatMap[]; reading: HeatMapReading; notes: string[] }
  | { ok: false; message: string; reading: HeatMapReading };

const SHEET_NAME_LIMIT = 31;

/** "Heat Map" and a register's sheet name, cut to what Excel allows. */
export function sheetNameFor(base: string, suffix: string): string {
  const clean = suffix.replace(/[\\/?*[\]:]/g, " ").replace(/\s+/g, " ").trim();
  const name = clean ? `${base} ${clean}` : base;
  // Excel refuses a sheet name that ends with an apostrophe, which cutting a name ("Vendor's risks") can leave.
  return (name.length <= SHEET_NAME_LIMIT ? name : name.slice(0, SHEET_NAME_LIMIT)).replace(/[\s']+$/, "");
}

/** A sheet an earlier draw made (its first cell says so) may be drawn over; any other sheet of that name is the user's. */
function isOwnSheet(outline: WorkbookOutline, name: string): boolean {
  const sheet = outline.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  const startsAtA1 = sheet?.preview ? parseRange(sheet.preview.address)?.top === 1 && parseRange(sheet.preview.address)?.left === 1 : false;
  return !!sheet && startsAtA1 && isHeatMapSheet(sheet.preview?.values[0]?.[0]);
}

function targetSheet(outline: WorkbookOutline, wanted: string, taken: Set<string>): string {
  const free = (n: string) => !taken.has(n.toLowerCase()) && (!outline.sheets.some((s) => s.name.toLowerCase() === n.toLowerCase()) || isOwnSheet(outline, n));
  let name = wanted;
  for (let k = 2; !free(name); k++) name = sheetNameFor(wanted.slice(0, SHEET_NAME_LIMIT - 4), `(${k})`);
  taken.add(name.toLowerCase());
  return name;
}

function usedRangeOf(outline: WorkbookOutline, sheet: string): RangeAddress | null {
  const s = outline.sheets.find((x) => x.name.toLowerCase() === sheet.toLowerCase());
  return s?.usedRange ? (parseRange(s.usedRange) ?? null) : null;
}

/** The last draw's snapshot: only its values, in one round trip where the host can (queryCells). */
async function previousSnapshot(host: WorkbookHost, outline: WorkbookOutline): Promise<SnapshotEntry[]> {
  const used = usedRangeOf(outline, SNAPSHOT_SHEET);
  if (!used) return [];
  const address = formatRange({ top: 1, left: 1, bottom: used.bottom, right: Math.max(SNAPSHOT_HEADERS.length, used.right) });
  if (!host.queryCells) return readSnapshot((await host.read(SNAPSHOT_SHEET, address)).values);
  const preview = outline.sheets.find((x) => x.name.toLowerCase() === SNAPSHOT_SHEET.toLowerCase())?.preview;
  const cells = (preview?.values ?? []).flat();
  const width = parseRange(address)?.right ?? SNAPSHOT_HEADERS.length;
  // cellJsonBytes weighs a cell alone on its row (brackets and all); here a row of `width` cells shares them.
  const bytesPerCell = cells.length ? cells.reduce((n: number, v) => n + cellJsonBytes(v) - 2, 0) / cells.length + 2 / width : undefined;
  const [answer] = await host.queryCells(SNAPSHOT_SHEET, [{ address, ask: "values", ...(bytesPerCell ? { bytesPerCell } : {}) }]);
  return readSnapshot(answer?.cells ?? []);
}

function isoMinute(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The groups of registers drawn together: all in one when combined, else one each. */
function groupsOf(registers: RiskRegisterMap[], combined: boolean): RiskRegisterMap[][] {
  return combined ? [registers] : registers.map((r) => [r]);
}

function combinedMap(group: RiskRegisterMap[], bandSet: readonly RiskBand[]): HeatMap {
  if (group.length === 1) return group[0].map;
  const first = group[0].readings;
  const residual = group.every((g) => g.readings.residualProbability) ? first : { ...first, residualProbability: null, residualImpact: null };
  return heatMapOf(
    group.flatMap((g) => g.risks),
    residual,
    bandSet,
    group.every((g) => g.hasStatus),
  );
}

/** Plans the heat-map sheet(s) and the snapshot. */
export async function planHeatMaps(host: WorkbookHost, options: HeatMapOptions = {}): Promise<HeatMapDrawing> {
  const reading = await readHeatMaps(host);
  const { outline, registers, bandSet } = reading;
  if (!registers.length) {
    const why = reading.skipped.length ? ` (${reading.skipped.map((s) => `sheet “${s.sheet}”: ${s.reason}`).join("; ")})` : "";
    return { ok: false, message: `no risk register with probability and impact columns was found${why}; nothing was changed`, reading };
  }
  if (options.combined) {
    const sizes = new Set(registers.map((r) => `${sizeOf(r.readings).probability}×${sizeOf(r.readings).impact}`));
    if (sizes.size > 1) {
      return { ok: false, message: `the risk registers are on different matrices (${[...sizes].join(", ")}: ${registers.map((r) => `${r.label} ${sizeOf(r.readings).probability}×${sizeOf(r.readings).impact}`).join(", ")}), so they cannot share one map; draw one map each instead`, reading };
    }
  }
  const wantedBasis = options.basis ?? "inherent";
  const drawnAt = isoMinute(options.now ?? new Date());
  const previous = await previousSnapshot(host, outline);
  const taken = new Set<string>();
  const edits: Edit[] = [];
  const maps: DrawnHeatMap[] = [];
  const groups = groupsOf(registers, !!options.combined);
  const notes = reading.skipped.map((s) => `sheet “${s.sheet}”: ${s.reason}`);
  for (const group of groups) {
    const single = groups.length === 1;
    const sheet = targetSheet(outline, single ? "Heat Map" : sheetNameFor("Heat Map", group[0].register.sheet), taken);
    const map = combinedMap(group, bandSet);
    // Asked for residual ranking where the register records no residual levels: ranked on what it has, and said so, rather than an empty top ten.
    const basis = wantedBasis === "residual" && !map.residual ? "inherent" : wantedBasis;
    if (basis !== wantedBasis) notes.push(`${group.length === 1 ? group[0].label : "the combined registers"}: no residual probability and impact columns, so the ten highest and the movement are by inherent score`);
    const hadSnapshot = group.some((g) => previous.some((e) => e.register.toLowerCase() === registerKey(g.register).toLowerCase()));
    const movement = hadSnapshot ? group.flatMap((g) => movementSince(registerKey(g.register), previous, g.risks, basis)) : null;
    const subject = group.length === 1 ? group[0].label : `${group.length} risk registers combined (${group.map((g) => g.label).join(", ")})`;
    const sources: HeatMapSource[] = group.map((g) => ({ place: g.place, readings: g.readings, placedByFormulas: g.placedByFormulas }));
    const exists = outline.sheets.some((s) => s.name.toLowerCase() === sheet.toLowerCase());
    edits.push(
      ...heatMapSheetEdits({ sheet, subject, map, sources, basis, movement, drawnAt, labelRegister: group.length > 1, previous: exists ? usedRangeOf(outline, sheet) : null, sheetExists: exists }),
    );
    maps.push({ sheet, subject, registers: group, map, movement });
  }
  edits.push(...snapshotEdits(outline, previous, registers, drawnAt));
  const unformulated = maps.filter((m) => cellCountFormula(m.registers.map((g) => ({ place: g.place, readings: g.readings })), "inherent", 1, 1) === undefined);
  for (const m of unformulated) notes.push(`${m.subject}: counts are written as numbers (a level column could not be referred to)`);
  return { ok: true, plan: plan(maps.length === 1 ? "Draw the risk heat map" : `Draw ${maps.length} risk heat maps`, edits), maps, reading, notes };
}

/** The snapshot sheet: this draw's risks, plus those of registers not drawn this time, as they were. */
function snapshotEdits(outline: WorkbookOutline, previous: SnapshotEntry[], registers: RiskRegisterMap[], drawnAt: string): Edit[] {
  const drawn = new Set(registers.map((r) => registerKey(r.register).toLowerCase()));
  const entries = [...previous.filter((e) => !drawn.has(e.register.toLowerCase())), ...registers.flatMap((r) => snapshotOf(registerKey(r.register), r.risks, drawnAt))];
  const { rows, headerRows } = snapshotCells(entries);
  const used = usedRangeOf(outline, SNAPSHOT_SHEET);
  const height = Math.max(rows.length, used?.bottom ?? 0);
  // Over a snapshot of the earlier layout (six columns) its cells are cleared too.
  const width = Math.max(SNAPSHOT_COLUMNS.length, used?.right ?? 0);
  const cells: CellInput[][] = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => rows[r]?.[c] ?? null));
  const exists = outline.sheets.some((s) => s.name.toLowerCase() === SNAPSHOT_SHEET.toLowerCase());
  const edits: Edit[] = [];
  if (!exists) edits.push({ type: "addSheet", sheet: SNAPSHOT_SHEET, hidden: "visible" });
  edits.push({ type: "setCells", sheet: SNAPSHOT_SHEET, address: formatRange({ top: 1, left: 1, bottom: height, right: width }), cells, label: "risk snapshot for the next draw's movement" });
  for (const row of headerRows) edits.push({ type: "setStyle", sheet: SNAPSHOT_SHEET, address: formatRange({ top: row, bottom: row, left: 1, right: SNAPSHOT_COLUMNS.length }), style: { bold: true } });
  return edits;
}

/** `pmo heatmap --json`: the CLI contract's keys for the first map, and every map drawn. */
export function heatMapJson(drawing: Extract<HeatMapDrawing, { ok: true }>, file: string): Record<string, unknown> {
  const one = (m: DrawnHeatMap) => ({
    sheet: m.sheet,
    registers: m.registers.map((r) => ({ sheet: r.register.sheet, table: r.register.table ?? null, firstRow: r.place.firstRow, lastRow: r.place.lastRow })),
    size: [m.map.size.probability, m.map.size.impact],
    probabilityLevels: m.map.probabilityLabels,
    impactLevels: m.map.impactLabels,
    inherent: countsOf(m.map.inherent),
    residual: m.map.residual ? countsOf(m.map.residual) : null,
    bands: m.map.bands.map((b) => ({ name: b.name, min: b.min, max: b.max, colour: b.colour })),
    open: m.map.open,
    closed: m.map.closed,
    filter: m.map.filter,
    movement: m.movement,
  });
  const first = one(drawing.maps[0]);
  return { file, size: first.size, inherent: first.inherent, residual: first.residual, maps: drawing.maps.map(one), notes: drawing.notes };
}
