/** The one place a finding's problem becomes a sentence. */
import type { Problem } from "./finding";

function quote(text: string): string {
  return `“${text}”`;
}

function amount(n: number): string {
  return n.toLocaleString("en-GB", { maximumFractionDigits: 6 });
}

/** `field` is the column's header as the register writes it ("Risk Owner"). */
export function problemMessage(problem: Problem, field: string): string {
  switch (problem.code) {
    case "missing_required":
      return `${field} is empty; every row needs one.`;
    case "cell_error":
      return `${field} shows the error ${problem.error}.`;
    case "not_a_number":
      return `${field} should be a number; ${quote(problem.text)} is not one.`;
    case "number_as_text":
      return `${field} holds ${quote(problem.text)} as text; sums and filters skip it. Fix: store the number ${amount(problem.value)}.`;
    case "number_ambiguous":
      return `${field} holds ${quote(problem.text)} as text, which could be ${problem.readings.map(amount).join(" or ")}; type the number you mean.`;
    case "amount_as_text": {
      const other = problem.currency !== null && problem.currency !== problem.workbookCurrency;
      return other
        ? `${field} holds ${quote(problem.text)} as text, an amount in ${problem.currency} where the workbook counts in ${problem.workbookCurrency}; convert it and type the number.`
        : `${field} holds ${quote(problem.text)} as text; totals skip it. Fix: store the number ${amount(problem.value)}.`;
    }
    case "not_whole":
      return `${field} should be a whole number; it holds ${amount(problem.value)}.`;
    case "level_off_scale":
      return `${field} is ${amount(problem.value)}, outside the scale ${problem.min}–${problem.max}.`;
    case "level_word_unknown":
      return problem.scale
        ? `${field} ${quote(problem.text)} is not a level of the column's scale (${problem.scale}); its score cannot be worked out.`
        : `${field} ${quote(problem.text)} is not a level the toolkit can read (a number or a word such as High, Medium, Low).`;
    case "level_word_among_numbers":
      return `${field} ${quote(problem.text)} is a word where the rest of the column holds numbers; its score cannot be worked out. Type the level's number.`;
    case "not_a_date":
      return `${field} should be a date; ${quote(problem.text)} is not one.`;
    case "date_as_text":
      return `${field} holds the date ${quote(problem.text)} as text; sorting and Excel’s date filters skip it. Fix: store the date ${problem.iso}.`;
    case "date_ambiguous":
      return `${field} holds ${quote(problem.text)} as text, which reads as ${problem.readings.join(" or ")}; type the date you mean.`;
    case "not_a_percent":
      return `${field} should be a percentage; ${quote(problem.text)} is not one.`;
    case "percent_as_text":
      return `${field} holds ${quote(problem.text)} as text. Fix: store ${amount(problem.value * 100)}% as a number.`;
    case "not_in_list": {
      const list = problem.allowed.length <= 8 ? ` (${problem.allowed.join(", ")})` : "";
      return `${field} ${quote(problem.text)} is not one of the allowed values${list}.${problem.suggestion ? ` Did you mean ${quote(problem.suggestion)}?` : ""}`;
    }
    case "list_spelling":
      return `${field} ${quote(problem.text)} is written differently from the list. Fix: write ${quote(problem.canonical)}.`;
    case "duplicate_id":
      return `${field} ${quote(problem.id)} is used again; it first appears in ${problem.firstCell}.`;
    case "closed_without_date":
      return `The item is ${quote(problem.status)} but has no ${field}.`;
    case "closed_before_raised":
      return `${field} ${problem.closed} is before the date raised, ${problem.raised}.`;
    case "high_risk_without":
      return `A ${problem.band.toLowerCase()} risk needs ${problem.missing === "owner" ? "an owner" : "a response"}; ${field} is empty.`;
    case "score_mismatch":
      return `${field} is ${amount(problem.score)} but probability × impact is ${amount(problem.probability)} × ${amount(problem.impact)} = ${amount(problem.probability * problem.impact)}.`;
    case "residual_above_inherent":
      return `${field} ${amount(problem.residual)} is above the inherent score ${amount(problem.inherent)}; a response should not raise a risk.`;
    case "milestone_overdue":
      return `Overdue: the forecast date ${problem.forecast} has passed and there is no ${field}.`;
    case "variance_unexplained":
      return `The variance is ${amount(Math.round(problem.percent * 10) / 10)}% of budget, past the amber threshold of ${amount(problem.threshold)}%; ${field} is empty.`;
    case "review_overdue":
      return `${field} ${problem.review} has passed and the item is still open.`;
    case "dropdown_missing": {
      const where = problem.ranges.slice(0, 3).join(", ") + (problem.ranges.length > 3 ? ` and ${problem.ranges.length - 3} more` : "");
      return `${field} has lost its drop-down on ${problem.cells} ${problem.cells === 1 ? "cell" : "cells"} (${where}), as a paste over the column does; typing there is no longer checked. Fix: put the column's drop-down back.`;
    }
    case "custom":
      return problem.text;
  }
}
