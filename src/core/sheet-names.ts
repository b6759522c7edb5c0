/**
 * Finding a sheet by the name a person typed. Excel compares sheet names
 * without regard to case, and real workbooks carry names with spaces at the
 * end ("CPR Risks  ") that nobody types: an exact name wins, else the one
 * sheet whose name reads the same once spaces are tidied.
 */
import { singleSpaced } from "./spaces";

const tidy = (name: string) => singleSpaced(name).toLowerCase();

/** The workbook's own spelling of the sheet `given` names, or undefined when none (or more than one loosely) matches. */
export function sheetNamed(names: readonly string[], given: string): string | undefined {
  const exact = names.find((n) => n.toLowerCase() === given.toLowerCase());
  if (exact !== undefined) return exact;
  const wanted = tidy(given);
  const loose = names.filter((n) => tidy(n) === wanted);
  return loose.length === 1 ? loose[0] : undefined;
}
