/**
 * The apply job: find the register a template fits (or plan a new one), read
 * what the planner needs to leave right things alone (cells, rules, header
 * looks, the lookup sheet, the stored record), and plan. Nothing is written
 * here; the caller shows the plan and asks the host to apply it.
 */
import { columnLetter, formatRange, MAX_COLUMNS, parseRange } from "../../core/grid/address";
import type { DetectedRegister } from "../../core/detect/detect";
import { BUILT_IN_TEMPLATES } from "../../core/templates/catalogue";
import type { Template } from "../../core/templates/schema";
import { sheetNamed } from "../../core/sheet-names";
import { LISTS_SHEET, newRegisterSheetName, planApplyTemplate, planNewRegister, type ApplyPlanning, type ApplyProblem } from "../../core/registers/plan-apply";
import { bodyAddress, registerGeometry, type ColumnRules, type ExistingTable, type RegisterSnapshot } from "../../core/registers/snapshot";
import { registerDrift, type DriftFinding } from "../../core/registers/drift";
import type { Plan } from "../../core/plan/plan";
import type { WorkbookHost, WorkbookOutline } from "../../hosts/host";
import { detectRegisterAt, detectRegisters, gridToCells, PREVIEW_ROWS } from "./detect";
import { rememberingReads } from "./remembered-reads";

export type TemplateApplication =
  | { kind: "existing"; register: DetectedRegister; plan: Plan; notes: string[]; table: string; drift: DriftFinding[]; losses: string[] }
  | { kind: "new"; sheet: string; plan: Plan; notes: string[]; losses: string[] }
  | { kind: "refused"; problem: ApplyProblem };

/** The templates detection compares with: the one being applied first, so a custom template's own headers count. */
export function detectionTemplates(template: Template): Template[] {
  return [template, ...BUILT_IN_TEMPLATES.filter((t) => t.id !== template.id)];
}

/** Reads one register's cells, rules and looks into the planner's snapshot. */
export async function snapshotRegister(host: WorkbookHost, outline: WorkbookOutline, register: DetectedRegister, extraColumns: number): Promise<RegisterSnapshot> {
  const sheet = outline.sheets.find((s) => s.name === register.sheet);
  const found = register.table ? sheet?.tables.find((t) => t.name === register.table) : undefined;
  const table: ExistingTable | null = found ? { name: found.name, address: found.address, headers: found.headers, showTotals: found.showTotals } : null;
  const g = registerGeometry(register, table);
  // Columns the template may add must be empty; beyond the used range they are, so only read up to its edge.
  const usedRight = (sheet?.usedRange ? parseRange(sheet.usedRange)?.right : undefined) ?? g.right;
  const readRight = Math.min(MAX_COLUMNS, g.right + extraColumns, Math.max(g.right, usedRight));
  const grid = await host.read(register.sheet, formatRange({ top: g.headerRow, bottom: g.lastBodyRow, left: g.left, right: readRight }));
  // The outline lists merges near the top of the sheet only; the read lists those in the register however long it is.
  const merges = [...new Set([...(sheet?.merges ?? []), ...(grid.merges ?? [])])].filter((m) => {
    const r = parseRange(m);
    return !!r && r.bottom >= g.headerRow;
  });
  const cells = gridToCells(grid, merges);

  let rules: Map<string, ColumnRules> | null = null;
  if (host.readRules) {
    const columns: number[] = [];
    for (let c = g.left; c <= g.right; c++) columns.push(c);
    const read = await host.readRules(register.sheet, columns.map((c) => bodyAddress(g, c)));
    rules = new Map(read.map((r, i) => [columnLetter(columns[i]), { validation: r.validation, conditionalFormats: r.conditionalFormats }]));
  }
  const headerLooks = host.readLooks ? ((await host.readLooks(register.sheet, formatRange({ top: g.headerRow, bottom: g.headerRow, left: g.left, right: g.right })))[0] ?? null) : null;

  return {
    register,
    table,
    cells,
    rules,
    headerLooks,
    sheetNames: outline.sheets.map((s) => s.name),
    tableNames: outline.sheets.flatMap((s) => s.tables.map((t) => t.name)),
    metadata: outline.metadata,
    lists: await readLists(host, outline),
  };
}

