import * as React from "react";
import { Button, Caption1, Input, makeStyles, tokens } from "@fluentui/react-components";
import type { CellValue } from "../core/grid/cell";
import { plan } from "../core/plan/plan";
import type { WorkbookHost } from "../hosts/host";

const useStyles = makeStyles({
  bar: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  where: { minWidth: "64px", fontWeight: tokens.fontWeightSemibold },
  input: { flexGrow: 1 },
});

export interface CellEditBarProps {
  host: WorkbookHost;
  /** The selected cell, or null when none is. */
  cell: { sheet: string; cell: string } | null;
  /** After the edit is written, so the sheet view reads the sheet again. */
  onEdited: () => void;
}

/** What a person typed, as Excel takes it: a plain number is a number, anything else text (never a formula). */
export function typedValue(text: string): string | number | null {
  const t = text.trim();
  if (t === "") return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : text;
}

function shown(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "object") return "error" in v ? v.error : String(v);
  return String(v);
}

/**
 * The playground's formula bar: the selected cell's value, edited and
 * written back as a one-cell plan through the same host the pane uses, so the
 * pane hears of it as it would hear the person typing in Excel.
 */
export function CellEditBar({ host, cell, onEdited }: CellEditBarProps): React.JSX.Element {
  const styles = useStyles();
  const [text, setText] = React.useState("");
  const [formula, setFormula] = React.useState(false);
  const [problem, setProblem] = React.useState<string | null>(null);

  React.useEffect(() => {
    let live = true;
    setProblem(null);
    if (!cell) {
      setText("");
      return;
    }
    host.read(cell.sheet, cell.cell).then(
      (g) => {
        if (!live) return;
        const f = g.formulas[0]?.[0] ?? null;
        setFormula(f !== null);
        setText(f ?? shown(g.values[0]?.[0] ?? null));
      },
      (e: unknown) => live && setProblem((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [host, cell]);

  const write = async () => {
    if (!cell || formula) return;
    try {
      await host.apply(plan(`Type in ${cell.cell}`, [{ type: "setCells", sheet: cell.sheet, address: cell.cell, cells: [[typedValue(text)]] }]));
      onEdited();
    } catch (e) {
      setProblem((e as Error).message);
    }
  };

  return (
    <div className={styles.bar}>
      <Caption1 className={styles.where}>{cell ? cell.cell : "—"}</Caption1>
      <Input
        className={styles.input}
        aria-label={cell ? `Value of ${cell.cell}` : "Value of the selected cell"}
        value={text}
        disabled={!cell || formula}
        title={formula ? "A formula: edit it in Excel" : undefined}
        onChange={(_, d) => setText(d.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") void write();
        }}
      />
      <Button size="small" disabled={!cell || formula} onClick={() => void write()}>
        Enter
      </Button>
      {problem ? (
        <Caption1 role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          {problem}
        </Caption1>
      ) : null}
    </div>
  );
}
