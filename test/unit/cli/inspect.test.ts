import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCaptured } from "./capture";
import { scheduleWorkbook } from "../taskpane/registers/smallWorkbook";

const REPO = path.resolve(__dirname, "../../..");
let dir: string;

/** A small risk workbook: a register as an Excel table, a hidden lookup sheet, an empty sheet. */
async function writeRiskWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const risks = wb.addWorksheet("Risks");
  risks.getCell("A1").value = "Project Falcon: risk register";
  risks.addTable({
    name: "RiskRegister",
    ref: "A3",
    headerRow: true,
    columns: [{ name: "Risk ID" }, { name: "Title" }, { name: "Owner" }, { name: "Likelihood" }, { name: "Impact" }],
    rows: [
      ["R-001", "Supplier slips", "A. Patel", 3, 4],
      ["R-002", "Budget cut", "B. Okafor", 2, 5],
    ],
  });
  const lists = wb.addWorksheet("Lists", { state: "hidden" });
  lists.getCell("A1").value = "Status";
  lists.getCell("A2").value = "Open";
  lists.getCell("A3").value = "Closed";
  wb.addWorksheet("Notes");
  await wb.xlsx.writeFile(file);
}

/** The first bytes of an OLE2 compound file, as every .xls and every password-protected .xlsx starts. */
function compoundFile(streamNames: string[]): Buffer {
  const bytes = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  let at = 1024;
  for (const name of streamNames) at += bytes.write(name, at, "utf16le") + 64;
  return bytes;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "pmo-inspect-"));
  await writeRiskWorkbook(path.join(dir, "falcon risks.xlsx"));
  const good = await readFile(path.join(dir, "falcon risks.xlsx"));
  await writeFile(path.join(dir, "truncated.xlsx"), good.subarray(0, Math.floor(good.length / 2)));
  // Deterministic noise: the same "random" bytes every run.
  const noise = Buffer.alloc(20_000);
  for (let i = 0, s = 12345; i < noise.length; i++) noise[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  await writeFile(path.join(dir, "noise.xlsx"), noise);
  await writeFile(path.join(dir, "old.xls"), compoundFile(["Workbook", "SummaryInformation"]));
  await writeFile(path.join(dir, "locked.xlsx"), compoundFile(["EncryptionInfo", "EncryptedPackage"]));
  await writeFile(path.join(dir, "empty.xlsx"), Buffer.alloc(0));
  const notExcel = new JSZip();
  notExcel.file("word/document.xml", "<w:document/>");
  await writeFile(path.join(dir, "letter.xlsx"), await notExcel.generateAsync({ type: "nodebuffer" }));
  await mkdir(path.join(dir, "a folder.xlsx"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("pmo inspect", () => {
  it("reports registers, sheets with their visibility and used range, and each table's headers as JSON", async () => {
    const run = await runCaptured(["inspect", "falcon risks.xlsx", "--json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown> & { registers: Record<string, unknown>[] };
    // Detection has its own tests; here, the contract's keys and where the register is.
    expect(report.registers).toHaveLength(1);
    expect(report.registers[0]).toMatchObject({
      sheet: "Risks",
      kind: "risk",
      headerRow: 3,
      firstRow: 4,
      lastRow: 5,
      confidence: expect.any(Number),
      columns: expect.objectContaining({ id: expect.objectContaining({ header: "Risk ID", column: "A" }), owner: expect.objectContaining({ header: "Owner", column: "C" }) }),
      drift: expect.any(Array),
    });
    expect({ ...report, registers: "checked above" }).toEqual({
      file: "falcon risks.xlsx",
      registers: "checked above",
      sheets: [
        {
          name: "Risks",
          position: 0,
          visibility: "visible",
          usedRange: "A1:E5",
          tables: [{ name: "RiskRegister", address: "A3:E5", headers: ["Risk ID", "Title", "Owner", "Likelihood", "Impact"], showTotals: false }],
        },
        { name: "Lists", position: 1, visibility: "hidden", usedRange: "A1:A3", tables: [] },
        { name: "Notes", position: 2, visibility: "visible", usedRange: null, tables: [] },
      ],
      warnings: [],
    });
  });

  it("heads a register of uncertain kind as such, and says when its best fit rests on one column", async () => {
    // A project schedule: register-shaped, but only its Notes column is any template's (a stakeholder register's Strategy).
    const file = path.join(dir, "schedule.xlsx");
    await writeFile(file, await scheduleWorkbook().save());
    const run = await runCaptured(["inspect", file]);
    expect(run.code).toBe(0);
    const block = run.stdout.split("\n\n")[1];
    expect(block).toMatch(/^ {2}Register of uncertain kind on sheet Schedule, A1:J9: headers on row 1, 8 rows below\./);
    expect(block).toMatch(/kind is uncertain \(\w+ fits best, on one column only\): confirm it or choose its kind/);
  });

  it("prints a readable, aligned summary without --json", async () => {
    const run = await runCaptured(["inspect", path.join(dir, "falcon risks.xlsx")]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const blocks = run.stdout.replace(dir, "<dir>").split("\n\n");
    expect(blocks[0]).toBe("<dir>/falcon risks.xlsx: 1 register, 3 sheets, 1 table");
    expect(blocks[1]).toMatch(
      /^ {2}Risk register on sheet Risks \(table RiskRegister\), A3:E5: headers on row 3, 2 rows below\.\n {4}5 columns recognised; confidence \d+%\./,
    );
    expect(blocks.slice(2).join("\n\n")).toBe(
      [
        "  Sheet  Visibility  Cells in use  Tables",
        "  Risks  visible     A1:E5         RiskRegister",
        "  Lists  hidden      A1:A3         -",
        "  Notes  visible     (empty)       -",
        "",
        "  Table RiskRegister on sheet Risks, A3:E5, 5 columns:",
        "    Risk ID, Title, Owner, Likelihood, Impact",
        "",
      ].join("\n"),
    );
  });

  describe("when the input cannot be read", () => {
    it.each<[string, string, RegExp]>([
      ["a missing file", "no such file.xlsx", /no file at .*no such file\.xlsx; check the name and folder/],
      ["a folder", "a folder.xlsx", /a folder\.xlsx is a folder, not a workbook/],
      ["random bytes named .xlsx", "noise.xlsx", /“noise\.xlsx” is not an Excel workbook/],
      ["an empty file", "empty.xlsx", /“empty\.xlsx” is empty \(0 bytes\)/],
      ["a truncated workbook", "truncated.xlsx", /“truncated\.xlsx” is damaged: .*Get a fresh copy/],
      ["a zip that is not a workbook", "letter.xlsx", /“letter\.xlsx” is a zip file but not an Excel workbook/],
      ["an Excel 97-2003 file", "old.xls", /“old\.xls” is an Excel 97-2003 \.xls file\. Open it in Excel and save it as \.xlsx/],
      ["a password-protected workbook", "locked.xlsx", /“locked\.xlsx” is a password-protected workbook\. .*remove the password/],
    ])("%s: names the file and what to do, exit code 2, nothing on stdout", async (_what, name, message) => {
      const before = await readdir(dir);
      for (const argv of [["inspect", name, "--json"], ["inspect", name]]) {
        const run = await runCaptured(argv, { cwd: dir });
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toMatch(/^pmo: /);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toMatch(/\n\s+at /);
        expect(run.stderr.trim().split("\n")).toHaveLength(1);
      }
      expect(await readdir(dir)).toEqual(before);
    });
  });
});

const BUILT_ENTRY = path.join(REPO, "build", "cli", "main.js");
const whenBuilt = existsSync(BUILT_ENTRY) ? it : it.skip;

describe("the installed bin", () => {
  whenBuilt(`runs the compiled CLI through bin/pmo.js${existsSync(BUILT_ENTRY) ? "" : " (skipped: build/ is missing; run npm run build:cli)"}`, async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(REPO, "bin", "pmo.js"), "inspect", path.join(dir, "falcon risks.xlsx"), "--json"]);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout) as { file: string; registers: { sheet: string; kind: string }[]; sheets: { name: string }[] };
    expect(report.registers.map((r) => [r.sheet, r.kind])).toEqual([["Risks", "risk"]]);
    expect(report.sheets.map((s) => s.name)).toEqual(["Risks", "Lists", "Notes"]);
  });

  whenBuilt("exits with code 2 and a message for a missing file", async () => {
    const failure = await promisify(execFile)(process.execPath, [path.join(REPO, "bin", "pmo.js"), "inspect", path.join(dir, "gone.xlsx"), "--json"]).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failure).toMatchObject({ code: 2, stdout: "" });
    expect(failure?.stderr).toMatch(/gone\.xlsx/);
  });
});
