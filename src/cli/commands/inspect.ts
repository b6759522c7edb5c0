/**
 * `pmo inspect <workbook>`: what is in a workbook, read-only: the registers
 * detection finds (with their column mapping and drift from the template),
 * then every sheet and table.
 */
import * as path from "node:path";
import type { SheetOutline, WorkbookOutline } from "../../hosts/host";
import { openWorkbookForReading } from "../../hosts/xlsx/workbook-file";
import { inspectRegisters } from "../../jobs/registers/drift";
import { driftSummary } from "../../core/registers/messages";
import { builtInTemplate } from "../../core/templates/catalogue";
import { alignColumns, plural } from "../format";
import type { CliIo } from "../io";

export interface InspectOptions {
  workbook: string;
  json: boolean;
}

/** The `inspect` JSON document (CLI contract, DESIGN §7). */
export interface InspectReport {
  /** The path as the user typed it. */
  file: string;
  /** Registers found by detection; each names its sheet, kind, rows and column mapping. */
  registers: InspectedRegister[];
  sheets: {
    name: string;
    position: number;
    visibility: SheetOutline["visibility"];
    usedRange: string | null;
    tables: { name: string; address: string; headers: string[]; showTotals: boolean }[];
  }[];
  /** Problems reading the toolkit's own record back; the rest of the report is still good. */
  warnings: { sheet: string; cell: string; message: string }[];
}

type InspectedRegister = Awaited<ReturnType<typeof inspectRegisters>>[number];

export async function inspect(options: InspectOptions, io: CliIo): Promise<void> {
  io.progress(`Reading ${options.workbook}...`);
  const host = await openWorkbookForReading(path.resolve(io.cwd, options.workbook));
  const report = inspectReport(options.workbook, await host.outline({ previewRows: 0 }));
  report.registers = await inspectRegisters(host, options.workbook);
  io.out(options.json ? JSON.stringify(report, null, 2) : formatInspectReport(report));
}

export function inspectReport(file: string, outline: WorkbookOutline): InspectReport {
  return {
    file,
    registers: [],
    sheets: outline.sheets.map((s) => ({
      name: s.name,
      position: s.position,
      visibility: s.visibility,
      usedRange: s.usedRange,
      tables: s.tables.map((t) => ({ name: t.name, address: t.address, headers: t.headers, showTotals: t.showTotals })),
    })),
    warnings: outline.metadataIssues.map((i) => ({ sheet: i.sheet, cell: i.cell, message: i.message })),
  };
}

const VISIBILITY_WORDS: Record<SheetOutline["visibility"], string> = {
  visible: "visible",
  hidden: "hidden",
  veryHidden: "very hidden",
};

export function formatInspectReport(report: InspectReport): string {
  const tableCount = report.sheets.reduce((n, s) => n + s.tables.length, 0);
  const lines = [`${report.file}: ${plural(report.registers.length, "register")}, ${plural(report.sheets.length, "sheet")}, ${plural(tableCount, "table")}`, ""];

  for (const r of report.registers) {
    const fields = Object.keys(r.columns).length;
    const where = `${r.firstColumn}${r.headerRow}:${r.lastColumn}${r.lastRow}`;
    lines.push(
      `  ${r.uncertainKind ? "Register of uncertain kind" : `${capitalise(r.kind)} register`} on sheet ${r.sheet}${r.table ? ` (table ${r.table})` : ""}, ${where}: headers on row ${r.headerRow}, ${plural(Math.max(0, r.lastRow - r.firstRow + 1), "row")} below.`,
      `    ${plural(fields, "column")} recognised${r.unmapped.length > 0 ? `, ${plural(r.unmapped.length, "other column")}` : ""}; confidence ${Math.round(r.confidence * 100)}%.`,
    );
    const unsure = Object.values(r.columns).filter((c) => c.lowConfidence);
    if (unsure.length > 0) lines.push(`    Check these columns, the match is uncertain: ${unsure.map((c) => `${c.column} “${c.header}”`).join(", ")}.`);
    for (const note of r.notes) lines.push(`    - ${note}`);
    for (const doubt of r.doubts ?? []) lines.push(`    ? ${doubt}`);
    if (!r.template) lines.push("");
    else if (!r.compared) lines.push(`    Not compared with the ${r.template.name} template: the match is too uncertain. Check the mapping in the task pane or name the sheet with pmo apply --sheet.`, "");
    else {
      const summary = driftSummary(r.drift, builtInTemplate(r.template.id));
      lines.push(summary ? `    Not standard against ${r.template.name} ${r.template.version}: ${summary}.` : `    Standard: follows ${r.template.name} ${r.template.version}.`);
      const template = builtInTemplate(r.template.id);
      const missing = r.drift.filter((f) => f.code === "missing_column").map((f) => template?.columns.find((c) => c.id === f.field)?.header ?? f.field);
      if (missing.length) lines.push(`      * ${missing.length === 1 ? "a column is" : "columns are"} missing; pmo apply adds ${missing.length === 1 ? "it" : "them"} at the end of the table:`, ...wrapList(missing, "          ", 100));
      for (const f of r.drift) if (f.code !== "missing_column") lines.push(`      * ${f.message}`);
      lines.push("");
    }
  }

  lines.push(
    ...alignColumns([
      ["  Sheet", "Visibility", "Cells in use", "Tables"],
      ...report.sheets.map((s) => [
        `  ${s.name}`,
        VISIBILITY_WORDS[s.visibility],
        s.usedRange ?? "(empty)",
        s.tables.length === 0 ? "-" : s.tables.map((t) => t.name).join(", "),
      ]),
    ]),
  );

  for (const sheet of report.sheets) {
    for (const table of sheet.tables) {
      lines.push("", `  Table ${table.name} on sheet ${sheet.name}, ${table.address}, ${plural(table.headers.length, "column")}${table.showTotals ? " and a totals row" : ""}:`);
      lines.push(...wrapList(table.headers.map((h) => h.replace(/\s+/g, " ").trim() || "(blank)"), "    ", 100));
    }
  }

  if (report.warnings.length > 0) {
    lines.push("", "  Warnings:");
    for (const w of report.warnings) lines.push(`    ${w.sheet}!${w.cell}: ${w.message}`);
  }
  return lines.join("\n");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "A, B, C" broken into indented lines no wider than `width`. */
function wrapList(items: string[], indent: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? "," : "");
    if (current && indent.length + current.length + 1 + piece.length > width) {
      lines.push(indent + current);
      current = piece;
    } else {
      current = current ? `${current} ${piece}` : piece;
    }
  });
  if (current) lines.push(indent + current);
  return lines;
}
