/**
 * The rollup's readers: worker threads started before the command line is
 * parsed are taken by the command for the files it finds, and those it does
 * not need end; the results are the same however the files are read.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type { Worker } from "node:worker_threads";
import { earlyReaderCount } from "../../../src/cli/rollup/early-start";
import { defaultPoolSize, startEarlyReaders, startReaders } from "../../../src/cli/rollup/pool";
import type { FileTask } from "../../../src/cli/rollup/summarise-file";
import { bandsOf } from "../../../src/jobs/rollup/bands";
import { emptyMetadata } from "../../../src/core/metadata/schema";
import { projectWorkbook } from "../../rollup-fixtures/project-workbook";

const exited = (w: Worker) => new Promise<number>((resolve) => w.once("exit", resolve));

describe("how many readers a rollup reads with by default", () => {
  const MB = 1024 * 1024;
  it.each([
    [1, 16 * MB, 1],
    [1, 160 * MB, 1],
    [2, 0, 1],
    [2, 12 * MB, 1],
    [2, 16 * MB - 1, 1],
    [2, 16 * MB, 2],
    [2, 160 * MB, 2],
    [4, 16 * MB, 3],
    [4, 32 * MB - 1, 3],
    [4, 32 * MB, 4],
  ])("on %i cores for %i bytes of workbooks: %i", (cores, bytes, readers) => {
    expect(defaultPoolSize(cores, bytes)).toBe(readers);
  });
});

describe("how many readers a rollup command line starts early", () => {
  it.each<[string, string[], number, number]>([
    ["a folder on two cores: none, it is read in the main thread", ["rollup", "in", "--out", "p.xlsx"], 2, 0],
    ["a folder on four cores: three", ["rollup", "in", "--out", "p.xlsx"], 4, 3],
    ["two files on two cores: none", ["rollup", "a.xlsx", "b.xlsx", "--out", "p.xlsx"], 2, 0],
    ["a folder, on many cores: a few, the rest when the files are known", ["rollup", "in", "--out", "p.xlsx"], 64, 4],
    ["two files on many cores: two", ["rollup", "a.xlsx", "b.xlsx", "--out", "p.xlsx"], 64, 2],
    ["--threads 3 on two cores: two", ["rollup", "in", "--threads", "3", "--out", "p.xlsx"], 2, 2],
    ["--threads 2 on two cores: two", ["rollup", "in", "--threads", "2", "--out", "p.xlsx"], 2, 2],
    ["--threads=3", ["rollup", "in", "--threads=3", "--out", "p.xlsx"], 8, 3],
    ["--threads 1", ["rollup", "in", "--threads", "1", "--out", "p.xlsx"], 8, 0],
    ["a --threads that is not a number", ["rollup", "in", "--threads", "many", "--out", "p.xlsx"], 8, 0],
    ["a --threads over the most allowed", ["rollup", "in", "--threads", "1000", "--out", "p.xlsx"], 8, 0],
    ["a --threads written as 1e3", ["rollup", "in", "--threads", "1e3", "--out", "p.xlsx"], 8, 0],
    ["one core", ["rollup", "in", "--out", "p.xlsx"], 1, 0],
    ["one file", ["rollup", "a.xlsx", "--out", "p.xlsx", "--as-of", "2025-06-15"], 8, 0],
    ["help", ["rollup", "--help"], 8, 0],
    ["another command", ["inspect", "a.xlsx"], 8, 0],
  ])("%s", (_, argv, cores, count) => {
    expect(earlyReaderCount(argv, cores, () => 0)).toBe(count);
  });

  it("counts the named workbooks' size: 600 files of 32 KB on two cores start two", () => {
    const files = Array.from({ length: 600 }, (_, i) => `p${i}.xlsx`);
    expect(earlyReaderCount(["rollup", ...files, "--out", "p.xlsx"], 2, () => 32 * 1024)).toBe(2);
    expect(earlyReaderCount(["rollup", ...files, "--out", "p.xlsx"], 2, () => 11 * 1024)).toBe(0);
  });
});

describe("readers started early", () => {
  let dir: string;
  let tasks: FileTask[];
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "rollup-pool-"));
    const bands = bandsOf({ metadata: emptyMetadata() });
    tasks = [];
    for (let i = 0; i < 4; i++) {
      const file = path.join(dir, `p${i}.xlsx`);
      await fs.writeFile(file, (await projectWorkbook(i, { risks: 3, budgetLines: 2 })).bytes);
      tasks.push({ path: file, shown: `p${i}.xlsx`, today: "2025-06-15", bands });
    }
    tasks.push({ path: path.join(dir, "missing.xlsx"), shown: "missing.xlsx", today: "2025-06-15", bands });
  });
  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

  it("are taken for the files and read them as this thread does, in the order given", async () => {
    const here = await startReaders(1, tasks.length).summarise(tasks, () => undefined);
    const ended = Promise.all(startEarlyReaders(2).map(exited));
    const done: number[] = [];
    const onWorkers = await startReaders(2, tasks.length).summarise(tasks, (n) => done.push(n));
    expect(onWorkers).toEqual(here);
    expect(done).toEqual([1, 2, 3, 4, 5]);
    expect(onWorkers.map((r) => r.shown)).toEqual(tasks.map((t) => t.shown));
    expect("failed" in onWorkers[4]).toBe(true);
    // Both end once their files are answered.
    await ended;
  }, 120_000);

  it("that the command does not need end without reading anything", async () => {
    const ended = Promise.all(startEarlyReaders(2).map(exited));
    const readers = startReaders(1, tasks.length);
    expect(await ended).toHaveLength(2);
    const results = await readers.summarise(tasks.slice(0, 1), () => undefined);
    expect("summaries" in results[0]).toBe(true);
  }, 120_000);
});
