/**
 * The port's lighter reads (queryCells): every host answers the same, and in
 * Excel the answers about a long register come in one sync however many rows
 * it has, while they fit the payload budget.
 */
import type { CellsQuery } from "../../src/hosts/host";
import { PackageHost } from "../../src/hosts/xlsx/package-host";
import { FakeExcel } from "./fake-excel/fake-excel";
import { excelHostOver } from "./fake-excel/host-over-fake";
import { expectAllAgree, HOST_KINDS, hostFrom, xlsxBytes } from "./hosts-under-test";
import type { SeedCell, WorkbookSeed } from "./workbook-seed";

const seed: WorkbookSeed = {
  sheets: [
    {
      name: "Q1, risks",
      origin: "B2",
      rows: [
        ["ID", "Title", "P", "I", "Score", "Status"],
        ["R-1", "Vendor late", 3, 4, { formula: "=D3*E3" }, "Open"],
        ["R-2", "#N/A", 2, { error: "#DIV/0!" }, { formula: "=D4*E4" }, "closed"],
        ["R-3", null, "high", 1, 7, "Open"],
        [4, "Total spend", true, null, { formula: "=SUM(F3:F5)" }, null],
      ],
      numberFormats: { "D3:D6": "0" },
    },
  ],
};

const queries: CellsQuery[] = [
  { address: "B3:G6", ask: "values" },
  { address: "C3:F6", ask: "formulas", bytesPerCell: 8 },
  { address: "D4:E6", ask: "numberFormats" },
  { address: "F3:F6", ask: "hasFormulas" },
  { address: "B3:D6", ask: "hasFormulas" },
  { address: "F6", ask: "hasFormulas" },
  { address: "C3:C6", ask: "hasText", text: "TOTAL" },
  { address: "G3:G6", ask: "hasText", text: "status" },
  { address: "C3", ask: "hasText", text: "late" },
];

describe("queryCells, on every host", () => {
  it("answers values, formulas and the yes/no questions alike", async () => {
    const states = [];
    for (const kind of HOST_KINDS) {
      const { host } = await hostFrom(kind, seed);
      states.push(await host.queryCells?.("Q1, risks", queries));
    }
    const pkg = await PackageHost.open(await xlsxBytes(seed), "contract.xlsx");
    const packageAnswers = await pkg.queryCells("Q1, risks", queries);
    expectAllAgree(states);
    expect(packageAnswers).toEqual(states[0]);
    expect(states[0]).toEqual([
      {
        address: "B3:G6",
        // The fake Excel computes no formulas: the file hosts give the cached results, which a built seed has none of.
        cells: [
          ["R-1", "Vendor late", 3, 4, null, "Open"],
          ["R-2", "#N/A", 2, { error: "#DIV/0!" }, null, "closed"],
          ["R-3", null, "high", 1, 7, "Open"],
          [4, "Total spend", true, null, null, null],
        ],
      },
      {
        address: "C3:F6",
        cells: [
          ["Vendor late", 3, 4, "=D3*E3"],
          ["#N/A", 2, "#DIV/0!", "=D4*E4"],
          [null, "high", 1, 7],
          ["Total spend", true, null, "=SUM(F3:F5)"],
        ],
      },
      { address: "D4:E6", cells: [["0", "General"], ["0", "General"], ["0", "General"]] },
      { address: "F3:F6", found: true },
      { address: "B3:D6", found: false },
      { address: "F6", found: true },
      { address: "C3:C6", found: true },
      { address: "G3:G6", found: false },
      { address: "C3", found: true },
    ]);
  });

  it("names the sheet when it is not there", async () => {
    for (const kind of HOST_KINDS) {
      const { host } = await hostFrom(kind, seed);
      await expect(host.queryCells?.("Nope", queries)).rejects.toThrow(/Nope/);
    }
  });
});

function longColumn(rows: number): WorkbookSeed {
  const lines: SeedCell[][] = [["ID", "Description", "P"]];
  for (let i = 1; i <= rows; i++) lines.push([`R-${i}`, `Supplier delay on work package ${i % 97} pushes the install window`, 1 + (i % 5)]);
  return { sheets: [{ name: "Risks", rows: lines }] };
}

describe("queryCells in Excel (fake)", () => {
  async function syncsFor(rows: number): Promise<number> {
    const fake = FakeExcel.fromSeed(longColumn(rows));
    const host = excelHostOver(fake);
    const answers = await host.queryCells("Risks", [
      { address: `A2:A${rows + 1}`, ask: "values", bytesPerCell: 12 },
      { address: `C2:C${rows + 1}`, ask: "formulas", bytesPerCell: 4 },
      { address: `B2:B${rows + 1}`, ask: "hasFormulas" },
      { address: `B2:B${rows + 1}`, ask: "hasText", text: "description" },
    ]);
    expect(answers[0]?.cells).toHaveLength(rows);
    expect(answers[1]?.cells?.[rows - 1]).toEqual([1 + (rows % 5)]);
    expect(answers.slice(2).map((a) => a.found)).toEqual([false, false]);
    return fake.runs.reduce((n, r) => n + r.syncs.length, 0);
  }

  it("reads a few columns of a long register in as many syncs at 1,000 rows as at 100,000", async () => {
    const small = await syncsFor(1_000);
    expect(small).toBe(1);
    expect(await syncsFor(100_000)).toBe(small);
  });

  it("reads again in halves what Excel refuses as too large", async () => {
    const fake = FakeExcel.fromSeed(longColumn(120_000));
    const host = excelHostOver(fake);
    // A guess far too light: the first sync is refused, and the blocks are read again smaller.
    const [answer] = await host.queryCells("Risks", [{ address: "B2:B120001", ask: "values", bytesPerCell: 1 }]);
    expect(answer?.cells?.[119_999]).toEqual([`Supplier delay on work package ${120_000 % 97} pushes the install window`]);
    const syncs = fake.runs.flatMap((r) => r.syncs);
    // The first sync is refused; the halves go in syncs that fit.
    expect(syncs.filter((s) => s.responseBytes > 5 * 1024 * 1024)).toHaveLength(1);
    expect(syncs.length).toBeGreaterThanOrEqual(3);
  });
});
