/**
 * Drift: how a register has moved away from its template since it was
 * applied (or, for a register never applied, how it differs from the template
 * detection matched): missing or renamed columns, lost drop-downs, formulas
 * typed over or broken, values outside the allowed lists, formats. Findings
 * are data with a code; the sentences come from `messages`. Applying the
 * template repairs columns, drop-downs and formats; formulas typed over are
 * put back only where a person chooses, and values outside lists and the
 * user's own formulas are theirs.
 */
import { columnLetter } from "../grid/address";
import { isBlank } from "../grid/cell";
import { valueAt } from "../detect/sheet-cells";
import type { Template } from "../templates/schema";
import { offScale } from "../risk/levels";
import { driftMessage } from "./messages";
import {
  cellsNeedingFormat,
  bodyValues,
  computedColumnReview,
  fieldPlaces,
  numberFormatFor,
  placeColumns,
  rowsWithContent,
  sameValidation,
  tableHeaderNames,
  tableHeaders,
  validationFor,
  valuesOutsideList,
  mostlyOutsideList,
} from "./plan-apply";
import { registerGeometry, sameHeader, storedRecordFor, type RegisterSnapshot } from "./snapshot";
import { withBandFormulas } from "./band-columns";

export type DriftCode = "missing_column" | "renamed_column" | "lost_dropdown" | "formula_overwritten" | "formula_broken" | "own_formulas" | "formula_unscaled" | "level_off_scale" | "value_not_allowed" | "number_format";

export interface DriftFinding {
  code: DriftCode;
  /** Canonical field id. */
  field: string;
  /** A1 cells on the register's sheet, where the finding is about cells. */
  cells?: string[];
  message: string;
  /** Whether applying the template repairs it. */
  repairable: boolean;
  /** A formula a person may choose to restore on apply (never done unasked). */
  restorable?: boolean;
}

/** Detection confidence from which a register without a stored record is compared with its template. */
export const DRIFT_MIN_CONFIDENCE = 0.6;

/** Is this register one drift should look at (stored record, or confident detection)? */
export function driftApplies(s: RegisterSnapshot): boolean {
  return !!storedRecordFor(s.metadata, s.register, s.table?.name) || s.register.confidence >= DRIFT_MIN_CONFIDENCE;
}

export function registerDrift(s: RegisterSnapshot, template: Template): DriftFinding[] {
  const g = registerGeometry(s.register, s.table);
  const headers = s.table ? tableHeaders(s, g) : tableHeaderNames(s, g, template).names;
  const record = storedRecordFor(s.metadata, s.register, s.table?.name);
  const asTemplate = placeColumns(s, template, g, headers, record);
  const places = fieldPlaces(s, g, asTemplate);
  const placed = withBandFormulas(template, asTemplate, places, s.metadata.settings);
  const contentRows = rowsWithContent(s, g, placed);
  const out: DriftFinding[] = [];
  const push = (f: Omit<DriftFinding, "message">, details: Parameters<typeof driftMessage>[0]) => out.push({ ...f, message: driftMessage(details) });

  for (const p of placed) {
    const id = p.column.id;
    const header = p.column.header;
    const letter = columnLetter(p.col);
    if (p.added) {
      push({ code: "missing_column", field: id, repairable: true }, { code: "missing_column", header });
      continue;
    }
    const stored = record?.mapping[id];
    if (stored !== undefined && !sameHeader(stored, p.header)) {
      push({ code: "renamed_column", field: id, cells: [`${letter}${g.headerRow}`], repairable: false }, { code: "renamed_column", header: stored, found: p.header, expected: header });
    }
    if (p.column.formula && !p.lowConfidence) {
      const review = computedColumnReview(s, g, p, s.table?.name ?? "", places, contentRows);
      if (review.ownFormulas.length) {
        const own = review.ownFormulas.map((r) => `${letter}${r}`);
        push({ code: "own_formulas", field: id, cells: own, repairable: false }, { code: "own_formulas", header, cells: own });
      } else {
        const targets = new Set(review.restorable);
        const broken = review.state.broken.map((r) => `${letter}${r}`);
        const over = review.state.overwritten.filter((r) => targets.has(r)).map((r) => `${letter}${r}`);
        const unscaled = review.unscaled.map((r) => `${letter}${r}`);
        if (unscaled.length) push({ code: "formula_unscaled", field: id, cells: unscaled, repairable: false, restorable: true }, { code: "formula_unscaled", header, cells: unscaled });
        if (broken.length) push({ code: "formula_broken", field: id, cells: broken, repairable: false, restorable: true }, { code: "formula_broken", header, cells: broken });
        if (over.length) push({ code: "formula_overwritten", field: id, cells: over, repairable: false, restorable: true }, { code: "formula_overwritten", header, cells: over });
      }
    }
    const scale = places[id]?.scale;
    if (scale) {
      const values = bodyValues(s, g, p.col);
      const off = offScale(values, scale).map((i) => `${letter}${g.firstBodyRow + i}`);
      if (off.length) {
        const words = [...new Set(offScale(values, scale).map((i) => String(values[i]).trim()))];
        push({ code: "level_off_scale", field: id, cells: off, repairable: false }, { code: "level_off_scale", header, cells: off, values: words, expected: scale.name });
      }
    }
    const allowed = p.column.allowedValues;
    if (allowed?.length) {
      const want = validationFor(p.column);
      const have = s.rules?.get(letter)?.validation;
      const lookup = have && have !== "mixed" && have.rule.kind === "listRange";
      const outside = valuesOutsideList(s, g, p.col, allowed);
      // Apply gives a column mostly outside the list no drop-down: not a repair to promise.
      if (s.rules && want && !lookup && !sameValidation(have, want) && !mostlyOutsideList(outside)) {
        push({ code: "lost_dropdown", field: id, repairable: true }, { code: "lost_dropdown", header });
      }
      const { cells: bad, values } = outside;
      if (bad.length) push({ code: "value_not_allowed", field: id, cells: bad, repairable: false }, { code: "value_not_allowed", header, cells: bad, values });
    }
    const format = numberFormatFor(p.column);
    if (format) {
      const rows = cellsNeedingFormat(s, g, p.col, p.column, format).filter((r) => !isBlank(valueAt(s.cells, r, p.col)));
      if (rows.length) {
        const cells = rows.map((r) => `${letter}${r}`);
        push({ code: "number_format", field: id, cells, repairable: true }, { code: "number_format", header, cells, expected: format });
      }
    }
  }
  return out;
}
