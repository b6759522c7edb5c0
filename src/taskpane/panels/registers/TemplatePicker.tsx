import * as React from "react";
import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, Select } from "@fluentui/react-components";
import { ArrowDownloadRegular, ArrowUploadRegular } from "@fluentui/react-icons";
import { FilePickButton } from "../../components";
import type { TemplateProblem } from "../../../core/templates/custom";
import type { Template } from "../../../core/templates/schema";
import { useRegistersStyles } from "./useRegistersStyles.styles";

/** A template file that could not be used, with every problem found in it. */
export interface ImportFailure {
  fileName: string;
  problems: TemplateProblem[];
}

export interface TemplatePickerProps {
  builtIn: readonly Template[];
  /** Templates imported from files this session, offered after the built-in ones. */
  imported: readonly Template[];
  value: string;
  onChange: (templateId: string) => void;
  /** Reads and checks a chosen template file; the panel adds it and chooses it when it is good. */
  onImport: (file: File) => void;
  /** Saves the chosen template as a JSON file. */
  onExport: (template: Template) => void;
  /** The last import's problems, shown until the next import. */
  importFailure: ImportFailure | null;
  /**
   * The picker's label.
   * @default "Template"
   */
  label?: string;
  disabled?: boolean;
}

/** Which template to apply: the built-in catalogue and a PMO manager's own JSON templates, with import and export. */
export function TemplatePicker({ builtIn, imported, value, onChange, onImport, onExport, importFailure, label = "Template", disabled }: TemplatePickerProps): React.JSX.Element {
  const styles = useRegistersStyles();
  const chosen = [...imported, ...builtIn].find((t) => t.id === value);
  return (
    <>
      <Field label={label} hint={chosen?.description}>
        <Select className={styles.full} value={value} disabled={disabled} onChange={(_, d) => onChange(d.value)}>
          <optgroup label="Built-in templates">
            {builtIn.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} {t.version}
              </option>
            ))}
          </optgroup>
          {imported.length ? (
            <optgroup label="Imported templates">
              {imported.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} {t.version}
                </option>
              ))}
            </optgroup>
          ) : null}
        </Select>
      </Field>
      <div className={styles.buttonRow}>
        <FilePickButton
          accept=".json,application/json"
          inputLabel="Template file"
          inputTestId="template-file-input"
          onPick={([file]) => onImport(file)}
          size="small"
          icon={<ArrowUploadRegular />}
          disabled={disabled}
        >
          Import template…
        </FilePickButton>
        <Button size="small" icon={<ArrowDownloadRegular />} disabled={disabled || !chosen} onClick={() => chosen && onExport(chosen)}>
          Export template
        </Button>
      </div>
      {importFailure ? (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>“{importFailure.fileName}” cannot be used as a template</MessageBarTitle>
            Fix {importFailure.problems.length === 1 ? "this" : `these ${importFailure.problems.length} problems`} in the file and import it again:
            <ul className={styles.problems}>
              {importFailure.problems.map((p, i) => (
                <li key={i}>
                  {p.path ? <span className={styles.path}>{p.path}</span> : null}
                  {p.path ? ": " : ""}
                  {p.message}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
