/** Runs the CLI in-process and keeps what it printed, as a terminal-less user would see it. */
import type { CliIo } from "../../../src/cli/io";
import { runCli } from "../../../src/cli/run";
import type { CommandTable } from "../../../src/cli/spec";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCaptured(argv: string[], opts: { cwd?: string; table?: CommandTable } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    out: (text) => void (stdout += text.endsWith("\n") ? text : text + "\n"),
    err: (text) => void (stderr += text.endsWith("\n") ? text : text + "\n"),
    progress: () => undefined,
    cwd: opts.cwd ?? process.cwd(),
  };
  const code = await runCli(argv, io, opts.table);
  return { code, stdout, stderr };
}
