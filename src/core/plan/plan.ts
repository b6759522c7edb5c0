import "../zod-setup";
import { z } from "zod";
import { EditSchema, type Edit } from "./edits";

export const PlanSchema = z
  .object({
    /** What the whole plan does, in a few words: "Apply Risk register v1 to 'Risks'". */
    title: z.string().min(1),
    edits: z.array(EditSchema),
  })
  .strict();

export type Plan = z.infer<typeof PlanSchema>;

export function plan(title: string, edits: Edit[] = []): Plan {
  return { title, edits };
}

export function isEmptyPlan(p: Plan): boolean {
  return p.edits.length === 0;
}

export type PlanCheck = { ok: true; value: Plan } | { ok: false; error: string[] };

/** Validates a plan from anywhere; every problem comes back, each naming the edit it is in. */
export function checkPlan(input: unknown): PlanCheck {
  const parsed = PlanSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") + ": " : ""}${i.message}`),
  };
}
