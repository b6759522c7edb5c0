/**
 * Both hosts behind one face for the contract suite: seeded from the same
 * description, read back through the port, plus the validations and colour
 * rules each holds (read from the fake's state and from ExcelJS's model,
 * since the port does not report them).
 */
import ExcelJS from "exceljs";
import { parseCell, parseRange } from "../../src/core/grid/address";
import type { WorkbookHost } from "../../src/hosts/host";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import type { FakePlatform } from "./fake-excel/context";
import { FakeExcel } from "./fake-excel/fake-excel";
import { excelHostOver } from "./fake-excel/host-over-fake";
import type { SeedCell, WorkbookSeed } from "./workbook-seed";

export interface RuleState {
  sheet: string;
  address: string;
  rule: string;
}

export interface HostUnderTest {
  host: WorkbookHost;
  validations(): RuleState[];
  conditionalFormats(): RuleState[];
}

/** The Excel host over the fake as Excel on Windows, on Mac and on the web play it (undo groups on), and the xlsx host. */
export type HostKind = `excel-${FakePlatform}` | "xlsx";

export const HOST_KINDS: HostKind[] = ["excel-windows", "excel-mac", "excel-web", "xlsx"];

export function isExcel(kind: HostKind): kind is `excel-${FakePlatform}` {
  return kind.startsWith("excel-");
}

/** Every state equals the first (the hosts in HOST_KINDS order). */
export function expectAllAgree<T>(states: T[]): void {
  expect(states).toHaveLength(HOST_KINDS.length);
  const [first, ...rest] = states;
  rest.forEach((s, i) => expect({ host: HOST_KINDS[i + 1], state: s }).toEqual({ host: HOST_KINDS[i + 1], state: first }));
}

export async function hostFrom(kind: HostKind, seed: WorkbookSeed): Promise<HostUnderTest> {
  if (isExcel(kind)) {
    const fake = FakeExcel.fromSeed(seed, kind.slice("excel-".length) as FakePlatform);
    return {
      host: excelHostOver(fake, { supportsUndoGroup: true }),
      validations: () =>
        fake.dump().flatMap((s) =>
          s.validations.map((v) => {
            const list = (v.rule as { list?: { source: string } }).list;
            return { sheet: s.name, address: v.address, rule: list ? `list:${list.source}` : JSON.stringify(v.rule) };
          }),
        ),
      conditionalFormats: () =>
        fake
          .dump()
          .flatMap((s) =>
            (s.conditionalFormats as unknown as { address: string; type: string; formula?: string; fill?: string }[]).map((c) => ({
              sheet: s.name,
              address: c.address,
              rule: `${c.type === "Custom" ? "expression" : "cellValue"}:${c.formula ?? ""}:${c.fill ?? ""}`,
            })),
          ),
    };
  }
  const bytes = await xlsxBytes(seed);
  const host = await XlsxHost.open(bytes, "contract.xlsx");
  return {
    host,
    validations: () => xlsxValidations(host.workbook),
    conditionalFormats: () => xlsxConditionalFormats(host.workbook),
  };
}

function excelJsValue(cell: SeedCell): ExcelJS.CellValue {
  if (cell !== null && typeof cell === "object") {
    if ("formula" in cell) return { formula: cell.formula.slice(1) } as ExcelJS.CellFormulaValue;
    return { error: cell.error } as ExcelJS.CellErrorValue;
  }
  return cell;
}

export async function xlsxBytes(seed: WorkbookSeed): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of seed.sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.visibility ?? "visible" });
    const origin = parseCell(s.origin ?? "A1");
    if (!origin) throw new Error(`bad origin ${s.origin}`);
    (s.rows ?? []).forEach((line, i) =>
      line.forEach((cell, j) => {
        if (cell !== null) ws.getCell(origin.row + i, origin.col + j).value = excelJsValue(cell);
      }),
    );
    for (const [address, format] of Object.entries(s.numberFormats ?? {})) {
      const r = parseRange(address);
      if (!r) throw new Error(`bad range ${address}`);
      for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) ws.getCell(row, c).numFmt = format;
    }
    for (const m of s.merges ?? []) ws.mergeCells(m);
    if (s.tables?.length) throw new Error("seed tables are created through plans in the contract suite");
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Validation ranges as ExcelJS keeps them (per cell), merged back into rectangles per rule. */
function xlsxValidations(wb: ExcelJS.Workbook): RuleState[] {
  const out: RuleState[] = [];
  for (const ws of wb.worksheets) {
    const model = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae?: unknown[] }> } }).dataValidations.model;
    const byRule = new Map<string, string[]>();
    for (const [address, v] of Object.entries(model)) {
      if (!v) continue;
      const rule = v.type === "list" ? `list:${String(v.formulae?.[0] ?? "").replace(/^"|"$/g, "")}` : JSON.stringify(v);
      byRule.set(rule, [...(byRule.get(rule) ?? []), address]);
    }
    for (const [rule, addresses] of byRule) for (const address of boundingAreas(addresses)) out.push({ sheet: ws.name, address, rule });
  }
  return out.sort((a, b) => `${a.sheet}!${a.address}`.localeCompare(`${b.sheet}!${b.address}`));
}

/** ExcelJS may key validations by single cells or by ranges ("A1:A5", "A1 A3"); gives the bounding rectangle of each connected set. */
function boundingAreas(keys: string[]): string[] {
  const ranges = keys.flatMap((k) => k.replace(/^range:/, "").split(/\s+/)).map((k) => parseRange(k)).filter((r) => r !== undefined);
  if (!ranges.length) return [];
  const top = Math.min(...ranges.map((r) => r.top));
  const bottom = Math.max(...ranges.map((r) => r.bottom));
  const left = Math.min(...ranges.map((r) => r.left));
  const right = Math.max(...ranges.map((r) => r.right));
  const cells = ranges.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
  const area = (bottom - top + 1) * (right - left + 1);
  const a1 = (row: number, col: number) => `${colLetters(col)}${row}`;
  return cells === area ? [top === bottom && left === right ? a1(top, left) : `${a1(top, left)}:${a1(bottom, right)}`] : keys;
}

function colLetters(c: number): string {
  let s = "";
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function xlsxConditionalFormats(wb: ExcelJS.Workbook): RuleState[] {
  const out: RuleState[] = [];
  for (const ws of wb.worksheets) {
    const cfs = (ws as unknown as { conditionalFormattings?: { ref: string; rules: { type: string; formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[] }[] }).conditionalFormattings ?? [];
    for (const cf of cfs) {
      for (const rule of cf.rules) {
        const fill = rule.style?.fill?.bgColor?.argb;
        out.push({
          sheet: ws.name,
          address: cf.ref,
          rule: `${rule.type === "expression" ? "expression" : "cellValue"}:${rule.type === "expression" ? `=${String(rule.formulae?.[0] ?? "").replace(/^=/, "")}` : ""}:${fill ? `#${fill.slice(-6).toUpperCase()}` : ""}`,
        });
      }
    }
  }
  return out;
}
