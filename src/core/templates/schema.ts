/**
 * The register template: which columns a register has, what each holds, how
 * its headers are written in the wild (synonyms, for detection) and, for risk,
 * the probability/impact scales and score bands. Built-in templates and a PMO
 * manager's JSON templates share this one schema.
 */
import "../zod-setup";
import { z } from "zod";
import { ConditionalFormatSchema } from "../plan/edits";
import { CustomRulesSchema } from "../validate/custom-rules";

export const TEMPLATE_KINDS = [
  "risk",
  "issue",
  "raid",
  "change",
  "decision",
  "lessons",
  "benefits",
  "stakeholder",
  "milestone",
  "budget",
  "evm",
  "ledger",
] as const;
export const TemplateKindSchema = z.enum(TEMPLATE_KINDS);
export type TemplateKind = z.infer<typeof TemplateKindSchema>;

export const COLUMN_TYPES = ["text", "number", "integer", "level", "percent", "currency", "date", "list"] as const;
export const ColumnTypeSchema = z.enum(COLUMN_TYPES);
export type ColumnType = z.infer<typeof ColumnTypeSchema>;

export { FieldIdSchema } from "./field-id";
import { FieldIdSchema } from "./field-id";

/** `[probability]` style references to other columns' canonical ids. */
export const FIELD_REFERENCE = /\[([A-Za-z][A-Za-z0-9]*)\]/g;

export const TemplateColumnSchema = z
  .object({
    id: FieldIdSchema,
    header: z.string().trim().min(1, "a column needs a header").max(255, "Excel headers are at most 255 characters"),
    synonyms: z.array(z.string().trim().min(1)).default([]),
    type: ColumnTypeSchema,
    allowedValues: z.array(z.string().trim().min(1)).min(1).optional(),
    required: z.boolean().default(false),
    numberFormat: z.string().min(1).optional(),
    width: z.number().positive().max(255).optional(),
    /** Written with canonical ids, e.g. `=[probability]*[impact]`; the apply step turns it into structured references. */
    formula: z.string().regex(/^=/, "a formula starts with =").optional(),
    /** Formulas here may use `[field]` references too. */
    conditionalFormats: z.array(ConditionalFormatSchema).optional(),
  })
  .strict();
export type TemplateColumn = z.infer<typeof TemplateColumnSchema>;

export const ScaleLevelSchema = z
  .object({ value: z.number(), label: z.string().min(1), description: z.string().optional() })
  .strict();

export const ScaleSchema = z
  .object({ levels: z.array(ScaleLevelSchema).min(2, "a scale needs at least 2 levels") })
  .strict();
export type Scale = z.infer<typeof ScaleSchema>;

export const BandSchema = z
  .object({
    name: z.string().min(1),
    min: z.number(),
    max: z.number(),
    colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/, "colours are #RRGGBB"),
  })
  .strict();
export type Band = z.infer<typeof BandSchema>;

export const RiskScalesSchema = z
  .object({ probability: ScaleSchema, impact: ScaleSchema, bands: z.array(BandSchema).min(1) })
  .strict();
export type RiskScales = z.infer<typeof RiskScalesSchema>;

const semver = z
  .string()
  .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, "versions are semver, e.g. 1.0.0");

export const TemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, "template ids are lower-case words joined by -, e.g. risk or raid-risks"),
    kind: TemplateKindSchema,
    name: z.string().trim().min(1),
    version: semver,
    /** RAID comes as one table with a type column ("single") or as four tables ("risks", "assumptions", ...). */
    variant: z.string().min(1).optional(),
    description: z.string().optional(),
    columns: z.array(TemplateColumnSchema).min(1, "a template needs at least one column"),
    scales: RiskScalesSchema.optional(),
    /** A PMO's own checks, run by validation after the template's column rules. */
    rules: CustomRulesSchema.optional(),
  })
  .strict();
export type Template = z.infer<typeof TemplateSchema>;
