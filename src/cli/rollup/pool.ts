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
  const workers = Array.from({ length: Math.min(threads, tasks.length) }, () => new Worker(entry.file, { execArgv: entry.execArgv }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= tasks.length) return resolve();
              const id = next++;
              w.postMessage({ ...tasks[id], id });
            };
            w.on("message", (m: { id: number; result: FileResult }) => {
              finish(m.id, m.result);
              send();
            });
            w.on("error", reject);
            w.on("exit", (code) => (next >= tasks.length ? resolve() : reject(new Error(`a rollup worker stopped (exit code ${code})`))));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
