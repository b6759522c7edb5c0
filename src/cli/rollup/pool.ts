/**
 * A small pool of worker threads, one per core, each summarising one file at
 * a time; results come back in the order the files were given. The worker
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
  const live = new Set<Worker>();
  // A worker that dies (a file that exhausts its memory, say) costs only the file it was reading: that file is
  // reported and a fresh worker takes the next one.
  const runWorker = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const w = new Worker(entry.file, { execArgv: entry.execArgv });
      live.add(w);
      let current = -1;
      let settled = false;
      const send = () => {
        if (next >= tasks.length) {
          settled = true;
          return resolve();
        }
        current = next++;
        w.postMessage({ ...tasks[current], id: current });
      };
      w.on("message", (m: { id: number; result: FileResult }) => {
        current = -1;
        finish(m.id, m.result);
        send();
      });
      const lost = (why: string) => {
        if (settled) return;
        settled = true;
        live.delete(w);
        void w.terminate();
        // A worker that dies with no file in hand cannot start at all: starting another would fail the same way.
        if (current < 0) return reject(new Error(`a rollup worker could not run (${why})`));
        finish(current, { shown: tasks[current].shown, failed: `reading it stopped the reader (${why})` });
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
