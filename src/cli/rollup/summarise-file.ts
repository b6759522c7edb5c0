/**
 * One project file read and summarised, as a worker runs it: opened through
 * the read-only package host (only the parts the summary asks for are
 * inflated), its registers found and read, the summaries returned. A file
 * that cannot be read gives its reason instead; nothing here throws.
 */
import type { RiskBand } from "../../core/metadata/settings";
import type { ProjectSummary } from "../../core/rollup";
import { WorkbookError } from "../../hosts/host";
import { openWorkbookForReading } from "../../hosts/xlsx/workbook-file";
import { summariseHost } from "../../jobs/rollup/read-projects";

export interface FileTask {
  path: string;
  shown: string;
  /** Today as an ISO day, so every worker counts overdue from the same day. */
  today: string;
  bands: RiskBand[];
}

export type FileResult = { shown: string; summaries: ProjectSummary[] } | { shown: string; failed: string };

export async function summariseFile(task: FileTask): Promise<FileResult> {
  try {
    const host = await openWorkbookForReading(task.path);
    const summaries = await summariseHost(host, task.shown, { today: new Date(`${task.today}T12:00:00`), bands: task.bands });
    if (!summaries.length) return { shown: task.shown, failed: "no risk register, issue log, milestone tracker, budget tracker or earned value table found" };
    return { shown: task.shown, summaries };
  } catch (e) {
    if (e instanceof WorkbookError) return { shown: task.shown, failed: e.message };
    return { shown: task.shown, failed: `could not be read (${e instanceof Error ? e.message.split("\n")[0] : String(e)})` };
  }
}
