/**
 * Overall RAG from a project's figures by rules a PMO sets (thresholds on
 * cost and schedule indices, budget variance, overdue items and risks in the
 * top band), or the project's own stated RAG; either way a stated RAG that
 * disagrees with the rules is flagged, never silently replaced.
 */
import { present, valueOf, type ProjectSummary, type Rag } from "./fields";

export interface RagRules {
  /** "rules": the rules decide; "stated": the project's own RAG, rules only to flag disagreement. */
  source: "rules" | "stated";
  /** CPI or SPI below this is amber; below `indexRed` red. */
  indexAmber: number;
  indexRed: number;
  /** |variance %| above these is amber / red (the workbook's variance thresholds). */
  varianceAmberPercent: number;
  varianceRedPercent: number;
  /** Overdue items (milestones, issues) from which the project is amber / red. */
  overdueAmber: number;
  overdueRed: number;
  /** Open risks in the top band from which the project is amber / red. */
  topBandAmber: number;
  topBandRed: number;
}

export const DEFAULT_RAG_RULES: RagRules = {
  source: "rules",
  indexAmber: 0.95,
  indexRed: 0.9,
  varianceAmberPercent: 5,
  varianceRedPercent: 10,
  overdueAmber: 1,
  overdueRed: 3,
  topBandAmber: 1,
  topBandRed: 3,
};

export interface RagVerdict {
  /** null when no figure the rules read is there. */
  rag: "Green" | "Amber" | "Red" | null;
  /** What made it amber or red, in words. */
  reasons: string[];
  /** The RAG shown: the rules' or the stated one, per the rules' source. */
  shown: Rag | null;
  /** Set when the stated RAG and the rules disagree by more than one step of the five-point scale. */
  disagreement?: string;
}

const RANK: Record<Rag, number> = { Green: 1, "Amber/Green": 2, Amber: 3, "Amber/Red": 4, Red: 5, Blue: 0 };

export function ragVerdict(p: ProjectSummary, rules: RagRules, topBand: string | undefined): RagVerdict {
  const f = p.fields;
  const reasons: { level: 1 | 2; text: string }[] = [];
  let measured = 0;
  const index = (name: string, v: number | undefined) => {
    if (v === undefined) return;
    measured++;
    if (v < rules.indexRed) reasons.push({ level: 2, text: `${name} ${v.toFixed(2)} < ${rules.indexRed}` });
    else if (v < rules.indexAmber) reasons.push({ level: 1, text: `${name} ${v.toFixed(2)} < ${rules.indexAmber}` });
  };
  index("CPI", valueOf(f.cpi));
  index("SPI", valueOf(f.spi));
  const vp = valueOf(f.variancePercent);
  if (vp !== undefined) {
    measured++;
    const pct = Math.abs(vp * 100);
    if (pct > rules.varianceRedPercent) reasons.push({ level: 2, text: `variance ${(vp * 100).toFixed(1)}% beyond ±${rules.varianceRedPercent}%` });
    else if (pct > rules.varianceAmberPercent) reasons.push({ level: 1, text: `variance ${(vp * 100).toFixed(1)}% beyond ±${rules.varianceAmberPercent}%` });
  }
  const overdue = valueOf(f.overdueItems);
  if (overdue !== undefined) {
    measured++;
    if (overdue >= rules.overdueRed) reasons.push({ level: 2, text: `${overdue} overdue items` });
    else if (overdue >= rules.overdueAmber) reasons.push({ level: 1, text: `${overdue} overdue item${overdue === 1 ? "" : "s"}` });
  }
  const bands = valueOf(f.risksByBand);
  if (bands && topBand) {
    measured++;
    const top = bands[topBand] ?? 0;
    if (top >= rules.topBandRed) reasons.push({ level: 2, text: `${top} open ${topBand} risks` });
    else if (top >= rules.topBandAmber) reasons.push({ level: 1, text: `${top} open ${topBand} risk${top === 1 ? "" : "s"}` });
  }
  const worst = Math.max(0, ...reasons.map((r) => r.level));
  const rag = measured === 0 ? null : worst === 2 ? "Red" : worst === 1 ? "Amber" : "Green";
  const stated = present(f.statedRag) ? f.statedRag.value : null;
  const shown = rules.source === "stated" ? (stated ?? rag) : (rag ?? stated);
  const verdict: RagVerdict = { rag, reasons: reasons.filter((r) => r.level === worst).map((r) => r.text), shown };
  if (rag && stated && stated !== "Blue" && Math.abs(RANK[stated] - RANK[rag]) >= 2) {
    verdict.disagreement = `stated ${stated}, rules give ${rag}${verdict.reasons.length ? ` (${verdict.reasons.join("; ")})` : ""}`;
  }
  return verdict;
}
