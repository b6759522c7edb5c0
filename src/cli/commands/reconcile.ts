/**
 * `pmo reconcile <tracker> <ledger> (--out FILE | --in-place) [--json]`: the
 * tracker's actuals against a finance ledger export (.csv streamed in bounded
 * memory, or .xlsx), written to a Reconciliation sheet in the tracker.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import * as path from "node:path";
import { WorkbookError } from "../../hosts/host";
import { csvRowBlocks } from "../../hosts/xlsx/csv";
import { openWorkbookForChange, openWorkbookForReading, saveWorkbookFile } from "../../hosts/xlsx/workbook-file";
import { ledgerRowsFromHost, planReconcile, toReconcileJson, type LedgerBlock, type LedgerRows, type ReconcileJob } from "../../jobs/reconcile";
import { SECTION_IDS, SECTION_TITLES } from "../../core/reconcile";
import { EXIT, ExitError } from "../errors";
import { alignColumns, plural } from "../format";
import type { CliIo } from "../io";
import type { OutputTarget } from "../options";

export interface ReconcileOptions {
  tracker: string;
  ledger: string;
  sheet?: string;
  target: OutputTarget;
  json: boolean;
}

async function* csvFileBlocks(file: string): AsyncGenerator<LedgerBlock> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const values of csvRowBlocks(stream as AsyncIterable<Uint8Array>)) yield { values };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new WorkbookError(`cannot read ${file} (${code}); check the name and that you may read it`, { file: path.basename(file) });
    throw e;
  }
}

async function ledgerRows(file: string): Promise<LedgerRows> {
  const name = path.basename(file);
  if (/\.csv$/i.test(file)) {
    // Checked first so a missing file is reported before the tracker is read.
    const found = await stat(file).catch(() => null);
    if (!found?.isFile()) throw new WorkbookError(`no file at ${file}; check the name and folder`, { file: name });
    return { file: name, sheet: name.replace(/\.csv$/i, ""), blocks: csvFileBlocks(file) };
  }
  return ledgerRowsFromHost(await openWorkbookForReading(file), name);
}

function money(n: number): string {
  return n.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function report(job: ReconcileJob, written: string, backup?: string): string {
  const r = job.result;
  const lines = [
    `Tracker actuals in ${job.tracker.where} against ${job.ledger.file} (${plural(r.ledgerLines, "ledger line")} counted${r.unreadableLedgerAmounts ? `, ${plural(r.unreadableLedgerAmounts, "unreadable amount")} left out` : ""}).`,
    "",
    ...alignColumns([
      ["  Section", "Count", "Tracker", "Ledger"],
      ...SECTION_IDS.map((id) => [`  ${SECTION_TITLES[id]}`, String(r.sections[id].length), money(r.sums[id].tracker), money(r.sums[id].ledger)]),
      ["  Total read", "", money(r.totals.tracker), money(r.totals.ledger)],
      ["  Ties out", "", r.tieOut.tracker.ties ? "yes" : "NO", r.tieOut.ledger.ties ? "yes" : "NO"],
    ]),
  ];
  if (job.notes.length) lines.push("", "Notes:", ...job.notes.map((n) => `  - ${n}`));
  if (r.findingCount) lines.push("", `${plural(r.findingCount, "finding")} (listed on the sheet):`, ...r.findings.slice(0, 10).map((f) => `  ${f.file ?? f.sheet}!${f.cell}: ${f.message}`));
  lines.push("", `Wrote sheet “${job.layout.sheet}” to ${written}${backup ? ` (backup of the original: ${backup})` : ""}.`);
  return lines.join("\n");
}

export async function reconcile(options: ReconcileOptions, io: CliIo): Promise<void> {
  const source = path.resolve(io.cwd, options.tracker);
  const ledgerPath = path.resolve(io.cwd, options.ledger);
  if (options.target.kind === "file" && path.resolve(io.cwd, options.target.path) === source) {
    io.err(`pmo reconcile: --out ${options.target.path} is the tracker itself; use --in-place to change it (a backup is kept) or choose another file name`);
    throw new ExitError(EXIT.usage);
  }
  if (ledgerPath === source) {
    io.err("pmo reconcile: the tracker and the ledger are the same file; give the finance export as the second file");
    throw new ExitError(EXIT.usage);
  }
  io.progress(`Reading ${options.tracker}...`);
  const host = await openWorkbookForChange(source);
  const job = await planReconcile(host, await ledgerRows(ledgerPath), {
    trackerName: path.basename(source),
    ...(options.sheet ? { sheet: options.sheet } : {}),
    progress: (t) => io.progress(t),
  });
  await host.apply(job.plan, (done, total) => io.progress(`Writing ${done}/${total}...`));
  const written = await saveWorkbookFile(host, options.target.kind === "inPlace" ? { inPlace: true, source } : { out: path.resolve(io.cwd, options.target.path), source });
  io.out(options.json ? JSON.stringify({ file: options.tracker, ledgerFile: options.ledger, output: written.path, ...toReconcileJson(job) }, null, 2) : report(job, written.path, written.backup));
}
