/**
 * Imported by the `pmo` entry before the rest of the CLI loads: for
 * `pmo rollup`, the worker threads that read the files are started at once,
 * so they load their modules while this thread loads the CLI, parses the
 * command line and walks the folders (otherwise a quarter of a second with
 * the other cores idle). Only a guess from the raw arguments: the command
 * takes these workers for what it needs once it knows the files and
 * threads, and ends any it does not need (pool.ts); a guess that is wrong
 * costs a worker's start, never a different result.
 */
import { defaultPoolSize, startEarlyReaders } from "./pool";

/** How many workers a rollup command line will likely want: the --threads it gives, else one per core; none for help. */
export function earlyReaderCount(argv: readonly string[]): number {
  if (argv[0] !== "rollup" || argv.includes("--help") || argv.includes("-h")) return 0;
  const at = argv.findIndex((a) => a === "--threads" || a.startsWith("--threads="));
  const given = at < 0 ? undefined : Number(argv[at].startsWith("--threads=") ? argv[at].slice("--threads=".length) : argv[at + 1]);
  const threads = given === undefined ? defaultPoolSize() : Number.isInteger(given) ? given : 0;
  // One thread reads in this thread; so does a single file named alone, the one case guessed from the arguments.
  const inputs = argv.slice(1).filter((a, i, all) => !a.startsWith("-") && !/^--(out|threads|as-of)$/.test(all[i - 1] ?? ""));
  return threads > 1 && !(inputs.length === 1 && /\.(xlsx|xlsm)$/i.test(inputs[0])) ? threads : 0;
}

const count = earlyReaderCount(process.argv.slice(2));
if (count) startEarlyReaders(count);
