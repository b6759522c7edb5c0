import * as React from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Checkbox, Field, Select, mergeClasses } from "@fluentui/react-components";
import type { MappedColumn } from "../../../core/detect/detect";
import type { Template } from "../../../core/templates/schema";
import type { ColumnMapping, HeaderColumn } from "./columnMapping";
import { oneLine } from "./registerWords";
import { useRegistersStyles } from "./useRegistersStyles.styles";

/** The value of the "not in this register" option (column letters are never empty). */
const NONE = "";

export interface MappingEditorProps {
  template: Template;
  /** The register's header columns, left to right. */
  headers: HeaderColumn[];
  /** Detection's columns, for how each was matched and how sure it is. */
  detected: Record<string, MappedColumn>;
  mapping: ColumnMapping;
  /** Fields detection was unsure of, still on its column: highlighted. */
  lowFields: ReadonlySet<string>;
  /** Field id → why the choice cannot be applied. */
  problems: Record<string, string>;
  onChange: (field: string, column: string | null) => void;
  corrected: boolean;
  remember: boolean;
  onRemember: (on: boolean) => void;
  onReset: () => void;
  /**
   * Opened at first: when some field needs a check.
   * @default false
   */
  defaultOpen?: boolean;
  disabled?: boolean;
}

function hintFor(detected: MappedColumn | undefined, column: string | null): string | undefined {
  if (column === null) return "Not found: added as a new column.";
  if (detected?.column !== column) return "Your choice.";
  if (detected.source === "stored") return "Confirmed earlier.";
  if (detected.source === "content") return "Matched by the values in the column.";
  return undefined;
}

/** For each template field, which header column holds it, or "not in this register"; unsure fields stand out. */
export function MappingEditor(props: MappingEditorProps): React.JSX.Element {
  const { template, headers, detected, mapping, lowFields, problems, onChange, corrected, remember, onRemember, onReset, defaultOpen = false, disabled } = props;
  const styles = useRegistersStyles();
  const found = template.columns.filter((c) => mapping[c.id]).length;
  const caption = `${found} of ${template.columns.length} columns found${lowFields.size ? ` · ${lowFields.size} to check` : ""}${corrected ? " · corrected" : ""}`;
  return (
    <Accordion collapsible defaultOpenItems={defaultOpen ? ["mapping"] : []}>
      <AccordionItem value="mapping">
        <AccordionHeader as="h3" className={styles.accordionHeader} expandIconPosition="end">
          <span className={styles.headerTitle}>
            <span>Column mapping</span>
            <span className={styles.headerCaption}>{caption}</span>
          </span>
        </AccordionHeader>
        <AccordionPanel className={styles.accordionPanel}>
          <div className={styles.mapping}>
            {template.columns.map((c) => {
              const column = mapping[c.id] ?? null;
              const low = lowFields.has(c.id);
              const problem = problems[c.id];
              const confidence = detected[c.id]?.confidence ?? 0;
              return (
                <div key={c.id} className={mergeClasses(styles.mappingRow, low && styles.mappingRowLow)}>
                  <Field
                    label={oneLine(c.header)}
                    orientation="horizontal"
                    size="small"
                    hint={problem || low ? undefined : hintFor(detected[c.id], column)}
                    validationState={problem ? "error" : low ? "warning" : "none"}
                    validationMessage={problem ?? (low ? `Check this: low confidence (${Math.round(confidence * 100)}%).` : undefined)}
                  >
                    <Select className={styles.full} size="small" value={column ?? NONE} disabled={disabled} onChange={(_, d) => onChange(c.id, d.value === NONE ? null : d.value)}>
                      <option value={NONE}>Not in this register</option>
                      {headers.map((h) => (
                        <option key={h.column} value={h.column}>
                          {h.column}: {h.header}
                        </option>
                      ))}
                    </Select>
                  </Field>
                </div>
              );
            })}
            <div className={styles.mappingFooter}>
              <Checkbox
                checked={remember}
                disabled={disabled}
                onChange={(_, d) => onRemember(d.checked === true)}
                label="Remember this mapping in the workbook, so later checks use it"
              />
              {corrected ? (
                <Button size="small" appearance="subtle" disabled={disabled} onClick={onReset}>
                  Go back to the detected mapping
                </Button>
              ) : null}
            </div>
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
