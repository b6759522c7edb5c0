/**
 * Which registers belong to which project, inside one workbook. A workbook
 * is one project unless it says otherwise: a project list naming several
 * projects (their sheets are told apart by the code or name in the sheet's
 * name or title, or by the prefix of the register's IDs), or sheet names
 * that share a leading word per project ("NDU Risks", "NDU Issues", "CPR Risks"...).
 */
import type { SheetCells } from "../detect/sheet-cells";
import type { RegisterData } from "./register-figures";
import type { ProjectInfo } from "./project-info";
import { textOf, wordsOf } from "./values";

export interface ProjectGroup {
  /** From the project list, when the workbook has one. */
  listed: ProjectInfo | null;
  registers: RegisterData[];
  /** A short label for a group found from sheet names alone ("NDU"). */
  prefix?: string;
}

function tokens(text: string): string[] {
  return wordsOf(text).split(/[^a-z0-9а-я]+/).filter(Boolean);
}

function mentions(text: string, info: ProjectInfo): boolean {
  const words = tokens(text);
  const code = info.code ? wordsOf(String(info.code.value)) : "";
  if (code && words.includes(code)) return true;
  const name = info.project ? tokens(String(info.project.value)).join(" ") : "";
  return name.length >= 4 && ` ${words.join(" ")} `.includes(` ${name} `);
}

/** The prefix most of a register's IDs share ("NDU" of "NDU-R01"), lower-cased. */
function idPrefix(data: RegisterData): string | null {
  const counts = new Map<string, number>();
  let n = 0;
  for (const row of data.rows) {
    const id = textOf(row.cells.id);
    const m = /^([A-Za-z][A-Za-z0-9]{1,9})[-_ /.]/.exec(id);
    if (!id) continue;
    n++;
    if (m) counts.set(m[1].toLowerCase(), (counts.get(m[1].toLowerCase()) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] * 2 > n ? best[0] : null;
}

const REGISTER_WORDS = new Set(["risk", "risks", "issue", "issues", "raid", "milestone", "milestones", "budget", "cost", "costs", "evm", "change", "changes", "decision", "decisions", "lessons", "benefits", "stakeholder", "stakeholders", "action", "actions", "log", "register", "tracker", "project"]);

/**
 * `heads` holds each sheet's title rows (the cells above its registers), where
 * a sheet names its project ("Northgate Depot Upgrade – Issue log").
 */
export function groupRegisters(registers: readonly RegisterData[], listed: readonly ProjectInfo[], heads: ReadonlyMap<string, SheetCells>): ProjectGroup[] {
  if (listed.length >= 2) {
    const groups: ProjectGroup[] = listed.map((info) => ({ listed: info, registers: [] }));
    const unmatched: RegisterData[] = [];
    for (const reg of registers) {
      const sheet = reg.register.sheet;
      const head = heads.get(sheet);
      const headText = head ? head.values.flat().filter((v): v is string => typeof v === "string").join(" ") : "";
      const prefix = idPrefix(reg);
      const match =
        groups.find((g) => g.listed && mentions(sheet, g.listed)) ??
        groups.find((g) => g.listed && headText && mentions(headText, g.listed)) ??
        groups.find((g) => g.listed?.code && prefix && wordsOf(String(g.listed.code.value)) === prefix);
      if (match) match.registers.push(reg);
      else unmatched.push(reg);
    }
    if (unmatched.length) groups.push({ listed: null, registers: unmatched, prefix: "other sheets" });
    return groups;
  }
  const byWord = new Map<string, RegisterData[]>();
  for (const reg of registers) {
    const first = tokens(reg.register.sheet)[0] ?? "";
    byWord.set(first, [...(byWord.get(first) ?? []), reg]);
  }
  const split = byWord.size >= 2 && [...byWord].every(([w, regs]) => w && !REGISTER_WORDS.has(w) && regs.length >= 2);
  if (split) {
    return [...byWord.values()].map((regs) => ({ listed: listed[0] && mentions(regs[0].register.sheet, listed[0]) ? listed[0] : null, registers: regs, prefix: regs[0].register.sheet.trim().split(/\s+/)[0] }));
  }
  return [{ listed: listed[0] ?? null, registers: [...registers] }];
}
