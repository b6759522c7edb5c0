/**
 * The two ways a command ends early. Commands print a readable message first
 * and then throw; only the entry turns these into a process exit code.
 */

/** Ends the command with an exit code; the message has already been printed. */
export class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = "ExitError";
  }
}

/** The command line itself is wrong: unknown flag, missing argument, conflicting flags. Exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command the user was running, so the help hint can point at it. */
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** Exit codes of the CLI contract, plus one for our own bugs. */
export const EXIT = {
  done: 0,
  findings: 1,
  usage: 2,
  /** Not in the contract's list on purpose: an internal failure must not look like bad input. */
  internal: 3,
} as const;
