import * as React from "react";
import { Body1, Button, Spinner, Subtitle2 } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import type { DetectedRegister } from "../../../core/detect/detect";
import { BUILT_IN_TEMPLATES } from "../../../core/templates/catalogue";
import { parseTemplateFile } from "../../../core/templates/custom";
import type { Template } from "../../../core/templates/schema";
import { ErrorMessage, PanelHeader } from "../../components";
import { useWorkbookHost } from "../../hostContext";
import type { PanelProps } from "../types";
import { usePanelStyles } from "../panelStyles.styles";
import { NewRegister } from "./NewRegister";
import { RegisterList } from "./RegisterList";
import { findRegisters, planForRegister, planNewRegister, registerAt, sheetNames, type PlanForRegisterOptions } from "./registerJobs";
import { registerKey } from "./registerWords";
import type { ImportFailure } from "./TemplatePicker";
import { useRegisters } from "./useRegisters";
import { useRegistersStyles } from "./useRegistersStyles.styles";
import { downloadText, readFileText, saveTemplateFile, type SaveFileFn } from "./templateFiles";

/** The "This is a register" form, fetched only when someone opens it. */
const MarkRegister = React.lazy(() => import(/* webpackChunkName: "mark-register" */ "./MarkRegister"));
/** One register's work (template, mapping, preview, apply): fetched when a register is chosen, so the pane's first download stays within budget. */
const RegisterWorkspace = React.lazy(() => import(/* webpackChunkName: "register-workspace" */ "./RegisterWorkspace").then((m) => ({ default: m.RegisterWorkspace })));

export interface RegistersPanelProps extends PanelProps {
  /**
   * Saves an exported template file.
   * @default a browser download
   */
  saveFile?: SaveFileFn;
}

