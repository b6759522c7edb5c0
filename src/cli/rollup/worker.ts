/** The rollup's worker thread: summarises the files the pool sends it, one at a time. */
import { parentPort } from "node:worker_threads";
import { summariseFile, type FileTask } from "./summarise-file";

parentPort?.on("message", (task: FileTask & { id: number }) => {
  void summariseFile(task).then((result) => parentPort?.postMessage({ id: task.id, result }));
});
