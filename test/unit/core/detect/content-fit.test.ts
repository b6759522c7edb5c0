/**
 * The header search passes over rows that could not beat the header already
 * found even with content raising each cell the most it can: that holds
 * only while contentFit never returns more than MAX_CONTENT_FIT.
 */
import { COLUMN_TYPES } from "../../../../src/core/templates/schema";
import { BUILT_IN_TEMPLATES } from "../../../../src/core/templates/catalogue";
import { contentFit, MAX_CONTENT_FIT, type ColumnProfile } from "../../../../src/core/detect/profile";

const COUNTS = ["numbers", "levels", "dates", "percents", "money", "longText", "shortText", "ids", "responses"] as const;

/** Profiles of 10 filled cells with every count at 0, 3, 6 or 10, two counts at a time, and distinct at 1 or 10. */
function profiles(): ColumnProfile[] {
  const out: ColumnProfile[] = [];
  const shares = [0, 3, 6, 10];
  for (const a of COUNTS)
    for (const b of COUNTS)
      for (const x of shares)
        for (const y of shares)
          for (const distinct of [1, 10]) {
            const p = Object.fromEntries(COUNTS.map((c) => [c, 0])) as Record<(typeof COUNTS)[number], number>;
            p[a] = x;
            p[b] = Math.max(p[b], y);
            out.push({ ...p, filled: 10, distinct });
          }
  return out;
}

describe("how far content can raise a header's score", () => {
  it("is never more than MAX_CONTENT_FIT, for every column type and every built-in template's fields", () => {
    const fieldIds = new Set(BUILT_IN_TEMPLATES.flatMap((t) => t.columns.map((c) => c.id)));
    let most = 0;
    for (const p of profiles()) for (const type of COLUMN_TYPES) for (const id of fieldIds) most = Math.max(most, contentFit(type, id, p));
    expect(most).toBe(MAX_CONTENT_FIT);
  });
});