/** Where a PMO administrator finds the workbook's registers and brings them to the PMO's templates. */
export function RegistersPanel({ onReady, saveFile = downloadText }: RegistersPanelProps): React.JSX.Element {
  const styles = usePanelStyles();
  const local = useRegistersStyles();
  const { host, revision, notifyChanged, importedTemplates: imported, setImportedTemplates: setImported } = useWorkbookHost();
  const [importFailure, setImportFailure] = React.useState<ImportFailure | null>(null);
  const find = React.useCallback((templates: readonly Template[]) => findRegisters(host, templates), [host]);
  const { found, error, loading, reload } = useRegisters(find, imported, revision, onReady);
  const [selected, setSelected] = React.useState<string | null>(null);
  const [creating, setCreating] = React.useState(false);
  const [marking, setMarking] = React.useState(false);
  // A register the person pointed to, kept until the workbook changes (applying it stores it, and detection then finds it).
  const [marked, setMarked] = React.useState<{ register: DetectedRegister; revision: number } | null>(null);
  const listSheets = React.useCallback(() => sheetNames(host), [host]);
  const findAt = React.useCallback((sheet: string, row: number, t: Template, column?: number) => registerAt(host, sheet, row, t, imported, column), [host, imported]);
  const foundRegisters = found?.registers;
  // Loaded with the form, not with the pane.
  const pointedAt = React.useMemo(
    () => (host.selection ? () => import(/* webpackChunkName: "mark-register" */ "../../../jobs/registers/pointed").then((m) => m.registerAtSelection(host, foundRegisters ?? [])) : undefined),
    [host, foundRegisters],
  );
  const onMarked = React.useCallback(
    (r: DetectedRegister) => {
      setMarked({ register: r, revision });
      setSelected(registerKey(r));
      setMarking(false);
      setCreating(false);
    },
    [revision],
  );

  const plan = React.useCallback((r: DetectedRegister, t: Template, o: PlanForRegisterOptions) => planForRegister(host, r, t, o), [host]);
  const planNew = React.useCallback((t: Template) => planNewRegister(host, t), [host]);
  const apply = React.useCallback<typeof host.apply>((p, progress) => host.apply(p, progress), [host]);
  const afterNewRegister = React.useCallback(() => {
    // Keep the new-register view (and its Undo) on screen once the new register shows up in the list.
    setCreating(true);
    notifyChanged();
  }, [notifyChanged]);

  const onImport = React.useCallback(async (file: File) => {
    let text: string;
    try {
      text = await readFileText(file);
    } catch (e) {
      setImportFailure({ fileName: file.name, problems: [{ path: "", message: `the file could not be read (${(e as Error).message}); choose it again` }] });
      return;
    }
    const parsed = parseTemplateFile(text, file.name);
    if (!parsed.ok) {
      setImportFailure({ fileName: file.name, problems: parsed.errors });
      return;
    }
    setImportFailure(null);
    setImported((list) => [parsed.value, ...list.filter((t) => t.id !== parsed.value.id)]);
  }, []);
  const onExport = React.useCallback((t: Template) => saveTemplateFile(t, saveFile), [saveFile]);

  const detected = found?.registers ?? [];
  const pointed = marked && marked.revision === revision ? marked.register : null;
  const registers = pointed ? [...detected.filter((r) => registerKey(r) !== registerKey(pointed)), pointed] : detected;
  // One register needs no choosing.
  const current = registers.find((r) => registerKey(r) === selected) ?? (registers.length === 1 && !creating ? registers[0] : undefined);
  const showNew = found !== null && (registers.length === 0 || creating);

  return (
    <div className={styles.root}>
      <PanelHeader title="Registers" readAgain={{ onClick: reload, disabled: loading, label: "Refresh", size: "small" }} />
      {marking ? (
        <React.Suspense fallback={<Spinner size="small" label="Opening…" />}>
          <MarkRegister templates={[...imported, ...BUILT_IN_TEMPLATES]} listSheets={listSheets} findAt={findAt} pointedAt={pointedAt} onFound={onMarked} onCancel={() => setMarking(false)} />
        </React.Suspense>
      ) : found ? (
        <Button className={local.noShrink} size="small" appearance="subtle" onClick={() => setMarking(true)}>
          A register is missing or misread? This is a register…
        </Button>
      ) : null}
      {error ? <ErrorMessage error={error} doing="look for registers" /> : null}
      {loading && !found ? <Spinner size="small" label="Looking for registers…" /> : null}
      {registers.length ? (
        <section className={styles.section} aria-labelledby="registers-found">
          <div className={styles.header}>
            <Subtitle2 as="h3" id="registers-found" className={styles.sectionTitle}>
              {registers.length === 1 ? "1 register found" : `${registers.length} registers found`}
            </Subtitle2>
            {!creating ? (
              <Button className={local.noShrink} size="small" appearance="subtle" icon={<AddRegular />} onClick={() => setCreating(true)}>
                New register
              </Button>
            ) : null}
          </div>
          {!current && !showNew ? <Body1 className={styles.subtle}>Choose a register to check it against a template.</Body1> : null}
          <RegisterList
            registers={registers}
            drift={registers.map((r) => (r === pointed ? [] : (found?.drift[detected.indexOf(r)] ?? [])))}
            templates={[...imported, ...BUILT_IN_TEMPLATES]}
            selected={current && !showNew ? registerKey(current) : null}
            onSelect={(key) => {
              setSelected(key);
              setCreating(false);
            }}
            renderWork={(register, labelledBy) => (
              <React.Suspense fallback={<Spinner size="small" label="Opening…" />}>
                <RegisterWorkspace
                  register={register}
                  labelledBy={labelledBy}
                  builtIn={BUILT_IN_TEMPLATES}
                  imported={imported}
                  plan={plan}
                  apply={apply}
                  onChanged={notifyChanged}
                  onImport={(f) => void onImport(f)}
                  onExport={onExport}
                  importFailure={importFailure}
                />
              </React.Suspense>
            )}
          />
        </section>
      ) : null}
      {showNew ? (
        <NewRegister
          empty={registers.length === 0}
          builtIn={BUILT_IN_TEMPLATES}
          imported={imported}
          planNew={planNew}
          apply={apply}
          onChanged={afterNewRegister}
          revision={revision}
          onImport={(f) => void onImport(f)}
          onExport={onExport}
          importFailure={importFailure}
        />
      ) : null}
    </div>
  );
}
