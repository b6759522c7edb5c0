import * as React from "react";
import { Body1, Button, Field, Input, Select, Subtitle2 } from "@fluentui/react-components";
import type { DetectedRegister } from "../../../core/detect/detect";
import type { Template } from "../../../core/templates/schema";
import { ErrorMessage } from "../../components";
import { usePanelStyles } from "../panelStyles.styles";
import { useRegistersStyles } from "./useRegistersStyles.styles";

export interface MarkRegisterProps {
  templates: readonly Template[];
  /** The workbook's sheets a register can be on. */
  listSheets: () => Promise<string[]>;
  /** Reads the register whose header is on that row, as that template; null when the row holds no header. */
  findAt: (sheet: string, headerRow: number, template: Template) => Promise<DetectedRegister | null>;
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
export default function MarkRegister({ templates, listSheets, findAt, onFound, onCancel }: MarkRegisterProps): React.JSX.Element {
  const panel = usePanelStyles();
  const styles = useRegistersStyles();
  const [sheets, setSheets] = React.useState<string[] | null>(null);
  const [sheet, setSheet] = React.useState("");
  const [row, setRow] = React.useState("1");
  const [templateId, setTemplateId] = React.useState(templates[0]?.id ?? "risk");
  const [problem, setProblem] = React.useState<string | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    let current = true;
    listSheets().then(
      (names) => {
        if (!current) return;
        setSheets(names);
        setSheet((s) => s || names[0] || "");
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [listSheets]);

  const headerRow = Number(row);
  const rowOk = Number.isInteger(headerRow) && headerRow >= 1 && headerRow <= 1_048_576;
  const template = templates.find((t) => t.id === templateId) ?? templates[0];

  const submit = async () => {
    if (!rowOk || !sheet || !template) return;
    setBusy(true);
    setProblem(null);
    try {
      const found = await findAt(sheet, headerRow, template);
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
      <Body1 className={styles.description}>Say where the register's header row is and what kind of register it is. You can correct its columns next; applying the template remembers it in the workbook.</Body1>
      {error ? <ErrorMessage error={error} doing="read the workbook" /> : null}
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
