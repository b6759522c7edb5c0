/**
 * What a person tells `pmo apply`: which computed columns to restore
 * (--restore-formulas) and where the register is when detection misses it
 * (--sheet with --header-row), remembered in the workbook so the next run
 * finds it there without being told.
 */
import ExcelJS from "exceljs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { XlsxHost } from "../../../src/hosts/xlsx/xlsx-host";
import { detectRegisters } from "../../../src/jobs/registers/detect";
import { runCaptured } from "./capture";

let dir: string;
const run = (...argv: string[]) => runCaptured(argv, { cwd: dir });

async function save(name: string, build: (ws: ExcelJS.Worksheet) => void, sheet = "Log"): Promise<void> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet(sheet));
  await writeFile(path.join(dir, name), new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "pmo-apply-choices-"));
  await save("scores.xlsx", (ws) => {
    ws.getRow(1).values = ["ID", "Title", "Owner", "Probability", "Impact", "Score", "Status"];
    for (let i = 0; i < 5; i++) {
      ws.getRow(2 + i).values = [`R${i + 1}`, `Risk ${i + 1}`, "A. Patel", 1 + i, 5 - i, null, "Open"];
      ws.getCell(`F${2 + i}`).value = { formula: `D${2 + i}*E${2 + i}` } as ExcelJS.CellFormulaValue;
    }
    ws.getCell("F3").value = 99;
  });
  // A sheet name ending in spaces, as real workbooks have them.
  await save(
    "spaced.xlsx",
    (ws) => {
      ws.getRow(1).values = ["Risk ID", "Risk Title", "Owner", "Probability", "Impact", "Status"];
      for (let i = 0; i < 5; i++) ws.getRow(2 + i).values = [`R${i + 1}`, `Risk ${i + 1}`, "A. Patel", 1 + i, 5 - i, "Open"];
    },
    "Risks  ",
  );
  // Headers no template knows well enough, on row 4 under notes: detection offers it at best as uncertain.
  await save("odd.xlsx", (ws) => {
    ws.getCell("A1").value = "Weekly catch-up";
    ws.getRow(4).values = ["Item", "Who", "By When", "Where We Are"];
    for (let i = 0; i < 4; i++) ws.getRow(5 + i).values = [`Thing ${i + 1}`, "Jo", "Friday", "Started"];
  });
});

interface DryRun {
  edits: { type: string; address?: string; description: string }[];
  notes: string[];
  register: { sheet: string; headerRow: number };
}

describe("--restore-formulas", () => {
  test("without it a typed-over Score stays as typed, and the notes say how to restore it", async () => {
    const r = await run("apply", "risk", "scores.xlsx", "--dry-run", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as DryRun;
    expect(doc.edits.filter((e) => e.type === "setCells" && e.address === "F3")).toEqual([]);
    expect(doc.notes.join("\n")).toContain("--restore-formulas score");
  });

  test("with it the formula goes back in that column", async () => {
    const r = await run("apply", "risk", "scores.xlsx", "--dry-run", "--json", "--restore-formulas", "score");
    const doc = JSON.parse(r.stdout) as DryRun;
    expect(doc.edits).toContainEqual(expect.objectContaining({ type: "setCells", address: "F3:F3" }));
  });

  test("a field that is not a computed column is a usage error naming the ones that are", async () => {
    const r = await run("apply", "risk", "scores.xlsx", "--dry-run", "--restore-formulas", "owner");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/owner is not a computed column of Risk register \(its computed columns: score, band, residualScore, residualBand\)/);
  });
});

describe("--sheet with --header-row", () => {
  test("--header-row alone is a usage error", async () => {
    const r = await run("apply", "issue", "odd.xlsx", "--dry-run", "--header-row", "4");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--header-row needs --sheet/);
  });

  test("the register is taken where the person says, and found there next time", async () => {
    const r = await run("apply", "issue", "odd.xlsx", "--sheet", "Log", "--header-row", "4", "--out", "odd-applied.xlsx", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as DryRun;
    expect(doc.register).toMatchObject({ sheet: "Log", headerRow: 4 });
    const host = await XlsxHost.open(new Uint8Array(await (await import("node:fs/promises")).readFile(path.join(dir, "odd-applied.xlsx"))), "odd-applied.xlsx");
    const found = await detectRegisters(host);
    expect(found).toContainEqual(expect.objectContaining({ sheet: "Log", headerRow: 4, kind: "issue", confidence: 1 }));
    const again = await run("apply", "issue", "odd-applied.xlsx", "--dry-run", "--json");
    expect((JSON.parse(again.stdout) as DryRun).register).toMatchObject({ sheet: "Log", headerRow: 4 });
  });

  test("a row with no header is refused with the sheet and row named", async () => {
    const r = await run("apply", "issue", "odd.xlsx", "--sheet", "Log", "--header-row", "40", "--dry-run");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Sheet “Log”: row 40 holds no header/);
  });
});

describe("--sheet names the sheet as the person types it", () => {
  test.each([["Risks  "], ["Risks"], ["risks"]])("--sheet %j applies to the register on sheet “Risks  ”, not to a new sheet", async (given) => {
    const r = await run("apply", "risk", "spaced.xlsx", "--sheet", given, "--dry-run", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as DryRun;
    expect(doc.register.sheet).toBe("Risks  ");
    expect(doc.edits.some((e) => e.type === "addSheet")).toBe(false);
  });

  test("a blank --sheet is refused", async () => {
    const r = await run("apply", "risk", "spaced.xlsx", "--sheet", "  ", "--dry-run");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("--sheet needs a sheet name");
  });
});
