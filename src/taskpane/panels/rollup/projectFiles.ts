/**
 * Project workbooks a user picks from disk, read in the pane through the
 * read-only package host: nothing is uploaded, and a file that cannot be read
 * comes back with its reason instead of stopping the others.
 */
import type { ProjectSummary } from "../../../core/rollup";
import { WorkbookError } from "../../../hosts/host";
import { summariseHost } from "../../../jobs/rollup/read-projects";
import type { RiskBand } from "../../../core/metadata/settings";
import { loadFileHost } from "../../files/fileHost";

export type PickedFile = { name: string; summaries: ProjectSummary[] } | { name: string; failed: string };

async function bytesOf(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsArrayBuffer(file);
  });
}

export async function readPickedFile(file: File, options: { today?: Date; bands: readonly RiskBand[] }): Promise<PickedFile> {
  if (file.name.startsWith("~$")) return { name: file.name, failed: "an Excel lock file (Excel keeps it while the workbook is open); pick the workbook itself" };
  if (!/\.(xlsx|xlsm)$/i.test(file.name)) return { name: file.name, failed: "not a workbook: pick .xlsx or .xlsm files" };
  try {
    const { PackageWorkbook } = await loadFileHost();
    const host = await PackageWorkbook.open(await bytesOf(file), file.name);
    const summaries = await summariseHost(host, file.name, options);
    return summaries.length ? { name: file.name, summaries } : { name: file.name, failed: "no risk register, issue log, milestone tracker, budget tracker or earned value table found" };
  } catch (e) {
    return { name: file.name, failed: e instanceof WorkbookError ? e.message : `could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}
