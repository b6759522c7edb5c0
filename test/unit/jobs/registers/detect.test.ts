import { detectRegisters, toInspectJson } from "../../../../src/jobs/registers/detect";
import { emptyMetadata } from "../../../../src/core/metadata/schema";
import type { CellValue } from "../../../../src/core/grid/cell";
import { formatRange, parseRange } from "../../../../src/core/grid/address";
import type { Grid, WorkbookHost, WorkbookOutline } from "../../../../src/hosts/host";

const ROWS: CellValue[][] = [
  ["Ref", "Summary", "Prob", "Consequence", "Owner", "Status"],
  ["R1", "Vendor slips the delivery of the core switch", 4, 3, "Ann", "Open"],
  ["R2", "Budget freeze in Q3 stops the second phase", 2, 5, "Raj", "Open"],
  ["R3", "Key analyst leaves before data migration", 3, 4, "Ann", "Closed"],
];

/** A one-sheet host over ROWS that records what was read. */
function fakeHost(metadata = emptyMetadata()): WorkbookHost & { reads: string[] } {
  const grid = (address: string): Grid => {
    const r = parseRange(address)!;
    const values = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const line = [];
      for (let col = r.left; col <= r.right; col++) line.push(ROWS[row - 1]?.[col - 1] ?? null);
      values.push(line);
    }
    return { sheet: "Risks", address, values, formulas: values.map((l) => l.map(() => null)), numberFormats: values.map((l) => l.map(() => "General")) };
  };
  const reads: string[] = [];
  return {
    reads,
    async outline(opts): Promise<WorkbookOutline> {
      const n = Math.min(ROWS.length, opts?.previewRows ?? 20);
      return {
        name: "book.xlsx",
        sheets: [{ name: "Risks", position: 0, visibility: "visible", usedRange: "A1:F4", tables: [], merges: [], preview: grid(formatRange({ top: 1, left: 1, bottom: n, right: 6 })) }],
        metadata,
        metadataIssues: [],
      };
    },
    async read(_sheet, address) {
      reads.push(address);
      return grid(address);
    },
    async apply() {
      throw new Error("detection never writes");
    },
  };
}

describe("detectRegisters", () => {
  test("finds the register from the preview alone when it fits", async () => {
    const host = fakeHost();
    const regs = await detectRegisters(host);
    expect(regs).toHaveLength(1);
    expect(regs[0]).toMatchObject({ sheet: "Risks", kind: "risk", headerRow: 1, firstRow: 2, lastRow: 4 });
    expect(regs[0].columns.probability.column).toBe("C");
    expect(regs[0].columns.impact.column).toBe("D");
    expect(host.reads).toEqual([]);
  });

  test("a confirmed mapping in the workbook's record wins, with confidence 1, and drift is reported", async () => {
    const metadata = emptyMetadata();
    metadata.registers.push({ sheet: "Risks", kind: "risk", templateId: "risk", templateVersion: "1.0.0", headerRow: 1, mapping: { id: "Ref", title: "Summary", trend: "Trend" }, confirmed: true });
    const regs = await detectRegisters(fakeHost(metadata));
    expect(regs[0].confidence).toBe(1);
    expect(regs[0].columns).toEqual({
      id: { header: "Ref", column: "A", confidence: 1, lowConfidence: false, source: "stored" },
      title: { header: "Summary", column: "B", confidence: 1, lowConfidence: false, source: "stored" },
    });
    expect(regs[0].drift).toEqual(["trend: the confirmed header “Trend” is no longer in row 1"]);
    expect(regs[0].lastRow).toBe(4);
  });

  test("toInspectJson gives the CLI contract's shape", async () => {
    const json = toInspectJson("book.xlsx", await detectRegisters(fakeHost()));
    expect(json.file).toBe("book.xlsx");
    const r = json.registers[0];
    for (const key of ["sheet", "kind", "headerRow", "firstRow", "lastRow", "confidence", "columns", "drift"]) expect(r).toHaveProperty(key);
    expect(r.columns.owner).toMatchObject({ header: "Owner", column: "E" });
    expect(r.drift).toEqual([]);
  });
});