async function readLists(host: WorkbookHost, outline: WorkbookOutline): Promise<RegisterSnapshot["lists"]> {
  const lists = outline.sheets.find((s) => s.name.toLowerCase() === LISTS_SHEET.toLowerCase());
  if (!lists?.usedRange) return null;
  const used = parseRange(lists.usedRange);
  if (!used) return null;
  return gridToCells(await host.read(lists.name, formatRange({ top: 1, left: 1, bottom: used.bottom, right: used.right })));
}

/**
 * What saving this file after `plan` will not keep (parts the host cannot
 * write back, and what the plan itself would break, such as part of an array
 * formula): said in the preview, so nothing is lost without warning. The
 * notes carry it too, for previews that show only notes.
 */
export function savingLosses(host: WorkbookHost, outline: WorkbookOutline, plan: Plan): string[] {
  return [...(outline.notKeptOnSave ?? []), ...(host.notKeptBy?.(plan) ?? [])];
}

/** The register of the template's kind to apply to: on the given sheet when one is named, else the most confident. */
export function chooseRegister(registers: DetectedRegister[], template: Template, sheet?: string): DetectedRegister | undefined {
  return registers
    .filter((r) => r.kind === template.kind && (!sheet || r.sheet.toLowerCase() === sheet.toLowerCase()))
    .sort((a, b) => b.confidence - a.confidence)[0];
}

export interface TemplateApplicationOptions {
  sheet?: string;
  /** The register's header row on `sheet`, as a person says: wins over detection, and the mapping is stored as confirmed. */
  headerRow?: number;
  /** Computed columns (field ids) whose typed-over or broken formulas are put back; none by default. */
  restoreFormulas?: readonly string[];
}

export async function planTemplateApplication(host: WorkbookHost, template: Template, asked: TemplateApplicationOptions = {}): Promise<TemplateApplication> {
  const outline = await host.outline({ previewRows: PREVIEW_ROWS });
  const named = asked.sheet === undefined ? undefined : sheetNamed(outline.sheets.map((s) => s.name), asked.sheet);
  const options = named === undefined ? asked : { ...asked, sheet: named };
  // Detection and the snapshot read the same long register; the second read comes from the first.
  const reading = rememberingReads(host);
  const given = options.sheet !== undefined && options.headerRow !== undefined;
  const register = given
    ? await detectRegisterAt(reading, outline, options.sheet as string, { headerRow: options.headerRow as number, templateId: template.id }, { templates: detectionTemplates(template) })
    : chooseRegister(await detectRegisters(reading, { templates: detectionTemplates(template) }, outline), template, options.sheet);
  if (!register && given) {
    return {
      kind: "refused",
      problem: {
        code: "no_body",
        sheet: options.sheet as string,
        cells: [`A${options.headerRow}`],
        message: `Sheet “${options.sheet}”: row ${options.headerRow} holds no header (no text cells there, or the sheet does not exist); nothing was changed.`,
      },
    };
  }
  if (!register) {
    if (named) {
      return {
        kind: "refused",
        problem: {
          code: "no_body",
          sheet: named,
          cells: [],
          message: `Sheet “${named}” holds no ${template.name.toLowerCase()} that could be found (no header row matching the template's columns). Name an empty or new sheet to start a new register, or leave out --sheet.`,
        },
      };
    }
    const sheet = options.sheet ?? newRegisterSheetName(template, outline.sheets.map((s) => s.name));
    const plan = planNewRegister({
      template,
      sheet,
      sheetNames: outline.sheets.map((s) => s.name),
      tableNames: outline.sheets.flatMap((s) => s.tables.map((t) => t.name)),
      metadata: outline.metadata,
      lists: await readLists(host, outline),
    });
    const losses = savingLosses(host, outline, plan);
    return { kind: "new", sheet, plan, notes: [`no ${template.name.toLowerCase()} was found, so a new one is made on sheet “${sheet}”`, ...losses], losses };
  }
  const snapshot = await snapshotRegister(reading, outline, register, template.columns.length);
  const planning: ApplyPlanning = planApplyTemplate(snapshot, template, { restoreFormulas: options.restoreFormulas, confirmedMapping: given });
  if (!planning.ok) return { kind: "refused", problem: planning.problem };
  const losses = savingLosses(host, outline, planning.plan);
  return { kind: "existing", register, plan: planning.plan, notes: [...planning.notes, ...losses], table: planning.table, drift: registerDrift(snapshot, template), losses };
}
