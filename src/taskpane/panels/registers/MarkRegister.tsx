import * as React from "react";
import { Body1, Button, Field, Input, Select, Subtitle2 } from "@fluentui/react-components";
import type { DetectedRegister } from "../../../core/detect/detect";
import type { Template } from "../../../core/templates/schema";
import type { PointedRegister } from "../../../jobs/registers/pointed";
import { ErrorMessage } from "../../components";
import { usePanelStyles } from "../panelStyles.styles";
import { useRegistersStyles } from "./useRegistersStyles.styles";

export interface MarkRegisterProps {
  templates: readonly Template[];
  /** The workbook's sheets a register can be on. */
  listSheets: () => Promise<string[]>;
  /**
   * Reads the register whose header is on that row, as that template; null when the row holds no header.
   * `column`, when known, is a column of the register (for blocks side by side on one row).
   */
  findAt: (sheet: string, headerRow: number, template: Template, column?: number) => Promise<DetectedRegister | null>;
  /** Where the person's selection points (absent where the host cannot tell): fills the form in. */
  pointedAt?: () => Promise<PointedRegister | null>;
  /** Told the register found where the person pointed. */
  onFound: (register: DetectedRegister) => void;
  onCancel: () => void;
}

/**
 * "This is a register": when detection missed a register or misread it, the
 * person says which sheet, which row its header is on and what kind it is;
 * the mapping editor takes it from there, and applying remembers it.
 * Loaded only when opened, so the task pane's first download stays small.
 */
export default function MarkRegister({ templates, listSheets, findAt, pointedAt, onFound, onCancel }: MarkRegisterProps): React.JSX.Element {
  const panel = usePanelStyles();
  const styles = useRegistersStyles();
  const [sheets, setSheets] = React.useState<string[] | null>(null);
  const [sheet, setSheet] = React.useState("");
  const [row, setRow] = React.useState("1");
  const [templateId, setTemplateId] = React.useState(templates[0]?.id ?? "risk");
  const [problem, setProblem] = React.useState<string | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [busy, setBusy] = React.useState(false);

  // The selected cell the form was last filled from; its column goes with the row while sheet and row stay as filled.
  const [pointed, setPointed] = React.useState<PointedRegister | null>(null);
  const [pointProblem, setPointProblem] = React.useState<string | null>(null);

  const fillFrom = React.useCallback(
    (p: PointedRegister | null, names: readonly string[]) => {
      const name = p ? names.find((n) => n.toLowerCase() === p.sheet.toLowerCase()) : undefined;
      if (!p || !name) {
        setPointProblem(p ? `The selected cell ${p.cell} is on “${p.sheet}”, which holds no cells to read as a register.` : "No cell is selected: select a cell of the register's header row, then choose again.");
        return;
      }
      setPointProblem(null);
      setPointed({ ...p, sheet: name });
      setSheet(name);
      setRow(String(p.headerRow));
      const same = templates.find((t) => t.id === p.templateId) ?? templates.find((t) => t.kind === p.kind);
      if (same) setTemplateId(same.id);
    },
    [templates],
  );

  React.useEffect(() => {
    let current = true;
    listSheets().then(
      async (names) => {
        if (!current) return;
        setSheets(names);
        setSheet((s) => s || names[0] || "");
        if (!pointedAt) return;
        const p = await pointedAt();
        // Only a selection on a sheet of the list fills the form when it opens; otherwise it starts blank.
        if (current && p && names.some((n) => n.toLowerCase() === p.sheet.toLowerCase())) fillFrom(p, names);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
    // Filled once when the form opens; "Use the selected cell" fills it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [listSheets]);

  const useSelection = async () => {
    if (!pointedAt || !sheets) return;
    try {
      fillFrom(await pointedAt(), sheets);
    } catch (e) {
      setError(e);
    }
  };

  const headerRow = Number(row);
  const rowOk = Number.isInteger(headerRow) && headerRow >= 1 && headerRow <= 1_048_576;
  const template = templates.find((t) => t.id === templateId) ?? templates[0];

  const submit = async () => {
    if (!rowOk || !sheet || !template) return;
    setBusy(true);
    setProblem(null);
    try {
      const column = pointed && pointed.sheet === sheet && pointed.headerRow === headerRow ? pointed.column : undefined;
      const found = await findAt(sheet, headerRow, template, column);
      if (found) onFound(found);
      else setProblem(`Row ${headerRow} of “${sheet}” holds no header: choose the row with the register's column names.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.workspace} aria-label="Say where a register is">
      <Subtitle2 as="h3" className={panel.sectionTitle}>
        This is a register
      </Subtitle2>
      <Body1 className={styles.description}>Select a cell of the register's header row (or any cell of the register), or say which row it is, and what kind of register it is. You can correct its columns next; applying the template remembers it in the workbook.</Body1>
      {error ? <ErrorMessage error={error} doing="read the workbook" /> : null}
      {pointedAt ? (
        <div className={styles.buttonRow}>
          <Button size="small" onClick={() => void useSelection()} disabled={!sheets}>
            Use the selected cell
          </Button>
        </div>
      ) : null}
      {pointed && pointed.sheet === sheet && String(pointed.headerRow) === row ? (
        <Body1 className={styles.description} role="status">
          Filled in from the selected cell {pointed.cell} on “{pointed.sheet}”
          {pointed.headerRow !== Number(/\d+/.exec(pointed.cell)?.[0]) ? `: its register's header is row ${pointed.headerRow}` : ""}.
        </Body1>
      ) : null}
      {pointProblem ? (
        <Body1 role="alert" className={styles.warn}>
          {pointProblem}
        </Body1>
      ) : null}
      <Field label="Sheet">
        <Select value={sheet} onChange={(_, d) => setSheet(d.value)} disabled={!sheets}>
          {(sheets ?? []).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Header row" validationMessage={rowOk ? undefined : "A row number, 1 or more"}>
        <Input type="number" min={1} value={row} onChange={(_, d) => setRow(d.value)} />
      </Field>
      <Field label="Kind of register">
        <Select value={template?.id} onChange={(_, d) => setTemplateId(d.value)}>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      </Field>
      {problem ? (
        <Body1 role="alert" className={styles.warn}>
          {problem}
        </Body1>
      ) : null}
      <div className={styles.buttonRow}>
        <Button appearance="primary" onClick={() => void submit()} disabled={busy || !rowOk || !sheet}>
          Use this register
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </section>
  );
}
