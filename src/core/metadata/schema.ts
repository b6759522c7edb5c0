/**
 * The toolkit's record inside a workbook: which template each register
 * follows, the confirmed column mapping, and settings. It lives in a very
 * hidden sheet (both Excel and ExcelJS keep those, and so does LibreOffice),
 * one key per row, JSON split over cells of at most 32,000 characters.
 * Everything read back goes through zod: the sheet is user-reachable (VBA,
 * other tools), so it is external input.
 *
 * Written with zod/mini: the task pane reads this record as it starts inside
 * Excel, and mini's functions carry only the checks used here, where full
 * zod's methods bring all of zod into the pane's first download.
 */
import "../zod-setup";
import * as z from "zod/mini";
import { columnLetter } from "../grid/address";
import type { CellValue } from "../grid/cell";

export const METADATA_SHEET = "PMO Toolkit Data";
/**
 * The Excel host's very hidden sheet of old cells kept for Undo (copied
 * there rather than read). Not the user's and not a register: every outline
 * leaves it out, and a file keeps it as it is.
 */
export const UNDO_SHEET = "PMO Toolkit Undo";
export const METADATA_TITLE = "PMO Toolkit record. Do not edit: the add-in reads this sheet.";
export const METADATA_FORMAT = 1;
/** Under Excel's 32,767-character cell limit, with room to spare. */
export const METADATA_CHUNK = 32_000;
/** Row 1 holds the title; keys start on row 2. */
export const METADATA_FIRST_ROW = 2;

const text = () => z.string().check(z.minLength(1));

export const RegisterRecordSchema = z.looseObject({
  sheet: text(),
  table: z.optional(z.string()),
  kind: text(),
  templateId: text(),
  templateVersion: text(),
  headerRow: z.int().check(z.positive()),
  /** canonical field id → the header text the user's column has. */
  mapping: z.record(z.string(), z.string()),
  /** True when a person confirmed or corrected the mapping. */
  confirmed: z._default(z.boolean(), false),
});
export type RegisterRecord = z.infer<typeof RegisterRecordSchema>;

export const WorkbookMetadataSchema = z.looseObject({
  format: z._default(z.literal(METADATA_FORMAT), METADATA_FORMAT),
  registers: z._default(z.array(RegisterRecordSchema), []),
  settings: z._default(z.record(z.string(), z.unknown()), {}),
});
export type WorkbookMetadata = z.infer<typeof WorkbookMetadataSchema>;

export function emptyMetadata(): WorkbookMetadata {
  return WorkbookMetadataSchema.parse({});
}

export interface MetadataIssue {
  sheet: string;
  cell: string;
  key: string;
  message: string;
}

/** The cells of one key's row: key in A, JSON chunks from B on. */
export function encodeMetadataRow(key: string, value: unknown): string[] {
  const json = JSON.stringify(value);
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += METADATA_CHUNK) chunks.push(json.slice(i, i + METADATA_CHUNK));
  return [key, ...(chunks.length ? chunks : ["null"])];
}

/**
 * Reads the metadata sheet's rows (from row METADATA_FIRST_ROW) back. Bad
 * JSON or a value that fails its schema is reported and left out; the rest is
 * still used, so one damaged key never locks a user out of their workbook.
 */
export function decodeMetadataRows(rows: CellValue[][]): { metadata: WorkbookMetadata; issues: MetadataIssue[] } {
  const issues: MetadataIssue[] = [];
  const raw: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    const sheetRow = METADATA_FIRST_ROW + i;
    const key = row[0];
    if (key === null || key === undefined || key === "") return;
    if (typeof key !== "string") {
      issues.push({ sheet: METADATA_SHEET, cell: `A${sheetRow}`, key: String(key), message: "the key is not text; row ignored" });
      return;
    }
    const text = row.slice(1).map((c) => (typeof c === "string" ? c : "")).join("");
    try {
      raw[key] = JSON.parse(text);
    } catch {
      issues.push({ sheet: METADATA_SHEET, cell: `B${sheetRow}`, key, message: `the stored value of “${key}” is not valid JSON; it was ignored` });
    }
  });
  const keysRow = new Map(rows.map((r, i) => [r[0], METADATA_FIRST_ROW + i]));
  const parsed = WorkbookMetadataSchema.safeParse(raw);
  if (parsed.success) return { metadata: parsed.data, issues };
  // Drop the keys that failed and keep the rest.
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  for (const i of parsed.error.issues) {
    const key = String(i.path[0]);
    issues.push({
      sheet: METADATA_SHEET,
      cell: `B${keysRow.get(key) ?? METADATA_FIRST_ROW}`,
      key,
      message: `stored “${key}” is not as expected (${i.path.slice(1).join(".") || "value"}: ${i.message}); it was ignored`,
    });
  }
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  return { metadata: WorkbookMetadataSchema.parse(kept), issues };
}

/** Where a key's row is, or the next free row. */
export function metadataRowFor(keys: (CellValue | undefined)[], key: string): number {
  const i = keys.indexOf(key);
  if (i >= 0) return METADATA_FIRST_ROW + i;
  let last = keys.length - 1;
  while (last >= 0 && (keys[last] === null || keys[last] === "" || keys[last] === undefined)) last--;
  return METADATA_FIRST_ROW + last + 1;
}

export function metadataRowAddress(row: number, cellCount: number): string {
  return `A${row}:${columnLetter(Math.max(cellCount, 1))}${row}`;
}
