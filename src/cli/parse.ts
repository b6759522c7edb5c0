/**
 * argv → what to do. util.parseArgs does the tokenising (strict: unknown
 * flags are errors); the command's zod schema turns the result into typed
 * options. Every mistake becomes a UsageError with a sentence a person can
 * act on.
 */
import "../core/zod-setup";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";
import { UsageError } from "./errors";
import type { AnyCommandSpec, CommandTable, FlagSpec } from "./spec";

/** Flags every command accepts. */
export const globalFlags: Record<string, FlagSpec> = {
  help: { type: "boolean", short: "h", description: "Show help (also: pmo <command> --help)" },
  debug: { type: "boolean", description: "On an unexpected failure, show where it happened (stack trace)" },
};

export type CommandLine =
  | { kind: "help"; command?: AnyCommandSpec }
  | { kind: "version" }
  | { kind: "run"; command: AnyCommandSpec; options: unknown; debug: boolean };

export function parseCommandLine(argv: readonly string[], table: CommandTable): CommandLine {
  const endOfFlags = argv.indexOf("--");
  const head = endOfFlags === -1 ? argv : argv.slice(0, endOfFlags);
  const commandAt = head.findIndex((a) => !a.startsWith("-"));

  if (commandAt === -1) {
    const values = tokenise(argv, { ...globalFlags, version: { type: "boolean", description: "" } }, undefined).values;
    if (values.version === true && values.help !== true) return { kind: "version" };
    if (values.help === true) return { kind: "help" };
    throw new UsageError("say which command to run");
  }

  const name = argv[commandAt];
  const rest = [...argv.slice(0, commandAt), ...argv.slice(commandAt + 1)];
  const command = table.find((c) => c.name === name);
  if (command === undefined) {
    // `pmo help inspect` reads naturally, so it works too.
    if (name === "help") return helpFor(rest.filter((a) => !a.startsWith("-"))[0], table);
    throw new UsageError(`unknown command '${name}'. Commands: ${table.map((c) => c.name).join(", ")}`);
  }

  const { values, positionals } = tokenise(rest, { ...globalFlags, ...command.flags }, command.name);
  if (values.help === true) return { kind: "help", command };

  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (!(key in globalFlags)) input[key] = value;
  Object.assign(input, bindPositionals(command, positionals));

  const parsed = command.schema.safeParse(input);
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues, command), command.name);
  return { kind: "run", command, options: parsed.data, debug: values.debug === true };
}

function helpFor(name: string | undefined, table: CommandTable): CommandLine {
  if (name === undefined) return { kind: "help" };
  const command = table.find((c) => c.name === name);
  if (command === undefined) throw new UsageError(`unknown command '${name}'. Commands: ${table.map((c) => c.name).join(", ")}`);
  return { kind: "help", command };
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function tokenise(args: readonly string[], flags: Record<string, FlagSpec>, command: string | undefined): { values: Values; positionals: string[] } {
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [name, flag] of Object.entries(flags)) options[name] = flag.short ? { type: flag.type, short: flag.short } : { type: flag.type };
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return { values: values as Values, positionals };
  } catch (e) {
    throw new UsageError(rephraseParseArgsError(e, flags), command);
  }
}

/** Node's messages are long and talk about its own API; say the same thing in a line. */
function rephraseParseArgsError(e: unknown, flags: Record<string, FlagSpec>): string {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  const flag = /'(-{1,2}[^'\s]*)/.exec(message)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${flag ?? message}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const name = flag?.replace(/^-+/, "").split(/[=\s]/)[0] ?? "";
      const spec = flags[name] ?? Object.values(flags).find((f) => f.short === name);
      if (spec?.type === "string") return `${flag?.split(/[=\s]/)[0]} needs a value${spec.valueName ? ` (${spec.valueName})` : ""}`;
      return `${flag?.split("=")[0] ?? "that option"} does not take a value`;
    }
    default:
      return message;
  }
}

function bindPositionals(command: AnyCommandSpec, given: string[]): Record<string, string | string[]> {
  const bound: Record<string, string | string[]> = {};
  const specs = command.positionals;
  specs.forEach((spec, i) => {
    if (spec.variadic) {
      if (given.length > i) bound[spec.name] = given.slice(i);
    } else if (i < given.length) {
      bound[spec.name] = given[i];
    }
  });
  const missing = specs.slice(given.length);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((s) => `<${s.name}>`).join(" and ")}`, command.name);
  const last = specs[specs.length - 1];
  if (!last?.variadic && given.length > specs.length) {
    const extra = given.slice(specs.length);
    throw new UsageError(`unexpected argument${extra.length > 1 ? "s" : ""} ${extra.map((a) => `'${a}'`).join(" ")}`, command.name);
  }
  return bound;
}

/** zod issues in one line; an issue about a flag names the flag as typed. */
function describeIssues(issues: readonly z.core.$ZodIssue[], command: AnyCommandSpec): string {
  return issues
    .map((issue) => {
      const key = issue.path[0];
      if (issue.code === "unrecognized_keys") return `unknown option ${issue.keys.map((k) => `--${k}`).join(", ")}`;
      if (typeof key === "string" && key in command.flags) return `--${key}: ${issue.message}`;
      return issue.message;
    })
    .join("; ");
}
