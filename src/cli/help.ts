/** The words of `pmo --help` and `pmo <command> --help`, built from the command table. */
import { globalFlags } from "./parse";
import type { AnyCommandSpec, CommandTable, FlagSpec } from "./spec";
import { alignColumns } from "./format";

const OUTPUT_RULES = [
  "Exit codes: 0 done; 2 bad usage, or a file that cannot be read; 3 an internal error (please report it).",
  "With --json the result is one JSON document on stdout. Progress and errors go to stderr only: when a command fails, stdout stays empty, so a script can trust whatever it does get.",
];

export function synopsis(command: AnyCommandSpec): string {
  const args = command.positionals.map((p) => (p.variadic ? `<${p.name}>...` : `<${p.name}>`));
  const flags = Object.entries(command.flags).map(([name, f]) => `[--${name}${f.type === "string" ? ` ${f.valueName ?? "VALUE"}` : ""}]`);
  return ["pmo", command.name, ...args, ...flags].join(" ");
}

export function generalHelp(table: CommandTable): string {
  return [
    "pmo: find, standardise and check the registers in PMO workbooks; heat maps, variance and earned value, reconciliation and portfolio rollup on them.",
    "",
    "Usage: pmo <command> [options]",
    "",
    "Commands:",
    ...alignColumns(table.map((c) => [`  ${c.name}`, c.summary])),
    "",
    "Options:",
    ...flagLines({ ...globalFlags, version: { type: "boolean", description: "Print the version" } }),
    "",
    ...OUTPUT_RULES,
    "",
    "Run 'pmo <command> --help' for a command's arguments.",
  ].join("\n");
}

export function commandHelp(command: AnyCommandSpec): string {
  const lines = [`Usage: ${synopsis(command)}`, "", command.summary + "."];
  for (const note of command.notes ?? []) lines.push("", note);
  if (command.positionals.length > 0) {
    lines.push("", "Arguments:", ...alignColumns(command.positionals.map((p) => [`  <${p.name}>`, p.description])));
  }
  lines.push("", "Options:", ...flagLines({ ...command.flags, ...globalFlags }), "", ...OUTPUT_RULES);
  return lines.join("\n");
}

function flagLines(flags: Record<string, FlagSpec>): string[] {
  return alignColumns(
    Object.entries(flags).map(([name, f]) => [
      `  ${f.short ? `-${f.short}, ` : "    "}--${name}${f.type === "string" ? ` ${f.valueName ?? "VALUE"}` : ""}`,
      f.description,
    ]),
  );
}
