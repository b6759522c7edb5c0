/**
 * How a command is declared: its words for the help, the flags util.parseArgs
 * accepts, and a zod schema that turns what was typed into the command's
 * options (and rejects bad combinations). The command body is loaded lazily,
 * so `pmo --help` does not pay for ExcelJS.
 */
import "../core/zod-setup";
import type { z } from "zod";
import type { CliIo } from "./io";

export interface FlagSpec {
  type: "boolean" | "string";
  short?: string;
  /** Placeholder shown in the help for a string flag, e.g. "FILE". */
  valueName?: string;
  description: string;
}

export interface PositionalSpec {
  /** Key the value gets in the options object, and `<name>` in the help. */
  name: string;
  description: string;
  /** Takes every remaining argument (at least one); only the last positional can be. */
  variadic?: boolean;
}

export type CommandBody<O> = (options: O, io: CliIo) => Promise<void>;

export interface CommandSpec<O> {
  name: string;
  /** One line for `pmo --help`. */
  summary: string;
  positionals: PositionalSpec[];
  flags: Record<string, FlagSpec>;
  /**
   * Receives `{ <positional name>: string | string[], <flag>: value, ... }`
   * and returns the command's options. Refinements here catch flags that
   * conflict or depend on each other; their messages are shown as they are.
   */
  schema: z.ZodType<O>;
  /** Extra paragraphs for `pmo <command> --help`. */
  notes?: string[];
  load(): Promise<CommandBody<O>>;
}

/** A command whose options type has been forgotten, so specs of different commands sit in one table. */
export interface AnyCommandSpec extends Omit<CommandSpec<unknown>, "load"> {
  load(): Promise<CommandBody<unknown>>;
}

/** Keeps the schema's output type tied to the body's options type at the declaration. */
export function defineCommand<O>(spec: CommandSpec<O>): AnyCommandSpec {
  return spec as unknown as AnyCommandSpec;
}

export type CommandTable = readonly AnyCommandSpec[];
