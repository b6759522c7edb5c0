export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}
export interface PageSize {
  page: string;
  files: FileSize[];
  raw: number;
  gzip: number;
}
export interface LaterChunks {
  excelHost: { files: FileSize[]; raw: number; gzip: number };
  panels: { panel: string; files: FileSize[]; raw: number; gzip: number }[];
  largestPanel: { panel: string; files: FileSize[]; raw: number; gzip: number } | null;
  everything: { raw: number; gzip: number };
}
export declare const TASKPANE_BUDGET_BYTES: number;
export declare const CHUNK_GROUPS_FILE: string;
export declare function pageScripts(html: string): string[];
export declare function measurePage(distDir: string, page: string): PageSize;
export declare function measureLaterChunks(distDir: string, startFiles: string[]): LaterChunks | null;
