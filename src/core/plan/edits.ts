/**
 * The Edit union: every change a job can ask a host to make, as data.
 * Plans are validated with zod at the host boundary so a plan built by a bug,
 * read from a file or sent across a worker never reaches a workbook unchecked.
 */
import "../zod-setup";
import { z } from "zod";
import { formatRange, parseRange } from "../grid/address";
import { ERROR_TEXT } from "../grid/cell";

const sheetName = z
  .string()
  .min(1, "sheet name is empty")
  .max(31, "sheet names are at most 31 characters in Excel")
  .refine((s) => !/[\\/?*[\]:]/.test(s), "sheet names cannot contain \\ / ? * [ ] :");

/**
 * A sheet a plan adds: also no apostrophe at either end and not "History",
 * which Excel keeps for itself (a file with such a sheet is one Excel
 * repairs). Only for sheets added: a sheet another program named so is
 * still one a plan may write to.
 */
const newSheetName = sheetName
  .refine((s) => !/^'|'$/.test(s), "sheet names cannot begin or end with an apostrophe")
  .refine((s) => s.toLowerCase() !== "history", "“History” is a sheet name Excel keeps for itself");

const rangeText = z.string().refine((s) => parseRange(s) !== undefined, { message: "not an A1 range" });

/** A merged area spans at least two cells. */
const mergeArea = z.string().refine(
  (s) => {
    const r = parseRange(s);
    return r !== undefined && (r.bottom > r.top || r.right > r.left);
  },
  { message: "a merged area is an A1 range of at least two cells" },
);

const tableName = z
  .string()
  .regex(/^[A-Za-z_\\][A-Za-z0-9_.\\]{0,254}$/, "table names start with a letter or _ and hold letters, digits, _ and .");

/** A formula in the form Excel stores in a file (e.g. `=Risks[[#This Row],[Impact]]`), starting with "=". */
const formula = z.string().regex(/^=/, "a formula starts with =");

/**
 * A formula's result as the job computed it, which file hosts store as the
 * cell's cached value (so viewers that do not calculate show it; Excel
 * recalculates on open). Only ever core's own figure for that same formula:
 * a job that cannot vouch for the result leaves it out.
 */
export const FormulaResultSchema = z.union([
  z.number().finite(),
  z.string().max(32767, "a cell holds at most 32,767 characters"),
  z.boolean(),
  z.object({ error: z.string().regex(ERROR_TEXT, "not one of Excel's error values (#N/A, #DIV/0!, ...)") }).strict(),
], { error: "a formula result is text, a finite number, true/false or { error: \"#N/A\" }" });
export type FormulaResult = z.infer<typeof FormulaResultSchema>;

/**
 * What a cell receives. A plain string is ALWAYS text, even "=1+1" or "-5":
 * hosts must store it so it never becomes a formula or a number. Formulas are
 * only written through the explicit `{ formula }` form.
 */
export const CellInputSchema = z.union([
  z.null(),
  z.string().max(32767, "a cell holds at most 32,767 characters"),
  z.number(),
  z.boolean(),
  z.object({ formula, result: FormulaResultSchema.optional() }).strict(),
], { error: "a cell takes text, a finite number, true/false, null or { formula: \"=...\" }" });
export type CellInput = z.infer<typeof CellInputSchema>;

/** A formula cell input with its result where the plan knows it, and without one where it does not (null or undefined). */
export function formulaInput(formula: string, result?: FormulaResult | null): CellInput {
  return result === null || result === undefined ? { formula } : { formula, result };
}

/** Per-cell results of a formula filled over many cells (null: not known, no cached value). */
const formulaResults = z.array(FormulaResultSchema.nullable());

const colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, "colours are #RRGGBB");

export const CellStyleSchema = z
  .object({
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    fill: colour.nullable().optional(), // null clears the fill
    fontColor: colour.optional(),
    wrapText: z.boolean().optional(),
    horizontalAlignment: z.enum(["General", "Left", "Center", "Right"]).optional(),
    verticalAlignment: z.enum(["Top", "Center", "Bottom"]).optional(),
  })
  .strict();
export type CellStyle = z.infer<typeof CellStyleSchema>;

export const ValidationRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("list"), values: z.array(z.string().min(1)).min(1) }).strict(),
  /** A list whose source is a range, e.g. `=Lists!$A$2:$A$40` (long lists live on a lookup sheet). */
  z.object({ kind: z.literal("listRange"), source: formula }).strict(),
  z
    .object({
      kind: z.enum(["wholeNumber", "decimal", "date"]),
      operator: z.enum(["between", "notBetween", "equal", "notEqual", "greaterThan", "lessThan", "greaterThanOrEqual", "lessThanOrEqual"]),
      formula1: z.union([z.number(), formula]),
      formula2: z.union([z.number(), formula]).optional(),
    })
    .strict(),
]);
export type ValidationRule = z.infer<typeof ValidationRuleSchema>;

export const DataValidationSchema = z
  .object({
    rule: ValidationRuleSchema,
    allowBlank: z.boolean().default(true),
    errorMessage: z.string().max(225).optional(),
    prompt: z.string().max(255).optional(),
  })
  .strict();
