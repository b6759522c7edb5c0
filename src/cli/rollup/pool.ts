/**
 * A small pool of worker threads, one per core, each summarising one file at
 * a time (with the next few already sent); results come back in the order
 * the files were given. The worker
 * is the compiled worker.js beside this module, or, where this module runs
 * as TypeScript (tests, tsx), worker.ts loaded through tsx's require hook.
 */
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { summariseFile, type FileResult, type FileTask } from "./summarise-file";

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

export function defaultPoolSize(): number {
  return Math.max(1, typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
}

export async function summariseFiles(tasks: readonly FileTask[], threads: number, onDone: (done: number, total: number, result: FileResult) => void): Promise<FileResult[]> {
  const results: FileResult[] = new Array(tasks.length);
  let done = 0;
  const finish = (i: number, r: FileResult) => {
    results[i] = r;
    onDone(++done, tasks.length, r);
  };
  // One file, or one thread: no worker is worth starting.
  if (threads <= 1 || tasks.length <= 1) {
    for (const [i, t] of tasks.entries()) finish(i, await summariseFile(t));
    return results;
  }
  const entry = workerEntry();
  let next = 0;
  // Files handed back by a worker that died before reading them: the next worker takes them first.
  const retry: number[] = [];
  const live = new Set<Worker>();
  // A worker that dies (a file that exhausts its memory, say) costs only the file it was reading: that file is
  // reported and a fresh worker takes the rest of what the dead one held.
  const runWorker = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const w = new Worker(entry.file, { execArgv: entry.execArgv });
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
          resolve();
        }
      };
      w.on("message", (m: { id: number; result: FileResult }) => {
        held.splice(held.indexOf(m.id), 1);
        finish(m.id, m.result);
        send();
      });
      const lost = (why: string) => {
        if (settled) return;
        settled = true;
        live.delete(w);
        void w.terminate();
        // A worker that dies with no file in hand cannot start at all: starting another would fail the same way.
        if (!held.length) return reject(new Error(`a rollup worker could not run (${why})`));
        const [reading, ...waiting] = held;
        retry.push(...waiting);
        finish(reading, { shown: tasks[reading].shown, failed: `reading it stopped the reader (${why})` });
        runWorker().then(resolve, reject);
      };
      w.on("error", (e) => lost(e.message));
      w.on("exit", (code) => lost(`exit code ${code}`));
      send();
    });
  try {
    await Promise.all(Array.from({ length: Math.min(threads, tasks.length) }, runWorker));
  } finally {
    await Promise.all([...live].map((w) => w.terminate()));
  }
  return results;
}
