export interface PageSize {
  page: string;
  files: { file: string; raw: number; gzip: number }[];
  raw: number;
  gzip: number;
}
export declare const TASKPANE_BUDGET_BYTES: number;
export declare function pageScripts(html: string): string[];
export declare function measurePage(distDir: string, page: string): PageSize;
