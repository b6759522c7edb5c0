import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { XlsxHost } from "../../../src/hosts/xlsx/xlsx-host";
import { messyRiskRegister } from "../jobs/messy-register";
import { runCaptured } from "./capture";

let dir: string;
let original: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "pmo-apply-"));
  const messy = await messyRiskRegister(4);
  await writeFile(path.join(dir, "risks.xlsx"), messy.bytes);
  original = await readFile(path.join(dir, "risks.xlsx"));
});

const run = (...argv: string[]) => runCaptured(argv, { cwd: dir });

interface DryRun {
  edits: { type: string; description: string }[];
  drift: { code: string; field: string; cells?: string[] }[];
}

describe("pmo apply --dry-run --json", () => {
  test("lists every edit with its type and description and writes nothing", async () => {
    const r = await run("apply", "risk", "risks.xlsx", "--dry-run", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as DryRun;
    expect(doc.edits.length).toBeGreaterThan(3);
    for (const e of doc.edits) {
      expect(typeof e.type).toBe("string");
      expect(e.description.length).toBeGreaterThan(5);
    }
    expect(doc.edits.map((e) => e.type)).toEqual(expect.arrayContaining(["createTable", "addTableColumns", "setDataValidation", "setMetadata"]));
    expect(doc.drift).toContainEqual(expect.objectContaining({ code: "value_not_allowed", field: "status" }));
    expect(await readFile(path.join(dir, "risks.xlsx"))).toEqual(original);
    expect((await readdir(dir)).sort()).toEqual(["risks.xlsx"]);
  });
});

describe("pmo apply --out", () => {
  test("writes the new file, leaves the input alone, and the output then plans no edits", async () => {
    const r = await run("apply", "risk", "risks.xlsx", "--out", "standard.xlsx");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Wrote");
    expect(await readFile(path.join(dir, "risks.xlsx"))).toEqual(original);
    const host = await XlsxHost.open(await readFile(path.join(dir, "standard.xlsx")), "standard.xlsx");
    const outline = await host.outline({ previewRows: 0 });
    expect(outline.sheets.flatMap((s) => s.tables.map((t) => t.name))).toEqual(["RiskRegister"]);
    expect(outline.metadata.registers).toEqual([expect.objectContaining({ templateId: "risk", templateVersion: "1.1.0", table: "RiskRegister" })]);

    const again = await run("apply", "risk", "standard.xlsx", "--dry-run", "--json");
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as DryRun).edits).toEqual([]);
  });

  test("refuses --out naming the input itself", async () => {
    const r = await run("apply", "risk", "risks.xlsx", "--out", "./risks.xlsx");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the input workbook; use --in-place/);
    expect(await readFile(path.join(dir, "risks.xlsx"))).toEqual(original);
  });

  test("asks where to write when neither --out nor --in-place is given", async () => {
    const r = await run("apply", "risk", "risks.xlsx");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out FILE for a new file, or --in-place/);
  });
});

describe("pmo apply --in-place", () => {
  test("keeps a backup of the original and changes the workbook itself", async () => {
    await writeFile(path.join(dir, "inplace.xlsx"), original);
    const r = await run("apply", "risk", "inplace.xlsx", "--in-place", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { backup: string; output: string };
    expect(path.basename(doc.backup)).toBe("inplace.bak.xlsx");
    expect(await readFile(doc.backup)).toEqual(original);
    expect(await readFile(path.join(dir, "inplace.xlsx"))).not.toEqual(original);
    // Once standard, an in-place apply changes nothing and keeps no second backup.
    const again = await run("apply", "risk", "inplace.xlsx", "--in-place");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already follows");
    expect((await readdir(dir)).filter((f) => f.startsWith("inplace"))).toHaveLength(2);
  });
});

describe("templates that cannot be used", () => {
  test("a bad template file is refused with the field named", async () => {
    await writeFile(
      path.join(dir, "bad.json"),
      JSON.stringify({ id: "acme-risk", extends: "risk", columns: [{ id: "costCentre", header: "Cost Centre", type: "strin" }] }),
    );
    const r = await run("apply", "bad.json", "risks.xlsx", "--dry-run");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("columns[0].type");
    expect(r.stderr).toContain("not a column type");
  });

  test("an unknown id names the built-in ones", async () => {
    const r = await run("apply", "riks", "risks.xlsx", "--dry-run");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/“riks” is neither a built-in template \(risk, issue/);
  });

  test("a custom template's extra column is added", async () => {
    await writeFile(
      path.join(dir, "acme.json"),
      JSON.stringify({ id: "acme-risk", extends: "risk", columns: [{ id: "costCentre", header: "Cost Centre", type: "text" }] }),
    );
    const r = await run("apply", "acme.json", "risks.xlsx", "--dry-run", "--json");
    expect(r.code).toBe(0);
    const add = (JSON.parse(r.stdout) as DryRun).edits.find((e) => e.type === "addTableColumns") as unknown as { columns: { header: string }[] };
    expect(add.columns.map((c) => c.header)).toContain("Cost Centre");
  });
});

describe("pmo templates", () => {
  test("--json lists the catalogue with columns", async () => {
    const r = await run("templates", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { templates: { id: string; columns: { id: string; formula?: string }[] }[] };
    expect(doc.templates.map((t) => t.id)).toEqual(expect.arrayContaining(["risk", "issue", "raid", "budget", "evm", "ledger"]));
    expect(doc.templates.find((t) => t.id === "risk")?.columns.find((c) => c.id === "score")?.formula).toBe("=[probability]*[impact]");
  });
});
