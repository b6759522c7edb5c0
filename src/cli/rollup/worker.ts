/** The rollup's worker thread: summarises the files the pool sends it, one at a time, in the order sent. */
// First: the modules below load through the compile cache where Node has one.
import "../with-compile-cache";
import { parentPort } from "node:worker_threads";
import { summariseFile, type FileTask } from "./summarise-file";

let queue: Promise<void> = Promise.resolve();
parentPort?.on("message", (task: FileTask & { id: number }) => {
  queue = queue.then(() => summariseFile(task).then((result) => parentPort?.postMessage({ id: task.id, result })));
});
