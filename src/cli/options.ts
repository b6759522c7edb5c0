/** zod pieces shared by command schemas, so every command words the same mistake the same way. */
import "../core/zod-setup";
import { z } from "zod";

export const jsonFlag = z.boolean().default(false);

/** --as-of: a real calendar day written YYYY-MM-DD, for jobs that count overdue items. */
export const asOfDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "--as-of takes a date as YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "--as-of takes a real day, e.g. 2026-03-31")
  .optional();

/**
 * Today as YYYY-MM-DD in local time: a user near midnight outside UTC counts
 * overdue items from the day on their own calendar, in every command.
 */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** --sheet: a sheet name as typed, spaces kept (real sheet names can end in spaces), but not blank. */
export const sheetOption = z
  .string()
  .refine((t) => t.trim().length > 0, "--sheet needs a sheet name")
  .optional();

/** A path argument: present and not blank. */
export const pathArgument = (what: string) => z.string({ error: `missing ${what}` }).trim().min(1, `${what} is empty`);

/**
 * Commands that write choose where: a new file (--out FILE) or the input
 * itself (--in-place, which keeps a backup). Exactly one, never both.
 */
export const outputTargetFlags = {
  out: { type: "string", valueName: "FILE", description: "Write the result to FILE; the input is not touched" },
  "in-place": { type: "boolean", description: "Change the input workbook itself (a backup is written first)" },
} as const;

export type OutputTarget = { kind: "file"; path: string } | { kind: "inPlace" };

/** Refines a schema holding `out` and `in-place` into an OutputTarget, or a usage message. */
export function outputTarget(value: { out?: string; "in-place"?: boolean }, ctx: z.RefinementCtx): OutputTarget {
  const out = value.out?.trim();
  const inPlace = value["in-place"] === true;
  if (out !== undefined && inPlace) {
    ctx.addIssue({ code: "custom", message: "use either --out FILE or --in-place, not both" });
    return z.NEVER;
  }
  if (out === "") {
    ctx.addIssue({ code: "custom", message: "--out needs a file name" });
    return z.NEVER;
  }
  if (out !== undefined) return { kind: "file", path: out };
  if (inPlace) return { kind: "inPlace" };
  ctx.addIssue({ code: "custom", message: "say where the result goes: --out FILE for a new file, or --in-place to change the workbook itself" });
  return z.NEVER;
}
