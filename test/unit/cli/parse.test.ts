import { z } from "zod";
import { commands } from "../../../src/cli/commands";
import { UsageError } from "../../../src/cli/errors";
import { outputTarget, outputTargetFlags, jsonFlag, pathArgument, localToday } from "../../../src/cli/options";
import { parseCommandLine, type CommandLine } from "../../../src/cli/parse";
import { defineCommand, type CommandTable } from "../../../src/cli/spec";

/** A command shaped like the writing commands of the contract, to pin the shared flag rules. */
const writer = defineCommand({
  name: "write",
  summary: "Test command that writes",
  positionals: [
    { name: "template", description: "template id" },
    { name: "workbook", description: "file" },
  ],
  flags: { ...outputTargetFlags, sheet: { type: "string", valueName: "S", description: "sheet" }, json: { type: "boolean", description: "json" } },
  schema: z
    .object({ template: z.string(), workbook: pathArgument("<workbook>"), sheet: z.string().optional(), out: z.string().optional(), "in-place": z.boolean().optional(), json: jsonFlag })
    .strict()
    .transform((v, ctx) => ({ template: v.template, workbook: v.workbook, sheet: v.sheet, json: v.json, target: outputTarget(v, ctx) })),
  load: async () => async () => undefined,
});
const rollupLike = defineCommand({
  name: "gather",
  summary: "Test command with many inputs",
  positionals: [{ name: "inputs", description: "files", variadic: true }],
  flags: {},
  schema: z.object({ inputs: z.array(z.string()) }).strict(),
  load: async () => async () => undefined,
});
const table: CommandTable = [...commands, writer, rollupLike];
const commandList = table.map((c) => c.name).join(", ");

function summary(line: CommandLine): unknown {
  switch (line.kind) {
    case "help":
      return { help: line.command?.name ?? "pmo" };
    case "version":
      return "version";
    case "run":
      return { [line.command.name]: line.options, ...(line.debug ? { debug: true } : {}) };
  }
}

function usageMessage(argv: string[]): string {
  try {
    parseCommandLine(argv, table);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`expected a usage error for ${JSON.stringify(argv)}`);
}

describe("parseCommandLine", () => {
  describe("turns a valid command line into options", () => {
    it.each<[string[], unknown]>([
      [["inspect", "risks.xlsx"], { inspect: { workbook: "risks.xlsx", json: false } }],
      [["inspect", "risks.xlsx", "--json"], { inspect: { workbook: "risks.xlsx", json: true } }],
      [["--json", "inspect", "risks.xlsx"], { inspect: { workbook: "risks.xlsx", json: true } }],
      [["inspect", "--debug", "My Risks.xlsx"], { inspect: { workbook: "My Risks.xlsx", json: false }, debug: true }],
      [["inspect", "--", "-odd name.xlsx"], { inspect: { workbook: "-odd name.xlsx", json: false } }],
      [["--help"], { help: "pmo" }],
      [["-h"], { help: "pmo" }],
      [["inspect", "--help"], { help: "inspect" }],
      [["inspect", "-h", "--bogus"], "usage"],
      [["help", "inspect"], { help: "inspect" }],
      [["--help", "inspect"], { help: "inspect" }],
      [["--version"], "version"],
      [["write", "risk", "a.xlsx", "--out", "b.xlsx"], { write: { template: "risk", workbook: "a.xlsx", json: false, target: { kind: "file", path: "b.xlsx" } } }],
      [["write", "risk", "a.xlsx", "--out=b.xlsx", "--sheet", "Risks"], { write: { template: "risk", workbook: "a.xlsx", sheet: "Risks", json: false, target: { kind: "file", path: "b.xlsx" } } }],
      [["write", "risk", "a.xlsx", "--in-place", "--json"], { write: { template: "risk", workbook: "a.xlsx", json: true, target: { kind: "inPlace" } } }],
      [["gather", "a.xlsx", "b.xlsx", "c.xlsx"], { gather: { inputs: ["a.xlsx", "b.xlsx", "c.xlsx"] } }],
    ])("%j", (argv, expected) => {
      if (expected === "usage") {
        expect(() => parseCommandLine(argv, table)).toThrow(UsageError);
      } else {
        expect(summary(parseCommandLine(argv, table))).toEqual(expected);
      }
    });
  });

  describe("rejects a wrong command line with a sentence saying what is wrong", () => {
    it.each<[string[], string]>([
      [[], "say which command to run"],
      [["--debug"], "say which command to run"],
      [["frobnicate", "x.xlsx"], `unknown command 'frobnicate'. Commands: ${commandList}`],
      [["help", "frobnicate"], `unknown command 'frobnicate'. Commands: ${commandList}`],
      [["inspect"], "missing <workbook>"],
      [["inspect", "--json"], "missing <workbook>"],
      [["inspect", "  "], "<workbook> is empty"],
      [["inspect", "a.xlsx", "b.xlsx"], "unexpected argument 'b.xlsx'"],
      [["inspect", "a.xlsx", "--jsno"], "unknown option --jsno"],
      [["inspect", "a.xlsx", "-x"], "unknown option -x"],
      [["inspect", "a.xlsx", "--json=yes"], "--json does not take a value"],
      [["inspect", "a.xlsx", "--out", "b.xlsx"], "unknown option --out"],
      [["write", "risk"], "missing <workbook>"],
      [["write"], "missing <template> and <workbook>"],
      [["write", "risk", "a.xlsx"], "say where the result goes: --out FILE for a new file, or --in-place to change the workbook itself"],
      [["write", "risk", "a.xlsx", "--out", "b.xlsx", "--in-place"], "use either --out FILE or --in-place, not both"],
      [["write", "risk", "a.xlsx", "--out"], "--out needs a value (FILE)"],
      [["write", "risk", "a.xlsx", "--out="], "--out needs a file name"],
      [["write", "risk", "a.xlsx", "--in-place", "--sheet"], "--sheet needs a value (S)"],
      [["gather"], "missing <inputs>"],
    ])("%j", (argv, message) => {
      expect(usageMessage(argv)).toBe(message);
    });
  });

  it("names the command in a usage error so the help hint can point at it", () => {
    try {
      parseCommandLine(["inspect", "--nope", "a.xlsx"], table);
      throw new Error("no usage error");
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).command).toBe("inspect");
    }
  });
});

describe("localToday", () => {
  it("is the day on the local calendar, not the UTC one", () => {
    // 00:30 local on 1 March: in a zone east of UTC the UTC day is still 28 February.
    expect(localToday(new Date(2026, 2, 1, 0, 30))).toBe("2026-03-01");
    expect(localToday(new Date(2026, 11, 31, 23, 59))).toBe("2026-12-31");
  });
});
