import type ExcelJS from "exceljs";
import * as React from "react";
import type { WorkbookOutline } from "../hosts/host";
import { isPackageFile, PackageHost } from "../hosts/xlsx/package-host";
import { XlsxHost } from "../hosts/xlsx/xlsx-host";
import { largeRiskRegisterBytes, samplePortfolioBytes, SAMPLE_FILE_NAME } from "../sample/portfolioWorkbook";

/**
 * A workbook package (.xlsx/.xlsm) opens with the package as the truth, so a
 * download gives back every part the file came with (pivots, slicers, macros,
 * whatever the toolkit never heard of) with only what the plans changed
 * replaced; a CSV file has no package to keep and opens in the file host.
 */
export type PlaygroundHost = PackageHost | XlsxHost;

async function openHost(bytes: Uint8Array, name: string): Promise<PlaygroundHost> {
  return isPackageFile(name) ? PackageHost.open(bytes, name) : XlsxHost.open(bytes, name);
}

/** The workbook model the sheet view draws: the file host's own, or one the package host builds from the package as it stands. */
function viewOf(host: PlaygroundHost): Promise<ExcelJS.Workbook> {
  return host instanceof PackageHost ? host.workbookForView() : Promise.resolve(host.workbook);
}

export interface PlaygroundWorkbook {
  host: PlaygroundHost | null;
  /** Changes when another workbook is opened, so the pane starts afresh. */
  hostKey: number;
  outline: WorkbookOutline | null;
  /** What the sheet view draws, read again with the outline after each change. */
  view: ExcelJS.Workbook | null;
  /** Goes up after each apply or undo made through the pane. */
  revision: number;
  loading: boolean;
  /** A failure to open or save, and the file it concerned. */
  problem: { file: string; doing: string; error: unknown } | null;
  openFile: (file: File) => Promise<void>;
  loadSample: () => Promise<void>;
  download: () => Promise<void>;
  changed: () => void;
  dismissProblem: () => void;
}

/** Which workbook the page starts with: the sample portfolio, or `?sample=large&rows=N` for a big register. */
function startingWorkbook(): { bytes: () => Promise<Uint8Array>; name: string } {
  const params = new URLSearchParams(typeof location === "undefined" ? "" : location.search);
  if (params.get("sample") === "large") {
    const rows = Math.min(Math.max(Number(params.get("rows")) || 10_000, 1), 200_000);
    return { bytes: () => largeRiskRegisterBytes(rows), name: `Risk register ${rows} rows.xlsx` };
  }
  return { bytes: samplePortfolioBytes, name: SAMPLE_FILE_NAME };
}

/** The playground's workbook: a file host over the sample or the user's own file. */
export function usePlaygroundWorkbook(): PlaygroundWorkbook {
  const [host, setHost] = React.useState<PlaygroundHost | null>(null);
  const [hostKey, setHostKey] = React.useState(0);
  const [outline, setOutline] = React.useState<WorkbookOutline | null>(null);
  const [view, setView] = React.useState<ExcelJS.Workbook | null>(null);
  const [revision, setRevision] = React.useState(0);
  const [loading, setLoading] = React.useState(true);
  const [problem, setProblem] = React.useState<PlaygroundWorkbook["problem"]>(null);

  const use = React.useCallback(async (next: PlaygroundHost) => {
    const [o, v] = await Promise.all([next.outline({ previewRows: 0 }), viewOf(next)]);
    setHost(next);
    setOutline(o);
    setView(v);
    setHostKey((k) => k + 1);
    setRevision(0);
    setProblem(null);
  }, []);

  const open = React.useCallback(
    async (name: string, bytes: () => Promise<Uint8Array>) => {
      setLoading(true);
      try {
        await use(await openHost(await bytes(), name));
      } catch (error) {
        // The workbook on screen stays; the message names the file that failed.
        setProblem({ file: name, doing: "open", error });
      } finally {
        setLoading(false);
      }
    },
    [use],
  );

  const loadSample = React.useCallback(() => {
    const start = startingWorkbook();
    return open(start.name, start.bytes);
  }, [open]);

  const openFile = React.useCallback((file: File) => open(file.name, async () => new Uint8Array(await file.arrayBuffer())), [open]);

  React.useEffect(() => {
    void loadSample();
  }, [loadSample]);

  const changed = React.useCallback(() => {
    if (!host) return;
    // The view and the outline change together, so the sheet view never draws a sheet the outline no longer has.
    Promise.all([host.outline({ previewRows: 0 }), viewOf(host)]).then(
      ([o, v]) => {
        setOutline(o);
        setView(v);
        setRevision((r) => r + 1);
      },
      (error: unknown) => setProblem({ file: host.fileName, doing: "read", error }),
    );
  }, [host]);

  const download = React.useCallback(async () => {
    if (!host) return;
    try {
      const bytes = await host.save();
      const macros = /\.xlsm$/i.test(host.fileName);
      const blob = new Blob([bytes as BlobPart], { type: macros ? "application/vnd.ms-excel.sheet.macroEnabled.12" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = /\.(xlsx|xlsm)$/i.test(host.fileName) ? host.fileName : `${host.fileName.replace(/\.[^.]*$/, "")}.xlsx`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setProblem({ file: host.fileName, doing: "save", error });
    }
  }, [host]);

  const dismissProblem = React.useCallback(() => setProblem(null), []);
  return { host, hostKey, outline, view, revision, loading, problem, openFile, loadSample, download, changed, dismissProblem };
}
