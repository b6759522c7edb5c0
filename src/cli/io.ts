/**
 * Where a command's output goes. Commands write through this, never to
 * process.stdout directly, so tests run the CLI in-process and capture it.
 */
export interface CliIo {
  /** One line (or block) of the result on stdout. With --json, called once with the whole document. */
  out(text: string): void;
  /** Messages for a person: errors, warnings. Always stderr. */
  err(text: string): void;
  /** Progress for a person watching; stderr, and silent where nobody watches (pipes, tests). */
  progress(text: string): void;
  /** Relative paths on the command line are resolved against this. */
  cwd: string;
}

export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text.endsWith("\n") ? text : text + "\n"),
    err: (text) => void process.stderr.write(text.endsWith("\n") ? text : text + "\n"),
    progress: (text) => {
      if (process.stderr.isTTY) process.stderr.write(text + "\n");
    },
    cwd: process.cwd(),
  };
}
