/**
 * The task pane's production JavaScript, gzipped, as a user downloads it.
 * office.js comes from Microsoft's CDN and is not ours to count.
 */
import { existsSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import * as path from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleSize {
  /** Files counted, relative to dist/, with their raw and gzipped sizes in bytes. */
  files: { file: string; bytes: number; gzipBytes: number; atStart: boolean }[];
  totalBytes: number;
  totalGzipBytes: number;
  /** What the page fetches when it opens (its <script src> files): the figure the download budget is about. */
  startBytes: number;
  startGzipBytes: number;
  /** When dist/taskpane.html was written: the figures are only as fresh as that build. */
  builtAt: string | null;
}

/**
 * The scripts the task pane page loads (local <script src> in taskpane.html),
 * every dist file named taskpane*.js, and the chunks those load lazily
 * (webpack's runtime names each by its content hash, so a chunk whose hash
 * appears in a counted script is counted too).
 */
export async function taskpaneBundleSize(distDir: string): Promise<BundleSize | { missing: string }> {
  if (!existsSync(distDir)) return { missing: `${path.basename(distDir)}/ does not exist` };
  const entries = await readdir(distDir, { recursive: true });
  const names = new Set(entries.filter((f) => /(^|[\\/])taskpane[^\\/]*\.js$/.test(f)).map((f) => f.split(path.sep).join("/")));
  const html = path.join(distDir, "taskpane.html");
  const atStart = new Set<string>();
  if (existsSync(html)) {
    for (const m of (await readFile(html, "utf8")).matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) {
      const src = m[1];
      if (/^(https?:)?\/\//.test(src) || /office\.js$/i.test(src)) continue; // CDN scripts, office.js
      atStart.add(src.replace(/^\.?\//, "").split("?")[0]);
    }
  }
  for (const f of atStart) names.add(f);
  if (names.size === 0) return { missing: `no taskpane*.js in ${path.basename(distDir)}/` };
  const hashed = entries
    .map((f) => f.split(path.sep).join("/"))
    .map((file) => ({ file, hash: /\.([0-9a-f]{8,})\.js$/.exec(file)?.[1] }))
    .filter((c): c is { file: string; hash: string } => c.hash !== undefined);
  for (let grew = true; grew; ) {
    grew = false;
    const text = (await Promise.all([...names].map((f) => readFile(path.join(distDir, f), "utf8")))).join("\n");
    for (const c of hashed) {
      if (!names.has(c.file) && text.includes(`"${c.hash}"`)) {
        names.add(c.file);
        grew = true;
      }
    }
  }
  const files = [];
  for (const file of [...names].sort()) {
    const bytes = await readFile(path.join(distDir, file));
    files.push({ file, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength, atStart: atStart.has(file) });
  }
  const start = files.filter((f) => f.atStart);
  const builtAt = existsSync(html) ? (await stat(html)).mtime.toISOString() : null;
  return {
    files,
    builtAt,
    totalBytes: files.reduce((n, f) => n + f.bytes, 0),
    totalGzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
    startBytes: start.reduce((n, f) => n + f.bytes, 0),
    startGzipBytes: start.reduce((n, f) => n + f.gzipBytes, 0),
  };
}
