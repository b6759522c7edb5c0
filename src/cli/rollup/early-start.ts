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
import { statSync } from "node:fs";
import { availableCores, defaultPoolSize, MAX_THREADS, startEarlyReaders } from "./pool";

/**
 * Early workers hide the CLI's own start (a quarter of a second), which a
 * few do as well as many: more than this, or than the cores, only cost
 * memory when the command turns out to need fewer. startReaders starts the
 * rest once the files are known.
 */
const EARLY_AT_MOST = 4;

/**
 * How many workers a rollup command line will likely want: the --threads it
 * gives (read as the command reads it; out of range, none), else the
 * command's default for the workbooks it names (by their size), or for a
 * little reading when it names a folder (the rest start once the files are
 * counted); never more than the cores, nor the workbooks it names; none for
 * help.
 */
export function earlyReaderCount(argv: readonly string[], cores = availableCores(), sizeOf: (file: string) => number = fileSize): number {
  if (argv[0] !== "rollup" || argv.includes("--help") || argv.includes("-h")) return 0;
  const at = argv.findIndex((a) => a === "--threads" || a.startsWith("--threads="));
  const given = at < 0 ? undefined : (argv[at].startsWith("--threads=") ? argv[at].slice("--threads=".length) : (argv[at + 1] ?? "")).trim();
  const inputs = argv.slice(1).filter((a, i, all) => !a.startsWith("-") && !/^--(out|threads|as-of)$/.test(all[i - 1] ?? ""));
  // One thread reads in this thread; so does a single file named alone.
  const files = inputs.length && inputs.every((a) => /\.(xlsx|xlsm)$/i.test(a)) ? inputs.length : Infinity;
  // A folder is taken to hold little: were there more readers to start for much, the command starts them once it has counted.
  // Named files are sized only when no --threads says how many.
  const threads = given === undefined ? defaultPoolSize(cores, files === Infinity ? 0 : inputs.reduce((n, a) => n + sizeOf(a), 0)) : /^\d{1,3}$/.test(given) && Number(given) <= MAX_THREADS ? Number(given) : 0;
  const count = Math.min(threads, files, cores, EARLY_AT_MOST);
  return threads > 1 && files > 1 && count > 1 ? count : 0;
}

/** A named file's size, 0 when it is not there (the command says so later). */
function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

const count = earlyReaderCount(process.argv.slice(2));
if (count) startEarlyReaders(count);
