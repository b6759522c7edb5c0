/**
 * The task pane's production JavaScript, gzipped, as a user downloads it:
 * what taskpane.html fetches at start (the budget), what Excel fetches next
 * (the Excel host), and what each panel adds when first opened. Counted by the
 * same code as `npm run size` (scripts/bundle-size.js). office.js comes from
 * Microsoft's CDN and is not ours to count.
 */
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import * as path from "node:path";
import { measureLaterChunks, measurePage, type FileSize, type LaterChunks } from "../scripts/bundle-size";

export interface BundleSize {
  /** What taskpane.html fetches when it opens (its <script src> files): the figure the download budget is about. */
  start: { files: FileSize[]; raw: number; gzip: number };
  /** The Excel host and the panels, loaded later; null when the build wrote no chunk-groups.json. */
  later: LaterChunks | null;
  /** When dist/taskpane.html was written: the figures are only as fresh as that build. */
  builtAt: string;
}

export async function taskpaneBundleSize(distDir: string): Promise<BundleSize | { missing: string }> {
  const html = path.join(distDir, "taskpane.html");
  if (!existsSync(html)) return { missing: `no taskpane.html in ${path.basename(distDir)}/` };
  const start = measurePage(distDir, "taskpane.html");
  return {
    start: { files: start.files, raw: start.raw, gzip: start.gzip },
    later: measureLaterChunks(distDir, start.files.map((f) => f.file)),
    builtAt: (await stat(html)).mtime.toISOString(),
  };
}

if (require.main === module) {
  void taskpaneBundleSize(path.resolve(__dirname, "..", process.argv[2] ?? "dist")).then((size) => process.stdout.write(JSON.stringify(size, null, 2) + "\n"));
}