export type DataValidation = z.infer<typeof DataValidationSchema>;

export const ConditionalFormatSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("cellValue"),
      operator: z.enum(["between", "equal", "notEqual", "greaterThan", "lessThan", "greaterThanOrEqual", "lessThanOrEqual"]),
      formula1: z.string().min(1),
      formula2: z.string().optional(),
      fill: colour.optional(),
      fontColor: colour.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("expression"),
      /** Relative to the top-left cell of the range, e.g. `=$H2>=16`. */
      formula,
      fill: colour.optional(),
      fontColor: colour.optional(),
    })
    .strict(),
]);
export type ConditionalFormat = z.infer<typeof ConditionalFormatSchema>;

/**
 * A chart's name: how a re-run finds the chart it drew before (to replace it,
 * never to add a second), so it is kept short and free of control characters.
 */
const chartName = z
  .string()
  .min(1, "a chart needs a name")
  .max(100, "chart names are at most 100 characters")
  .refine((s) => !/[\u0000-\u001f]/.test(s), "chart names cannot hold control characters");

/** One row or one column of cells: what a chart series or its categories read. */
const lineOfCells = z.string().refine(
  (s) => {
    const r = parseRange(s);
    return r !== undefined && (r.top === r.bottom || r.left === r.right);
  },
  { message: "a chart series reads one row or one column of cells" },
);

const cellCount = (a: string) => {
  const r = parseRange(a);
  return r ? (r.bottom - r.top + 1) * (r.right - r.left + 1) : 0;
};

/**
 * A chart drawn over cells of `sheet` from ranges of the same sheet. Applying
 * it replaces the sheet's chart of the same name (a re-run redraws, never
 * duplicates); charts of other names, the user's own, are left alone.
 */
