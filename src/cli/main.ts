/** The `pmo` entry: the one place that knows about the process. */
// First: the modules below load through the compile cache where Node has one.
import "./with-compile-cache";
// Then, for `pmo rollup`: its reading threads start while the rest of the CLI loads.
import "./rollup/early-start";
import { processIo } from "./io";
import { runCli } from "./run";

void runCli(process.argv.slice(2), processIo()).then((code) => {
  // exitCode rather than process.exit(): a large --json document written to a
  // pipe is flushed asynchronously and process.exit() would cut it short.
  process.exitCode = code;
});
