/**
 * A small pool of worker threads (how many by default: defaultPoolSize),
 * each summarising one file at
 * a time (with the next few already sent); results come back in the order
 * the files were given. The workers are started (startReaders) as soon as
 * the number of files is known, so they load their modules while the main
 * thread prepares the tasks and the output. The worker
 * is the compiled worker.js beside this module, or, where this module runs
 * as TypeScript (tests, tsx), worker.ts loaded through tsx's require hook.
 */
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { FileResult, FileTask } from "./summarise-file";

function workerEntry(): { file: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `worker${ext}`);
  // tsx is a development dependency: only TypeScript sources need it, never the built CLI.
  return ext === ".ts" ? { file, execArgv: ["--require", require.resolve("tsx/cjs")] } : { file, execArgv: [] };
}

/**
 * Files sent to a worker ahead of its answers: it starts the next file the
 * moment it finishes one, without waiting for the main thread, which may be
 * busy (loading the output's model while the workers read).
 */
const IN_FLIGHT = 3;

/** The most worker threads --threads may ask for. */
export const MAX_THREADS = 64;

/** Cores this process may run on. */
export function availableCores(): number {
  return Math.max(1, typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
}

/**
 * Bytes of workbooks each reader must have for its start to pay. A reader
 * is a V8 isolate: it compiles and warms its code up on its own (the first
 * fifty files take about three times as long as the rest), and its
 * optimising compiler and garbage collector keep about 0.4 of a core busy
 * on helper threads beside it. Measured on two cores (three runs each), one
 * reader against two: typical project workbooks (32 KB) 250 files 2.1–2.3
 * s against 2.4–2.5, 500 (16 MB) 3.1–3.5 s either way, 1,000 5.0–5.4 s
 * against 4.4–4.7; registers-only workbooks (11 KB) 500 files 1.8 s against
 * 2.1–2.2, 1,500 (12 MB) 3.5–3.6 s against 3.6–3.9. Two readers draw level
 * at about 16 MB on two cores, whatever the files' size: a reader's work
 * goes with the bytes it reads more than with the files.
 */
const BYTES_PER_READER = 8 * 1024 * 1024;

/**
 * Readers by default for workbooks of `bytes` bytes in all: every core when
 * they are enough to repay each reader's start, else one per core but one,
 * so the helpers have a core (on two cores: one reader, in this thread).
 */
export function defaultPoolSize(cores = availableCores(), bytes = Infinity): number {
  return bytes >= cores * BYTES_PER_READER ? cores : Math.max(1, cores - 1);
}

/** Workers started before the command line was parsed (early-start.ts), for the first readers started to take. */
let early: Reader[] = [];

/** Starts `count` workers now, before their files are known; startReaders takes them, and ends those it does not need. */
export function startEarlyReaders(count: number): Worker[] {
  const entry = workerEntry();
  early = Array.from({ length: count }, () => startWorker(entry));
  return early.map((r) => r.worker);
}

export interface Readers {
  /** Summarises the files on the readers started; called once. */
  summarise(tasks: readonly FileTask[], onDone: (done: number, total: number, result: FileResult) => void): Promise<FileResult[]>;
}

/**
 * Readers for `files` files on up to `threads` threads: worker threads,
 * started now, when there are two or more of each; else this thread, which
 * loads the reading code only when it reads.
 */
export function startReaders(threads: number, files: number): Readers {
  const wanted = threads <= 1 || files <= 1 ? 0 : Math.min(threads, files);
  const adopted = early.splice(0, wanted);
  for (const spare of early.splice(0)) void spare.worker.terminate();
  if (!wanted) return { summarise: summariseHere };
  const entry = workerEntry();
  const start = () => startWorker(entry);
  const started = [...adopted, ...Array.from({ length: wanted - adopted.length }, start)];
  return { summarise: (tasks, onDone) => summariseOnWorkers(tasks, started, start, onDone) };
}

/** A worker thread, and how it stopped if it did (it may stop before it is given work: a worker that cannot load). */
interface Reader {
  worker: Worker;
  stopped?: string;
  onStop?: (why: string) => void;
}

function startWorker(entry: { file: string; execArgv: string[] }): Reader {
  const r: Reader = { worker: new Worker(entry.file, { execArgv: entry.execArgv }) };
  const stop = (why: string) => {
    if (r.stopped !== undefined) return;
    r.stopped = why;
    r.onStop?.(why);
  };
  r.worker.on("error", (e) => stop(e.message));
  r.worker.on("exit", (code) => stop(`exit code ${code}`));
  // Until it is given files, a reader does not keep the process alive: a command that stops first (a bad --out) just ends.
  r.worker.unref();
  return r;
}

function collector(tasks: readonly FileTask[], onDone: (done: number, total: number, result: FileResult) => void) {
  const results: FileResult[] = new Array(tasks.length);
  let done = 0;
  const finish = (i: number, r: FileResult) => {
    results[i] = r;
    onDone(++done, tasks.length, r);
  };
  return { results, finish };
}

async function summariseHere(tasks: readonly FileTask[], onDone: (done: number, total: number, result: FileResult) => void): Promise<FileResult[]> {
  const { summariseFile } = await import("./summarise-file");
  const { results, finish } = collector(tasks, onDone);
  for (const [i, t] of tasks.entries()) finish(i, await summariseFile(t));
  return results;
}

async function summariseOnWorkers(
  tasks: readonly FileTask[],
  started: readonly Reader[],
  start: () => Reader,
  onDone: (done: number, total: number, result: FileResult) => void,
): Promise<FileResult[]> {
  const { results, finish } = collector(tasks, onDone);
  let next = 0;
  // Files handed back by a worker that died before reading them: the next worker takes them first.
  const retry: number[] = [];
  const live = new Set<Worker>();
  // A worker that dies (a file that exhausts its memory, say) costs only the file it was reading: that file is
  // reported and a fresh worker takes the rest of what the dead one held.
  const runWorker = (r: Reader): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const w = r.worker;
      w.ref();
      live.add(w);
      // Sent and not yet answered, in the order the worker reads them (the first is the one it is reading).
      const held: number[] = [];
      let settled = false;
      const send = () => {
        while (held.length < IN_FLIGHT && (retry.length || next < tasks.length)) {
          const i = retry.shift() ?? next++;
          held.push(i);
          w.postMessage({ ...tasks[i], id: i });
        }
        if (!held.length) {
          settled = true;
          live.delete(w);
          // Not waited for: every file it held is answered, and its thread ends on its own time.
          void w.terminate();
          resolve();
        }
      };
      w.on("message", (m: { id: number; result: FileResult }) => {
        held.splice(held.indexOf(m.id), 1);
        finish(m.id, m.result);
        send();
      });
      r.onStop = (why: string) => {
        if (settled) return;
        settled = true;
        live.delete(w);
        void w.terminate();
        // A worker that dies with no file in hand cannot start at all: starting another would fail the same way.
        if (!held.length) return reject(new Error(`a rollup worker could not run (${why})`));
        const [reading, ...waiting] = held;
        retry.push(...waiting);
        finish(reading, { shown: tasks[reading].shown, failed: `reading it stopped the reader (${why})` });
        runWorker(start()).then(resolve, reject);
      };
      if (r.stopped !== undefined) return r.onStop(r.stopped);
      send();
    });
  try {
    await Promise.all(started.map(runWorker));
  } finally {
    await Promise.all([...live].map((w) => w.terminate()));
  }
  return results;
}
