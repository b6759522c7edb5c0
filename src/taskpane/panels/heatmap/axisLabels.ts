/**
 * How the heat map's axis labels fit the pane. A label may wrap only between
 * words: a scale's one long word ("Catastrophic", "Insignificant") broken
 * mid-word reads as two words. Where a column is too narrow for a label's
 * longest word, the impact labels stand upright instead, as matrix headers
 * often do; the probability column is as wide as its longest word.
 */

/** The map's widest (px), as its table style caps it. */
export const MAP_WIDTH = 296;
/** Average advance of a character of the axis labels' 10 px type, rounded up (capitals are wider). */
const CHAR_WIDTH = 6.2;
const GAP = 2;
const ROW_HEADER_MIN = 40;
const ROW_HEADER_MAX = 96;
const ROW_HEADER_PADDING = 6;

const longestWord = (labels: readonly string[]): number =>
  labels.reduce((most, label) => label.split(/\s+/).reduce((m, w) => Math.max(m, w.length), most), 0);

export interface AxisLayout {
  /** Width of the probability column, px. */
  rowHeaderWidth: number;
  /** Impact labels set upright (read bottom to top) because a word of one is wider than its column. */
  uprightColumns: boolean;
}

export function axisLayout(probabilityLabels: readonly string[], impactLabels: readonly string[]): AxisLayout {
  // The row label is "5 Almost certain": the level's number shares a line with a short first word or stands on
  // its own, so the column need only hold the longest word (and its padding); every px it takes is the cells'.
  const rowHeaderWidth = Math.min(ROW_HEADER_MAX, Math.max(ROW_HEADER_MIN, Math.ceil(longestWord(probabilityLabels) * CHAR_WIDTH) + ROW_HEADER_PADDING));
  const columns = Math.max(1, impactLabels.length);
  const columnWidth = (MAP_WIDTH - rowHeaderWidth - GAP * (columns + 2)) / columns;
  return { rowHeaderWidth, uprightColumns: longestWord(impactLabels) * CHAR_WIDTH > columnWidth };
}
