/**
 * Words for each level of a matrix's axes. A register written in words keeps
 * its own words ("Low", "Medium", "High"); numbers take the PMO reference's
 * descriptors for five steps (NHS NPSA) and plain ones for three and four.
 */
import type { LevelReading } from "../risk/levels";

const DESCRIPTORS: Record<"probability" | "impact", Record<number, string[]>> = {
  probability: {
    3: ["Low", "Medium", "High"],
    4: ["Unlikely", "Possible", "Likely", "Almost certain"],
    5: ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"],
  },
  impact: {
    3: ["Low", "Medium", "High"],
    4: ["Minor", "Moderate", "Major", "Severe"],
    5: ["Insignificant", "Minor", "Moderate", "Major", "Catastrophic"],
  },
};

function capitalised(word: string): string {
  return word.replace(/^\p{L}/u, (c) => c.toUpperCase());
}

/** One descriptor per level, lowest first. */
export function levelDescriptors(reading: LevelReading, dimension: "probability" | "impact"): string[] {
  if (reading.kind === "words") {
    return reading.scale.steps.map((s) => capitalised(s.words.find((w) => w.length > 1 && !/"/.test(w)) ?? s.words[0]));
  }
  const known = DESCRIPTORS[dimension][reading.steps];
  return known ?? Array.from({ length: reading.steps }, (_, k) => `Level ${k + 1}`);
}
