import { z } from "zod";
import { commands } from "../../../src/cli/commands";
import { ExitError } from "../../../src/cli/errors";
import { defineCommand, type CommandTable } from "../../../src/cli/spec";
import { WorkbookError } from "../../../src/hosts/host";
import { runCaptured } from "./capture";

/** Commands that fail in each of the ways a real one can, to pin what the entry does with each. */
function failing(name: string, failure: () => never): CommandTable[number] {
  return defineCommand({
    name,
    summary: `Fails (${name})`,
    positionals: [],
    flags: { json: { type: "boolean", description: "json" } },
    schema: z.object({ json: z.boolean().default(false) }).strict(),
    load: async () => async () => failure(),
  });
}
const table: CommandTable = [
  ...commands,
  failing("bug", () => {
    throw new TypeError("Cannot read properties of undefined (reading 'rows')");
  }),
  failing("stop", () => {
    throw new ExitError(1);
  }),
  failing("unreadable", () => {
    throw new WorkbookError("“plan.xlsx” is damaged: its zip data is cut short. Get a fresh copy.", { file: "plan.xlsx" });
  }),
];

describe("the pmo entry", () => {
  it("prints the general help on stdout with exit code 0", async () => {
    const run = await runCaptured(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Usage: pmo <command> \[options\]$/m);
    expect(run.stdout).toMatch(/^ {2}inspect +List the registers, sheets and tables in a workbook$/m);
    expect(run.stdout).toContain("when a command fails, stdout stays empty");
  });

  it("prints a command's help with its synopsis and arguments", async () => {
    const run = await runCaptured(["inspect", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("Usage: pmo inspect <workbook> [--json]");
    expect(run.stdout).toMatch(/^ {2}<workbook> {2}An \.xlsx, \.xlsm or \.csv file$/m);
    expect(run.stdout).toMatch(/^ {6}--json +Print one JSON document/m);
  });

  it("prints the version from package.json", async () => {
    const run = await runCaptured(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("answers bad usage with the problem, the synopsis and exit code 2, on stderr only", async () => {
    const run = await runCaptured(["inspect", "--out", "x.xlsx", "a.xlsx"]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: "pmo: unknown option --out\nUsage: pmo inspect <workbook> [--json]\nRun 'pmo inspect --help' for details.\n",
    });
  });

  it("points to the general help when there is no command", async () => {
    const run = await runCaptured([]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "pmo: say which command to run\nRun 'pmo --help' to see the commands.\n" });
  });

  it("shows one short line for an unexpected error, and the stack only with --debug", async () => {
    const quiet = await runCaptured(["bug"], { table });
    expect(quiet.code).toBe(3);
    expect(quiet.stdout).toBe("");
    expect(quiet.stderr).toBe(
      "pmo bug: unexpected error: TypeError: Cannot read properties of undefined (reading 'rows')\nRun again with --debug to see where it happened.\n",
    );

    const loud = await runCaptured(["bug", "--debug", "--json"], { table });
    expect(loud.code).toBe(3);
    expect(loud.stdout).toBe("");
    expect(loud.stderr).toMatch(/^pmo bug: unexpected error: TypeError/);
    expect(loud.stderr).toMatch(/\n {4}at .+run\.test\.ts/);
  });

  it("ends with the code a command's ExitError carries, adding nothing", async () => {
    expect(await runCaptured(["stop"], { table })).toEqual({ code: 1, stdout: "", stderr: "" });
  });

  it("turns a workbook error nobody caught into its message and exit code 2, without a stack", async () => {
    const run = await runCaptured(["unreadable", "--debug"], { table });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "pmo: “plan.xlsx” is damaged: its zip data is cut short. Get a fresh copy.\n" });
  });
});
