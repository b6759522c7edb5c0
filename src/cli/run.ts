/**
 * Runs one command line and returns the exit code. Everything that can go
 * wrong ends here as a message on stderr and a code; nothing below this
 * function decides how the process ends.
 */
import "../core/zod-setup";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { WorkbookError } from "../hosts/host";
import { commands } from "./commands";
import { EXIT, ExitError, UsageError } from "./errors";
import { commandHelp, generalHelp, synopsis } from "./help";
import type { CliIo } from "./io";
import { parseCommandLine } from "./parse";
import type { CommandTable } from "./spec";

export async function runCli(argv: readonly string[], io: CliIo, table: CommandTable = commands): Promise<number> {
  // Known before parsing, so even a failure inside the parser can show its stack.
  const debug = argv.includes("--debug");
  let commandName: string | undefined;
  try {
    const line = parseCommandLine(argv, table);
    switch (line.kind) {
      case "help":
        io.out(line.command ? commandHelp(line.command) : generalHelp(table));
        return EXIT.done;
      case "version":
        io.out(readVersion());
        return EXIT.done;
      case "run": {
        commandName = line.command.name;
        const body = await line.command.load();
        await body(line.options, io);
        return EXIT.done;
      }
    }
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    if (e instanceof UsageError) {
      const command = table.find((c) => c.name === e.command);
      io.err(`pmo: ${e.message}`);
      io.err(command ? `Usage: ${synopsis(command)}\nRun 'pmo ${command.name} --help' for details.` : "Run 'pmo --help' to see the commands.");
      return EXIT.usage;
    }
    // A host error a command did not catch itself still names the file and what to do.
    if (e instanceof WorkbookError) {
      io.err(`pmo: ${e.message}`);
      return EXIT.usage;
    }
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.err(`pmo${commandName ? ` ${commandName}` : ""}: unexpected error: ${firstLine(what)}`);
    io.err(debug && e instanceof Error && e.stack ? e.stack : "Run again with --debug to see where it happened.");
    return EXIT.internal;
  }
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0];
  return line.length > 300 ? line.slice(0, 297) + "..." : line;
}

/** build/cli/run.js and src/cli/run.ts both sit two folders below the package root. */
function readVersion(): string {
  const pkg = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")));
  return pkg.version;
}
