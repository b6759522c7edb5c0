import * as React from "react";
import type { WorkbookOutline } from "../hosts/host";
import { XlsxHost } from "../hosts/xlsx/xlsx-host";
import { largeRiskRegisterBytes, samplePortfolioBytes, SAMPLE_FILE_NAME } from "../sample/portfolioWorkbook";

export interface PlaygroundWorkbook {
  host: XlsxHost | null;
  /** Changes when another workbook is opened, so the pane starts afresh. */
  hostKey: number;
  outline: WorkbookOutline | null;
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

/** The playground's workbook: an xlsx host over the sample or the user's own file. */
export function usePlaygroundWorkbook(): PlaygroundWorkbook {
  const [host, setHost] = React.useState<XlsxHost | null>(null);
  const [hostKey, setHostKey] = React.useState(0);
  const [outline, setOutline] = React.useState<WorkbookOutline | null>(null);
  const [revision, setRevision] = React.useState(0);
  const [loading, setLoading] = React.useState(true);
  const [problem, setProblem] = React.useState<PlaygroundWorkbook["problem"]>(null);

  const use = React.useCallback(async (next: XlsxHost) => {
    const o = await next.outline({ previewRows: 0 });
    setHost(next);
    setOutline(o);
    setHostKey((k) => k + 1);
    setRevision(0);
    setProblem(null);
  }, []);

  const open = React.useCallback(
    async (name: string, bytes: () => Promise<Uint8Array>) => {
      setLoading(true);
      try {
        await use(await XlsxHost.open(await bytes(), name));
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
    setRevision((r) => r + 1);
    if (!host) return;
    host.outline({ previewRows: 0 }).then(setOutline, (error: unknown) => setProblem({ file: host.fileName, doing: "read", error }));
  }, [host]);

  const download = React.useCallback(async () => {
    if (!host) return;
    try {
      const bytes = await host.save();
      const blob = new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
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
  return { host, hostKey, outline, revision, loading, problem, openFile, loadSample, download, changed, dismissProblem };
}
