/**
 * Workbook files on disk for the CLI (Node only). Never overwrites the input
 * unless asked; an in-place save writes a backup first, then replaces the file
 * atomically (temp file in the same folder, then rename), so a failure never
 * leaves a half-written workbook behind.
 */
import { promises as fs, readFileSync, statSync } from "fs";
import * as path from "path";
import { WorkbookError, type WorkbookHost } from "../host";
import type { PackageHost } from "./package-host";
import { PackageWorkbook } from "./package-read";
import type { XlsxHost } from "./xlsx-host";
import { openZipForReading } from "./zip-directory";

/**
 * Opens a workbook for a job that only reads (inspect, the rollup's workers): .xlsx/.xlsm are read
 * from the package, sheet by sheet as asked, with no whole-workbook model;
 * .csv goes through the file host.
 */
export async function openWorkbookForReading(filePath: string): Promise<WorkbookHost> {
  if (/\.csv$/i.test(filePath)) return openWorkbookFile(filePath);
  const bytes = await readWorkbookBytes(filePath);
  // Only read: the zip is read from its central directory, each part inflated when asked for, with no JSZip model.
  return PackageWorkbook.open(bytes, path.basename(filePath), openZipForReading);
}

/**
 * Opens a workbook for a job that applies a plan and saves: .xlsx/.xlsm with
 * the package as the truth (no whole-workbook model, see package-host.ts);
 * .csv through the file host.
 */
export async function openWorkbookForChange(filePath: string): Promise<PackageHost | XlsxHost> {
  if (/\.csv$/i.test(filePath)) return openWorkbookFile(filePath);
  const bytes = await readWorkbookBytes(filePath);
  // Loaded here, not at the top: a job that only reads (the rollup's workers) never needs the save machinery.
  const { PackageHost } = await import("./package-host");
  return PackageHost.open(bytes, path.basename(filePath));
}

export async function openWorkbookFile(filePath: string): Promise<XlsxHost> {
  const bytes = await readWorkbookBytes(filePath);
  // Loaded here, not at the top: the file host brings in ExcelJS, which a read-only job never needs.
  const { XlsxHost } = await import("./xlsx-host");
  return XlsxHost.open(bytes, path.basename(filePath));
}

/**
 * A workbook file's bytes. Read synchronously: a CLI job waits for them
 * before anything else, and the rollup's workers read hundreds of small
 * files, where the promise versions cost several times the reading.
 */
async function readWorkbookBytes(filePath: string): Promise<Uint8Array> {
  const name = path.basename(filePath);
  let stat;
  try {
    stat = statSync(filePath);
  } catch {
    throw new WorkbookError(`no file at ${filePath}; check the name and folder`, { file: name });
  }
  if (stat.isDirectory()) {
    throw new WorkbookError(`${filePath} is a folder, not a workbook; give the path of an .xlsx, .xlsm or .csv file`, { file: name });
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(filePath);
  } catch (e) {
    throw new WorkbookError(`cannot read ${filePath} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check that you may read it and that no other program holds it`, {
      file: name,
    });
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface SaveWorkbookOptions {
  /** Where to write; required unless inPlace. */
  out?: string;
  /** Replace the source file (after writing a backup beside it). */
  inPlace?: boolean;
  /** The file the workbook was opened from. */
  source: string;
}

export interface SavedWorkbook {
  /** The file written. */
  path: string;
  /** The backup of the source, for in-place saves. */
  backup?: string;
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/** `<name>.bak.xlsx` beside the source; `<name>.bak2.xlsx`... when that exists already. */
async function freeBackupPath(source: string): Promise<string> {
  const dir = path.dirname(source);
  const ext = path.extname(source) || ".xlsx";
  const stem = path.basename(source, path.extname(source));
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(dir, `${stem}.bak${n === 1 ? "" : n}${ext}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
  throw new WorkbookError(`too many backups of ${source} already; tidy up the .bak files beside it and try again`, { file: path.basename(source) });
}

/** Writes bytes to target through a temp file in the same folder and a rename, removing the temp file on failure. */
async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new WorkbookError(`could not write ${target} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the folder exists, you may write there, and the file is not open in Excel`, {
      file: path.basename(target),
    });
  }
}

export async function saveWorkbookFile(host: { save(): Promise<Uint8Array> }, opts: SaveWorkbookOptions): Promise<SavedWorkbook> {
  const { source } = opts;
  let target: string;
  if (opts.inPlace) {
    if (opts.out && !samePath(opts.out, source)) {
      throw new WorkbookError(`give either --out or --in-place, not both`, { file: path.basename(source) });
    }
    target = source;
  } else {
    if (!opts.out) throw new WorkbookError(`say where to write: --out FILE, or --in-place to replace ${source} (a backup is kept)`, { file: path.basename(source) });
    if (samePath(opts.out, source)) {
      throw new WorkbookError(`--out ${opts.out} is the input file; use --in-place to replace it (a backup is kept) or choose another name`, { file: path.basename(source) });
    }
    target = opts.out;
  }
  if (/\.csv$/i.test(target)) {
    throw new WorkbookError(`${target} ends in .csv but the output is a workbook; write to an .xlsx file instead`, { file: path.basename(target) });
  }
  const bytes = await host.save();
  if (opts.inPlace) {
    const backup = await freeBackupPath(source);
    await fs.copyFile(source, backup);
    await writeAtomically(target, bytes);
    return { path: target, backup };
  }
  await writeAtomically(target, bytes);
  return { path: target };
}
