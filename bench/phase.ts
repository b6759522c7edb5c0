/** Running one measured phase of a bench in a process of its own. */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..");

/**
 * Runs `bench/<script>` with `args` in a fresh Node process (its own heap and
 * its own peak RSS) and returns the JSON on the last line it prints; what the
 * phase writes to stderr is passed on, and a failed phase throws with the
 * first line of it.
 */
export function runPhase<T>(script: string, args: string[]): T {
  const child = spawnSync(process.execPath, ["--max-old-space-size=16384", "--import", "tsx", path.join(REPO, "bench", script), ...args], {
    cwd: REPO,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 16 << 20,
  });
  if (child.stderr) process.stderr.write(child.stderr);
  if (child.status !== 0) {
    const firstLine = child.stderr.split("\n").find((l) => l.trim() !== "") ?? "";
    const name = args.find((a) => !a.startsWith("--")) ?? "";
    throw new Error(`${script} ${name} failed (exit ${child.status ?? child.signal}): ${firstLine}`);
  }
  return JSON.parse(child.stdout.trim().split("\n").pop() ?? "") as T;
}
