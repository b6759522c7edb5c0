/**
 * The files a rollup reads: every file named, and every file under every
 * folder named (recursively). What cannot be a project workbook is set aside
 * here with the reason, without opening it: lock files Excel leaves beside an
 * open workbook, and files that are not spreadsheets. Everything else is
 * opened, and a file that fails to open is reported then.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

export interface Candidate {
  /** Absolute path. */
  path: string;
  /** As shown to the user: relative to the working folder where it lies under it. */
  shown: string;
}

export interface Walked {
  files: Candidate[];
  skipped: { file: string; reason: string }[];
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;
/** Spreadsheet files the rollup cannot read, each opened to say exactly why (.xls, .xlsb, a workbook renamed). */
const SPREADSHEET_LIKE = /\.(xls|xlsb|xltx|xltm|ods|csv)$/i;

export function shownPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}

async function walkFolder(folder: string, cwd: string, out: Walked, exclude: ReadonlySet<string>): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (e) {
    out.skipped.push({ file: shownPath(cwd, folder), reason: `the folder cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".")) await walkFolder(full, cwd, out, exclude);
      continue;
    }
    if (!entry.isFile() || entry.name.startsWith(".") || exclude.has(full)) continue;
    addFile(full, cwd, out, false);
  }
}

function addFile(full: string, cwd: string, out: Walked, named: boolean): void {
  const name = path.basename(full);
  const shown = shownPath(cwd, full);
  if (name.startsWith("~$")) {
    out.skipped.push({ file: shown, reason: "an Excel lock file (Excel keeps it while the workbook is open); the workbook itself is read" });
    return;
  }
  if (named || WORKBOOK.test(name) || SPREADSHEET_LIKE.test(name)) out.files.push({ path: full, shown });
  else out.skipped.push({ file: shown, reason: `not a workbook (${path.extname(name) || "no extension"}); only .xlsx and .xlsm files are rolled up` });
}

/** Bytes of the files in all (a file gone since the walk counts nothing): how much reading there is, for the readers' count. */
export async function totalBytes(files: readonly Pick<Candidate, "path">[]): Promise<number> {
  let total = 0;
  // In slices, so thousands of files do not queue thousands of stats at once.
  for (let i = 0; i < files.length; i += 256) {
    const sizes = await Promise.all(files.slice(i, i + 256).map((f) => fs.stat(f.path).then((s) => s.size, () => 0)));
    for (const size of sizes) total += size;
  }
  return total;
}

/** Every candidate under the paths given, in a stable order; `exclude` leaves out the output file. */
export async function walkInputs(inputs: readonly string[], cwd: string, exclude: ReadonlySet<string> = new Set()): Promise<Walked> {
  const out: Walked = { files: [], skipped: [] };
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    let stat;
    try {
      stat = await fs.stat(full);
    } catch {
      out.skipped.push({ file: input, reason: "no such file or folder" });
      continue;
    }
    if (stat.isDirectory()) await walkFolder(full, cwd, out, exclude);
    else if (!exclude.has(full)) addFile(full, cwd, out, true);
  }
  const seen = new Set<string>();
  out.files = out.files.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
  return out;
}
