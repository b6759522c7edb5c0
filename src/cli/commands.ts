/**
 * Every `pmo` command, declared in one place: what it is called, what it
 * takes, and where its body lives. Bodies are loaded only when run.
 */
import { z } from "zod";
import { defineCommand, type CommandTable } from "./spec";
import { jsonFlag, pathArgument } from "./options";
import type { InspectOptions } from "./commands/inspect";

const jsonHelp = "Print one JSON document on stdout instead of text";

export const commands: CommandTable = [
  defineCommand<InspectOptions>({
    name: "inspect",
    summary: "List the sheets and tables in a workbook",
    positionals: [{ name: "workbook", description: "An .xlsx, .xlsm or .csv file" }],
    flags: { json: { type: "boolean", description: jsonHelp } },
    schema: z.object({ workbook: pathArgument("<workbook>"), json: jsonFlag }).strict(),
    notes: [
      "Shows each sheet (visible or hidden, and the cells in use) and each Excel table with its column headers. Nothing in the workbook is changed.",
    ],
    load: async () => (await import("./commands/inspect")).inspect,
  }),
];
