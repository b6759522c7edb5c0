/**
 * The workbook host reaches components through this context, never through a
 * global: the start-up file builds the Excel host (or the playground builds
 * the xlsx host) and panels read it here, so every panel renders in tests with
 * a fake host.
 */
import * as React from "react";
import type { WorkbookHost } from "../hosts/host";
import type { Template } from "../core/templates/schema";

export interface WorkbookHostContextValue {
  host: WorkbookHost;
  /** Goes up by one after every apply or undo, so views that read the workbook read it again. */
  revision: number;
  /** Call after the workbook changed through the pane (apply, undo). */
  notifyChanged: () => void;
  /** Templates the person imported in this pane (Registers), newest first; Checks validates with them too. */
  importedTemplates: readonly Template[];
  setImportedTemplates: React.Dispatch<React.SetStateAction<readonly Template[]>>;
}

const WorkbookHostContext = React.createContext<WorkbookHostContextValue | null>(null);

export interface WorkbookHostProviderProps {
  host: WorkbookHost;
  /** Told after each change made through the pane (the playground re-reads its sheet view). */
  onChanged?: () => void;
  children?: React.ReactNode;
}

export function WorkbookHostProvider({ host, onChanged, children }: WorkbookHostProviderProps): React.JSX.Element {
  const [revision, setRevision] = React.useState(0);
  const onChangedRef = React.useRef(onChanged);
  onChangedRef.current = onChanged;
  const notifyChanged = React.useCallback(() => {
    setRevision((r) => r + 1);
    onChangedRef.current?.();
  }, []);
  const [importedTemplates, setImportedTemplates] = React.useState<readonly Template[]>([]);
  const value = React.useMemo(() => ({ host, revision, notifyChanged, importedTemplates, setImportedTemplates }), [host, revision, notifyChanged, importedTemplates]);
  return <WorkbookHostContext.Provider value={value}>{children}</WorkbookHostContext.Provider>;
}

/** The host when there is a provider above, else null (for components that also render on their own). */
export function useOptionalWorkbookHost(): WorkbookHostContextValue | null {
  return React.useContext(WorkbookHostContext);
}

export function useWorkbookHost(): WorkbookHostContextValue {
  const value = React.useContext(WorkbookHostContext);
  if (!value) throw new Error("useWorkbookHost must be used inside a WorkbookHostProvider");
  return value;
}