export const ChartSchema = z
  .object({
    type: z.literal("setChart"),
    sheet: sheetName,
    name: chartName,
    chartType: z.enum(["line"]),
    title: z.string().max(255),
    /**
     * The category (x) axis labels, e.g. the period column. A series may read
     * fewer cells than there are categories (the first ones): a curve that
     * stops at the status date, where cells after it show "" (which a chart
     * would draw as zero).
     */
    categories: lineOfCells,
    /** The labels as the job computed them, for hosts that store a chart's cached values (files). */
    categoryLabels: z.array(z.string().max(255)).optional(),
    series: z
      .array(
        z
          .object({
            name: z.string().min(1).max(255),
            values: lineOfCells,
            /** The figures as the job computed them (null: no value), cached in files; Excel reads the cells. */
            points: z.array(z.number().finite().nullable()).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(16),
    /** The cells the chart covers, top-left to bottom-right. */
    anchor: rangeText,
  })
  .strict()
  .superRefine((c, ctx) => {
    const n = cellCount(c.categories);
    if (c.categoryLabels && c.categoryLabels.length !== n) ctx.addIssue({ code: "custom", path: ["categoryLabels"], message: `${c.categoryLabels.length} labels for ${n} category cells` });
    c.series.forEach((s, i) => {
      const m = cellCount(s.values);
      if (m > n) ctx.addIssue({ code: "custom", path: ["series", i, "values"], message: `series “${s.name}” reads ${m} cells but there are only ${n} categories` });
      if (s.points && s.points.length !== m) ctx.addIssue({ code: "custom", path: ["series", i, "points"], message: `series “${s.name}” has ${s.points.length} points for ${m} cells` });
    });
  });
export type ChartSpec = z.infer<typeof ChartSchema>;

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const EditSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("addSheet"), sheet: newSheetName, hidden: z.enum(["visible", "hidden", "veryHidden"]).default("visible") }).strict(),
  /** Only produced by undo: removes a sheet the plan being undone added. */
  z.object({ type: z.literal("deleteSheet"), sheet: sheetName }).strict(),
  z
    .object({
      type: z.literal("setCells"),
      sheet: sheetName,
      address: rangeText,
      cells: z.array(z.array(CellInputSchema)),
      /** Why, in the user's words, for the preview (e.g. "Score formula"). */
      label: z.string().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("fillFormula"),
      sheet: sheetName,
      address: rangeText,
      formula,
      /** The result in each cell of the range, row by row, where the job knows it. */
      results: z.array(formulaResults).optional(),
      label: z.string().optional(),
    })
    .strict()
    .superRefine((e, ctx) => {
      const r = parseRange(e.address);
      if (!e.results || !r) return;
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      if (e.results.length !== rows || e.results.some((line) => line.length !== cols)) ctx.addIssue({ code: "custom", path: ["results"], message: `results must be ${rows} row(s) of ${cols} for ${e.address}` });
    }),
  /**
   * Only produced by undo: puts back everything the cells of `address` held
   * (values, formulas, number formats, styles) from the same-sized range
   * `fromAddress` of `fromSheet`, where a host copied them before overwriting
   * them. `check`, when given, names a cell of `fromSheet` that must still hold
   * that text: the copy is the one this undo was made with, not a later one.
   */
  z
    .object({
      type: z.literal("copyCells"),
      sheet: sheetName,
      address: rangeText,
      fromSheet: sheetName,
      fromAddress: rangeText,
      check: z.object({ address: rangeText, text: z.string().min(1) }).strict().optional(),
    })
    .strict()
    .refine(
      (e) => {
        const a = parseRange(e.address);
        const b = parseRange(e.fromAddress);
        return a !== undefined && b !== undefined && a.bottom - a.top === b.bottom - b.top && a.right - a.left === b.right - b.left;
      },
      { message: "a copy's source and target are the same size", path: ["fromAddress"] },
    ),
  z
    .object({
      type: z.literal("createTable"),
      sheet: sheetName,
      /** Header row included. */
      address: rangeText,
      name: tableName,
      style: z.string().default("TableStyleMedium2"),
    })
    .strict(),
  /** Only produced by undo: turns a table back into a plain range, keeping its cells. */
  z.object({ type: z.literal("removeTable"), sheet: sheetName, name: tableName }).strict(),
  z
    .object({
      type: z.literal("addTableColumns"),
      sheet: sheetName,
      table: tableName,
      columns: z
        .array(
          z
            .object({
              header: z.string().min(1).max(255),
              /** One per body row; omitted for an empty column. */
              values: z.array(CellInputSchema).optional(),
              /** A calculated column: the same formula in every body row. */
              formula: formula.optional(),
              /** The formula's result in each body row, where the job knows it (null: not known). */
              results: formulaResults.optional(),
            })
            .strict()
            .refine((c) => !c.results || c.formula !== undefined, { message: "results are for a calculated column's formula", path: ["results"] }),
        )
        .min(1),
    })
    .strict(),
  /** Only produced by undo: removes columns a plan added at a table's end. */
  z.object({ type: z.literal("removeTableColumns"), sheet: sheetName, table: tableName, count: z.number().int().positive() }).strict(),
  z.object({ type: z.literal("resizeTable"), sheet: sheetName, table: tableName, address: rangeText }).strict(),
  /**
   * Splits one merged area back into cells, as Excel's own Unmerge does: the
   * value stays in the top-left cell and the other cells are left empty
   * (never filled down: that would change the user's data). `address` is the
   * whole merged area, exactly.
   */
  z
    .object({
      type: z.literal("unmergeCells"),
      sheet: sheetName,
      address: mergeArea,
      /** The value that stays in the top-left cell, as text for the preview (e.g. "Functional"). */
      label: z.string().optional(),
    })
    .strict(),
  /** Only produced by undo: merges an area an unmerge split, keeping the top-left cell's value. */
  z.object({ type: z.literal("mergeCells"), sheet: sheetName, address: mergeArea }).strict(),
  z
    .object({
      type: z.literal("setNumberFormat"),
      sheet: sheetName,
      address: rangeText,
      /** One format for the whole range, or one per cell. */
      format: z.union([z.string(), z.array(z.array(z.string()))]),
      label: z.string().optional(),
    })
    .strict(),
  z.object({ type: z.literal("setStyle"), sheet: sheetName, address: rangeText, style: CellStyleSchema }).strict(),
  z
    .object({
      type: z.literal("setColumnWidths"),
      sheet: sheetName,
      widths: z.array(z.object({ column: z.string().regex(/^[A-Z]{1,3}$/), width: z.number().positive().max(255) }).strict()).min(1),
    })
    .strict(),
  z
    .object({
      type: z.literal("setDataValidation"),
      sheet: sheetName,
      address: rangeText,
      /** null removes validation from the range. */
      validation: DataValidationSchema.nullable(),
      label: z.string().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("replaceConditionalFormats"),
      sheet: sheetName,
      address: rangeText,
      /** Replaces every rule whose range lies inside `address`; never stacks duplicates. */
      rules: z.array(ConditionalFormatSchema),
      label: z.string().optional(),
    })
    .strict(),
  ChartSchema,
  /** Removes the sheet's chart of this name, if there is one (undo of a chart drawn where there was none). */
  z.object({ type: z.literal("removeChart"), sheet: sheetName, name: chartName }).strict(),
  z
    .object({
      type: z.literal("setMetadata"),
      key: z.string().regex(/^[a-z][A-Za-z0-9.:-]{0,80}$/, "metadata keys are short identifiers"),
      /** null deletes the key. */
      value: jsonValue,
    })
    .strict(),
]);

export type Edit = z.infer<typeof EditSchema>;
export type EditType = Edit["type"];
export type EditOf<T extends EditType> = Extract<Edit, { type: T }>;

export type ChartEdit = EditOf<"setChart"> | EditOf<"removeChart">;

export { isChartEdit } from "./edit-kinds";

/** The categories a series reads: the first as many category cells as it has values. */
export function seriesCategories(categories: string, values: string): string {
  const c = parseRange(categories);
  const n = cellCount(values);
  if (!c) return categories;
  return formatRange(c.top === c.bottom ? { ...c, right: c.left + n - 1 } : { ...c, bottom: c.top + n - 1 });
}
