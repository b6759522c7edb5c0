/**
 * `pmo heatmap <workbook>`: draws the risk heat map of every risk register
 * (or one combined map) on a sheet of live counts, keeps a snapshot for the
 * next draw's movement, and saves to --out FILE or, with --in-place, over the
 * input after a backup.
 */
import * as path from "node:path";
import { describe } from "../../core/plan/describe";
import { openWorkbookForChange, saveWorkbookFile } from "../../hosts/xlsx/workbook-file";
import { heatMapJson, planHeatMaps, type DrawnHeatMap } from "../../jobs/heatmap/heatmap";
import { EXIT, ExitError } from "../errors";
import type { CliIo } from "../io";
import type { OutputTarget } from "../options";

export interface HeatMapCommandOptions {
  workbook: string;
  target: OutputTarget;
  /** Rank the top ten and measure movement on residual scores. */
  residual: boolean;
  /** One map of all risk registers together. */
  combined: boolean;
  json: boolean;
}

/** A map as text: probability rows from high to low, counts under impact columns. */
function mapLines(m: DrawnHeatMap): string[] {
  const { map } = m;
  const width = Math.max(...map.probabilityLabels.map((l) => l.length)) + 3;
  const cellWidth = 5;
  const grid = (title: string, counts: number[][]) => [
    `  ${title}`,
    ...counts.map((row, r) => {
      const p = map.size.probability - r;
      return `  ${`${p} ${map.probabilityLabels[p - 1]}`.padEnd(width)}${row.map((c) => String(c).padStart(cellWidth)).join("")}`;
    }),
    `  ${"".padEnd(width)}${map.impactLabels.map((_, i) => String(i + 1).padStart(cellWidth)).join("")}  (impact)`,
  ];
  const lines = [`${m.sheet}: ${m.subject} (${map.size.probability} × ${map.size.impact}; ${map.open} open, ${map.closed} closed)`];
  lines.push(...grid("Inherent", map.inherent.cells.map((r) => r.map((c) => c.count))));
  if (map.residual) lines.push(...grid("Residual", map.residual.cells.map((r) => r.map((c) => c.count))));
  return lines;
}

export async function heatmap(options: HeatMapCommandOptions, io: CliIo): Promise<void> {
  const source = path.resolve(io.cwd, options.workbook);
  const target = options.target;
  if (target.kind === "file" && path.resolve(io.cwd, target.path) === source) {
    io.err(`pmo heatmap: --out ${target.path} is the input workbook; use --in-place to change it (a backup is kept) or choose another file name`);
    throw new ExitError(EXIT.usage);
  }
  io.progress(`Reading ${options.workbook}...`);
  const host = await openWorkbookForChange(source);
  const drawing = await planHeatMaps(host, { combined: options.combined, basis: options.residual ? "residual" : "inherent" });
  if (!drawing.ok) {
    io.err(`pmo heatmap: ${options.workbook}: ${drawing.message}`);
    throw new ExitError(EXIT.usage);
  }
  await host.apply(drawing.plan, (done, total) => io.progress(`Drawing ${done}/${total}...`));
  const written = await saveWorkbookFile(host, target.kind === "inPlace" ? { inPlace: true, source } : { out: path.resolve(io.cwd, target.path), source });
  if (options.json) {
    io.out(JSON.stringify({ ...heatMapJson(drawing, options.workbook), output: written.path, backup: written.backup ?? null }, null, 2));
    return;
  }
  const lines = [...drawing.maps.flatMap(mapLines), ...describe(drawing.plan).slice(0, 1)];
  if (drawing.notes.length) lines.push("Notes:", ...drawing.notes.map((n) => `  - ${n}`));
  lines.push(`Wrote ${written.path}${written.backup ? ` (backup of the original: ${written.backup})` : ""}.`);
  io.out(lines.join("\n"));
}
