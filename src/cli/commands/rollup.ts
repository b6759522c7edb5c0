/**
 * `pmo rollup <folder|files>... --out FILE`: one Portfolio sheet from many
 * project workbooks. Files are read in worker threads (how many:
 * defaultPoolSize; on two cores and under 16 MB of workbooks, in this thread), each
 * through the read-only package host; a file that cannot be read is listed
 * with its reason on stderr and in the sheet, and the rest still roll up.
 * An --out workbook that exists is refreshed in place: its rollup sheet is
 * rewritten and the PMO's notes beside it kept.
 */
import { constants as fsConstants, promises as fs } from "node:fs";
import * as path from "node:path";
import type { ProjectLink } from "../../core/rollup";
import { emptyMetadata } from "../../core/metadata/schema";
import { WorkbookError } from "../../hosts/host";
import type { PackageHost } from "../../hosts/xlsx/package-host";
import type { RollupInput } from "../../jobs/rollup/plan-rollup";
import { EXIT, ExitError } from "../errors";
import { plural } from "../format";
import type { CliIo } from "../io";
import { localToday } from "../options";
import { bandsOf } from "../../jobs/rollup/bands";
import { availableCores, defaultPoolSize, startReaders } from "../rollup/pool";
import { totalBytes, walkInputs } from "../rollup/walk";

export interface RollupOptions {
  inputs: string[];
  out: string;
  json: boolean;
  /** Reading threads; by default as defaultPoolSize gives for the bytes of the files found. */
  threads?: number;
  /** Count overdue items from this day (YYYY-MM-DD) instead of today. */
  asOf?: string;
}

/**
 * The --out workbook: one that exists is refreshed with the package as the
 * truth, so whatever the PMO added to it (charts, pivots over the rollup,
 * macros) is kept byte for byte, and is opened first (its settings choose
 * the risk bands the files are counted in); a new one is built in memory,
 * with the default bands, while the files are read.
 */
async function openExistingOutput(out: string): Promise<PackageHost | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new WorkbookError(`cannot read ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path.basename(out) });
  }
  // Loaded here, not at the top: the readers start first.
  const { PackageHost } = await import("../../hosts/xlsx/package-host");
  return PackageHost.open(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path.basename(out));
}

/** A new workbook's package: the Portfolio plan builds its sheets, written straight into it (no workbook model is loaded). */
async function newOutput(out: string): Promise<PackageHost> {
  const { PackageHost } = await import("../../hosts/xlsx/package-host");
  return PackageHost.create(path.basename(out));
}

/** Temp file beside the target, then a rename: a failed write never leaves half a workbook. */
async function writeReplacing(target: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new WorkbookError(`could not write ${target} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the folder exists and the file is not open in Excel`, { file: path.basename(target) });
  }
}

/**
 * The --out folder must be there and writable before any file is read: a
 * rollup of thousands of files should not end, minutes later, in a folder
 * that was never there. The write itself still reports what goes wrong then.
 */
async function checkOutputFolder(out: string, given: string): Promise<void> {
  const dir = path.dirname(out);
  const refuse = (why: string) => {
    throw new WorkbookError(`cannot write --out ${given}: ${why}; nothing was read or written`, { file: path.basename(out) });
  };
  let isFolder: boolean;
  try {
    isFolder = (await fs.stat(dir)).isDirectory();
  } catch {
    return refuse(`the folder ${dir} does not exist`);
  }
  if (!isFolder) return refuse(`${dir} is not a folder`);
  try {
    await fs.access(dir, fsConstants.W_OK);
  } catch {
    refuse(`the folder ${dir} cannot be written to`);
  }
}

function linkFrom(outDir: string, file: string, label: string): ProjectLink {
  const rel = path.relative(outDir, file).split(path.sep).join("/");
  return { kind: "file", path: rel, label };
}

export async function rollup(options: RollupOptions, io: CliIo): Promise<void> {
  const out = path.resolve(io.cwd, options.out);
  if (!/\.xlsx$/i.test(out)) {
    io.err(`pmo rollup: --out ${options.out} must be an .xlsx file`);
    throw new ExitError(EXIT.usage);
  }
  await checkOutputFolder(out, options.out);
  const walked = await walkInputs(options.inputs, io.cwd, new Set([out]));
  for (const s of walked.skipped) io.err(`skipped ${s.file}: ${s.reason}`);
  const threads = options.threads ?? defaultPoolSize(availableCores(), await totalBytes(walked.files));
  // Started before anything else: the workers load their modules while this thread opens the output and loads its own.
  const readers = startReaders(threads, walked.files.length);
  const existing = await openExistingOutput(out);
  const existed = existing !== null;
  const existingOutline = existing ? await existing.outline({ previewRows: 0 }) : null;
  const bands = bandsOf(existingOutline ?? { metadata: emptyMetadata() });
  const today = options.asOf ?? localToday();
  io.progress(`Reading ${plural(walked.files.length, "file")} with ${plural(Math.min(threads, walked.files.length) || 1, "thread")}...`);
  const reading = readers.summarise(
    walked.files.map((f) => ({ path: f.path, shown: f.shown, today, bands })),
    (done, total, r) => io.progress(`[${done}/${total}] ${r.shown}${"failed" in r ? ": not rolled up" : `: ${plural(r.summaries.length, "project")}`}`),
  );
  // While the files are read: what plans and writes the output is loaded, and a new output made.
  const [results, host, { planRollup, rollupJson }] = await Promise.all([reading, existing ?? newOutput(out), import("../../jobs/rollup/plan-rollup")]);
  const outline = existingOutline ?? (await host.outline({ previewRows: 0 }));
  const input: RollupInput = { projects: [], failed: [...walked.skipped] };
  results.forEach((r, i) => {
    if ("failed" in r) {
      io.err(`not rolled up ${r.shown}: ${r.failed}`);
      input.failed.push({ file: r.shown, reason: r.failed });
      return;
    }
    const file = walked.files[i];
    for (const s of r.summaries) input.projects.push({ summary: s, link: linkFrom(path.dirname(out), file.path, `${path.basename(file.path)}${r.summaries.length > 1 ? ` (${s.sheets[0] ?? ""})` : ""}`) });
  });
  if (!input.projects.length && !existed) {
    io.err(`pmo rollup: no project could be rolled up from ${options.inputs.join(", ")}; nothing was written`);
    throw new ExitError(EXIT.usage);
  }
  const result = await planRollup(host, input, outline);
  await host.apply(result.plan);
  await writeReplacing(out, await host.save());
  if (options.json) io.out(JSON.stringify({ out: options.out, sheet: result.sheet, ...rollupJson(result, input) }, null, 2));
  else {
    io.out(`${existed ? "Refreshed" : "Wrote"} ${options.out}: sheet “${result.sheet}”, ${plural(input.projects.length, "project")} from ${plural(walked.files.length - results.filter((r) => "failed" in r).length, "file")}; ${plural(input.failed.length, "file")} not rolled up.`);
    for (const f of input.failed) io.out(`  not rolled up: ${f.file}: ${f.reason}`);
  }
}
