/**
 * A PMO's own rules, written in its template file as data: which field, what
 * must hold, and when. Only the checks below exist; nothing in a rule is run
 * as code or as a formula.
 */
import "../zod-setup";
import { z } from "zod";
import { FieldIdSchema } from "../templates/field-id";

const Condition = z
  .object({
    field: FieldIdSchema,
    /** The rule applies when the field is one of these (case- and space-tolerant). */
    equals: z.array(z.string().trim().min(1)).min(1).optional(),
    /** The rule applies when the field is empty (true) or filled (false). */
    blank: z.boolean().optional(),
  })
  .strict()
  .refine((c) => c.equals !== undefined || c.blank !== undefined, { message: "a condition says equals or blank" });

const base = {
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, "rule ids are lower-case words joined by -, e.g. owner-for-high"),
  field: FieldIdSchema,
  severity: z.enum(["error", "warning", "info"]).default("warning"),
  /** What the user reads; a sentence of the rule's own. */
  message: z.string().trim().min(1).max(500).optional(),
  when: Condition.optional(),
};

export const CustomRuleSchema = z.discriminatedUnion("check", [
  z.object({ ...base, check: z.literal("required") }).strict(),
  z.object({ ...base, check: z.literal("oneOf"), values: z.array(z.string().trim().min(1)).min(1) }).strict(),
  z
    .object({ ...base, check: z.literal("range"), min: z.number().optional(), max: z.number().optional() })
    .strict()
    .refine((r) => r.min !== undefined || r.max !== undefined, { message: "a range check needs min or max" }),
  z.object({ ...base, check: z.literal("notBefore"), other: FieldIdSchema }).strict(),
  z.object({ ...base, check: z.literal("maxLength"), max: z.number().int().positive() }).strict(),
]);
export type CustomRule = z.infer<typeof CustomRuleSchema>;

export const CustomRulesSchema = z.array(CustomRuleSchema);
