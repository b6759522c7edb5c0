/**
 * A workbook as the port shows it: the outline (sheets, tables with headers,
 * merges, stored record) and every used range read in full. Two hosts agree
 * when these are equal.
 */
import type { WorkbookHost } from "../../src/hosts/host";

/**
 * `rankPositions` compares sheet order among the sheets the outline lists:
 * a plan cannot say where a sheet goes (Excel adds it at the end), so a sheet
 * deleted and added back may land after the hidden record sheet.
 */
export async function portState(host: WorkbookHost, opts: { rankPositions?: boolean } = {}): Promise<unknown> {
  const outline = await host.outline({ previewRows: 5 });
  if (opts.rankPositions) {
    [...outline.sheets].sort((a, b) => a.position - b.position).forEach((s, rank) => (s.position = rank));
  }
  const sheets = [];
  for (const s of outline.sheets) {
    const grid = s.usedRange ? await host.read(s.name, s.usedRange) : null;
    sheets.push({
      name: s.name,
      position: s.position,
      visibility: s.visibility,
      usedRange: s.usedRange,
      merges: [...s.merges].sort(),
      tables: s.tables.map((t) => ({ name: t.name, address: t.address, headers: t.headers, showTotals: t.showTotals })),
      values: grid?.values ?? null,
      formulas: grid?.formulas ?? null,
      numberFormats: grid?.numberFormats ?? null,
    });
  }
  return { sheets, metadata: outline.metadata, metadataIssues: outline.metadataIssues };
}
