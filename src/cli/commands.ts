/**
 * Every `pmo` command, declared in one place: what it is called, what it
 * takes, and where its body lives. Bodies are loaded only when run.
 */
import "../core/zod-setup";
import { z } from "zod";
import { defineCommand, type CommandTable } from "./spec";
import { MAX_THREADS } from "./rollup/pool";
import { asOfDay, jsonFlag, outputTarget, outputTargetFlags, pathArgument, sheetOption } from "./options";
import type { InspectOptions } from "./commands/inspect";
import type { ApplyOptions } from "./commands/apply";
import type { TemplatesOptions } from "./commands/templates";
import type { ValidateOptions } from "./commands/validate";
import type { VarianceOptions } from "./commands/variance";
import type { RollupOptions } from "./commands/rollup";
import type { HeatMapCommandOptions } from "./commands/heatmap";
import type { ReconcileOptions } from "./commands/reconcile";

const jsonHelp = "Print one JSON document on stdout instead of text";

export const commands: CommandTable = [
  defineCommand<InspectOptions>({
    name: "inspect",
    summary: "List the registers, sheets and tables in a workbook",
    positionals: [{ name: "workbook", description: "An .xlsx, .xlsm or .csv file" }],
    flags: { json: { type: "boolean", description: jsonHelp } },
    schema: z.object({ workbook: pathArgument("<workbook>"), json: jsonFlag }).strict(),
    notes: [
      "Shows each register found (its kind, where it is, which columns were recognised and how sure the match is), then each sheet (visible or hidden, and the cells in use) and each Excel table with its column headers. Nothing in the workbook is changed.",
    ],
    load: async () => (await import("./commands/inspect")).inspect,
  }),
  defineCommand<TemplatesOptions>({
    name: "templates",
    summary: "List the built-in register templates",
    positionals: [],
    flags: { json: { type: "boolean", description: jsonHelp } },
    schema: z.object({ json: jsonFlag }).strict(),
    load: async () => (await import("./commands/templates")).templates,
  }),
  defineCommand<ApplyOptions>({
    name: "apply",
    summary: "Apply a register template to a workbook in place",
    positionals: [
      { name: "template", description: "A built-in template id (see 'pmo templates') or a JSON template file" },
      { name: "workbook", description: "An .xlsx or .xlsm file" },
    ],
    flags: {
      sheet: { type: "string", valueName: "S", description: "Apply to the register on sheet S (or start a new register on a new sheet S)" },
      ...outputTargetFlags,
      "restore-formulas": { type: "string", valueName: "FIELD,...", description: "Put the template's formula back in these computed columns (e.g. score) where it was typed over or broke; by default typed values stay" },
      "header-row": { type: "string", valueName: "N", description: "With --sheet: the register's header is on row N (when detection misses or misreads it); remembered in the workbook" },
      "dry-run": { type: "boolean", description: "Show what would change and write nothing (--out/--in-place may be left out)" },
      "accept-loss": {
        type: "boolean",
        description: "With --in-place: apply even where saving cannot keep something the plan writes over (such as part of an array formula); without it such an apply is refused",
      },
      json: { type: "boolean", description: jsonHelp },
    },
    schema: z
      .object({
        template: pathArgument("<template>"),
        workbook: pathArgument("<workbook>"),
        sheet: sheetOption,
        out: z.string().optional(),
        "in-place": z.boolean().optional(),
        "restore-formulas": z
          .string()
          .transform((t) => t.split(",").map((f) => f.trim()).filter(Boolean))
          .refine((l) => l.length > 0, "name one or more computed columns by field id, e.g. score,residualScore")
          .optional(),
        "header-row": z.coerce.number().int("the header row is a whole number").min(1, "rows start at 1").optional(),
        "dry-run": z.boolean().default(false),
        "accept-loss": z.boolean().default(false),
        json: jsonFlag,
      })
      .strict()
      .refine((v) => v["header-row"] === undefined || v.sheet !== undefined, { message: "--header-row needs --sheet (the sheet the header row is on)", path: ["header-row"] })
      .transform((v, ctx): ApplyOptions => {
        const dryRun = v["dry-run"];
        const given = v.out !== undefined || v["in-place"] === true;
        const target = dryRun && !given ? undefined : outputTarget(v, ctx);
        return {
          template: v.template,
          workbook: v.workbook,
          ...(v.sheet ? { sheet: v.sheet } : {}),
          ...(v["header-row"] !== undefined ? { headerRow: v["header-row"] } : {}),
          ...(v["restore-formulas"] ? { restoreFormulas: v["restore-formulas"] } : {}),
          ...(target ? { target } : {}),
          dryRun,
          acceptLoss: v["accept-loss"],
          json: v.json,
        };
      }),
    notes: [
      "Finds the register the template fits (the most confident one, or the one on --sheet) and makes it an Excel table where it stands: your columns stay where they are, missing template columns are added at the end, and formats, drop-downs, colour rules and formulas are laid over. Values outside the drop-down lists are reported, never changed.",
      "What saving cannot keep (a plan writing over part of an array formula or data table) is listed under Notes and, with --json, as \"notKept\". --in-place then refuses (exit 2) unless --accept-loss is given; --out writes and names it on stderr.",
      "Applying the same template again changes nothing. With --dry-run --json the changes are printed as { \"edits\": [ { \"type\", \"description\", ... } ] }; an empty list means the workbook already follows the template.",
    ],
    load: async () => (await import("./commands/apply")).apply,
  }),
  defineCommand<ValidateOptions>({
    name: "validate",
    summary: "Check every register in a workbook against its template's rules",
    positionals: [{ name: "workbook", description: "An .xlsx, .xlsm or .csv file" }],
    flags: {
      sheet: { type: "string", valueName: "S", description: "Check only the register(s) on sheet S" },
      template: { type: "string", valueName: "T", description: "Check against template T (a built-in id or a JSON template file with its own rules) instead of each register's own" },
      "as-of": { type: "string", valueName: "YYYY-MM-DD", description: "Count overdue and past review dates from this day instead of today" },
      json: { type: "boolean", description: jsonHelp },
    },
    schema: z
      .object({
        workbook: pathArgument("<workbook>"),
        sheet: sheetOption,
        template: z.string().trim().min(1, "--template needs a template id or file").optional(),
        "as-of": asOfDay,
        json: jsonFlag,
      })
      .strict()
      .transform((v): ValidateOptions => ({ workbook: v.workbook, json: v.json, ...(v.sheet ? { sheet: v.sheet } : {}), ...(v["as-of"] ? { asOf: v["as-of"] } : {}), ...(v.template ? { template: v.template } : {}) })),
    notes: [
      "Checks required fields, types (numbers, levels on their scale, dates and amounts typed as text), allowed values, unique IDs and the cross-field rules (closed items dated, high risks owned and answered, scores that match probability × impact, residual not above inherent, overdue milestones, unexplained budget variances, past review dates). Nothing in the workbook is changed.",
      "Exit code 1 when any finding is an error, 0 otherwise. With --json: { \"findings\": [ { \"sheet\", \"cell\", \"field\", \"rule\", \"severity\", \"message\" } ] }.",
    ],
    load: async () => (await import("./commands/validate")).validate,
  }),
  defineCommand<HeatMapCommandOptions>({
    name: "heatmap",
    summary: "Draw the risk heat map of each risk register on a sheet of live counts",
    positionals: [{ name: "workbook", description: "An .xlsx or .xlsm file" }],
    flags: {
      ...outputTargetFlags,
      residual: { type: "boolean", description: "Rank the ten highest risks and measure movement on residual scores (inherent by default)" },
      combined: { type: "boolean", description: "One map of every risk register together instead of one map each (their matrices must agree)" },
      json: { type: "boolean", description: jsonHelp },
    },
    schema: z
      .object({ workbook: pathArgument("<workbook>"), out: z.string().optional(), "in-place": z.boolean().optional(), residual: z.boolean().default(false), combined: z.boolean().default(false), json: jsonFlag })
      .strict()
      .transform((v, ctx): HeatMapCommandOptions => ({ workbook: v.workbook, target: outputTarget(v, ctx), residual: v.residual, combined: v.combined, json: v.json })),
    notes: [
      "Each risk register gets a sheet: probability rows from high to low against impact columns, inherent and residual side by side, each count a live formula over the register (open risks only; the filter is written on the sheet), cells in their band's colour, the risk IDs of each cell, a legend, the ten highest risks, and the movement since the last draw (a snapshot is kept on the sheet “Risk Snapshot”). Drawing again replaces the map in place.",
      "Bands and the matrix size for registers scored in numbers come from the workbook's settings; registers written in words (High/Medium/Low) keep their own scale.",
      "With --json: { \"size\": [probabilityLevels, impactLevels], \"inherent\": [[count]], \"residual\": [[count]] | null, \"maps\": [...] }, rows from the highest probability down, columns from the lowest impact up, open risks only.",
    ],
    load: async () => (await import("./commands/heatmap")).heatmap,
  }),
  defineCommand<VarianceOptions>({
    name: "variance",
    summary: "Budget variance and earned value of every budget tracker, as live formulas",
    positionals: [{ name: "workbook", description: "An .xlsx or .xlsm file" }],
    flags: { ...outputTargetFlags, json: { type: "boolean", description: jsonHelp } },
    schema: z
      .object({ workbook: pathArgument("<workbook>"), out: z.string().optional(), "in-place": z.boolean().optional(), json: jsonFlag })
      .strict()
      .transform((v, ctx): VarianceOptions => ({ workbook: v.workbook, target: outputTarget(v, ctx), json: v.json })),
    notes: [
      "Finds the budget trackers and earned value sheets, leaves subtotal rows out, and writes a summary sheet (“PMO Finance”) of live formulas that refer to them: budget − actual and budget − forecast at completion with RAG, subtotals by category and project, amounts by period and cumulative; CV, SV, CPI, SPI, the four EACs, ETC, VAC, both TCPIs and % complete per work package and project. Running it again refreshes the same sheet.",
      "With --json: { \"projects\": [ { \"project\", \"bac\", \"pv\", \"ev\", \"ac\", \"cv\", \"sv\", \"cpi\", \"spi\", \"eac\", \"etc\", \"vac\", \"tcpi\" } ] } (null where a measure has no value).",
    ],
    load: async () => (await import("./commands/variance")).variance,
  }),
  defineCommand<ReconcileOptions>({
    name: "reconcile",
    summary: "Reconcile a budget tracker's actuals against a finance ledger export",
    positionals: [
      { name: "tracker", description: "The workbook (.xlsx, .xlsm) holding the budget tracker" },
      { name: "ledger", description: "The finance export: a .csv (read as a stream, any size) or an .xlsx" },
    ],
    flags: {
      sheet: { type: "string", valueName: "S", description: "The tracker is on sheet S (when the workbook holds more than one)" },
      ...outputTargetFlags,
      json: { type: "boolean", description: jsonHelp },
    },
    schema: z
      .object({
        tracker: pathArgument("<tracker>"),
        ledger: pathArgument("<ledger>"),
        sheet: sheetOption,
        out: z.string().optional(),
        "in-place": z.boolean().optional(),
        json: jsonFlag,
      })
      .strict()
      .transform((v, ctx): ReconcileOptions => ({ tracker: v.tracker, ledger: v.ledger, ...(v.sheet ? { sheet: v.sheet } : {}), target: outputTarget(v, ctx), json: v.json })),
    notes: [
      "Finds the budget tracker (period rows or monthly actual columns, or actuals to date) and the ledger's columns (project, cost code, period, amount, document, description), matches them by project + cost code + period and writes a Reconciliation sheet: matched, amount differences, timing differences (posted in a later period), tracker-only and ledger-only, with a tie-out whose sums are live formulas. Running it again refreshes the same sheet.",
      "Amounts typed as text (currency signs, either thousands convention, brackets or a trailing minus) are read; unreadable amounts and periods are listed as findings, never counted as zero. Ledger text is written as text, never as a formula.",
      'With --json: { "matched", "differences", "trackerOnly", "ledgerOnly", "timing", "totals": { "tracker", "ledger" }, "tieOut", ... }.',
    ],
    load: async () => (await import("./commands/reconcile")).reconcile,
  }),
  defineCommand<RollupOptions>({
    name: "rollup",
    summary: "Roll project workbooks up into one Portfolio sheet",
    positionals: [{ name: "inputs", description: "Project workbooks (.xlsx, .xlsm) and folders to search for them", variadic: true }],
    flags: {
      out: { type: "string", valueName: "FILE", description: "The portfolio workbook to write; when it exists its rollup sheet is refreshed in place" },
      threads: { type: "string", valueName: "N", description: "Read files in N threads (default: one per core, or one per core but one under 8 MB of workbooks a core; 1 reads in the main thread)" },
      "as-of": { type: "string", valueName: "YYYY-MM-DD", description: "Count overdue items and the next milestone from this day instead of today" },
      json: { type: "boolean", description: jsonHelp },
    },
    schema: z
      .object({
        inputs: z.array(z.string().trim().min(1)).min(1, "name at least one workbook or folder"),
        out: z.string({ error: "say where the portfolio goes: --out FILE" }).trim().min(1, "--out needs a file name"),
        threads: z.coerce.number().int("threads is a whole number").min(1, "at least one thread").max(MAX_THREADS).optional(),
        "as-of": asOfDay,
        json: jsonFlag,
      })
      .strict()
      .transform((v): RollupOptions => ({ inputs: v.inputs, out: v.out, json: v.json, ...(v.threads ? { threads: v.threads } : {}), ...(v["as-of"] ? { asOf: v["as-of"] } : {}) })),
    notes: [
      "Walks folders recursively and reads every .xlsx and .xlsm file, in worker threads where there are cores to spare. For each project found (a workbook, or each project of a workbook that lists several) it takes RAG, budget, actual, forecast, variance, CPI, SPI, open risks by band, the highest residual risk, open issues, overdue items, the next milestone and when the project was last updated, each from the register or cell it is in. A figure a project does not give is left empty with the reason, never counted as zero.",
      "Files that cannot be read (damaged, empty, password-protected, .xls, Excel lock files ~$..., not workbooks) are listed with the reason on stderr and under \"Not rolled up\" in the sheet; the others still roll up. Re-running with the same --out refreshes the sheet in place and keeps what you typed in columns beside it against each project.",
      "With --json: { \"projects\": [ { \"file\", \"project\", \"budget\", \"actual\", \"forecast\", \"openRisks\", \"rag\", ... } ], \"totals\": { ... }, \"failed\": [ { \"file\", \"reason\" } ] }.",
    ],
    load: async () => (await import("./commands/rollup")).rollup,
  }),
];
