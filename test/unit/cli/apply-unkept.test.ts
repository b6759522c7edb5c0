import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { registerBesideArrayFormula } from "../hosts/xlsx/array-formula-workbook";
import { runCaptured } from "./capture";

let dir: string;
let original: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "pmo-unkept-"));
  original = await registerBesideArrayFormula();
});

const run = (...argv: string[]) => runCaptured(argv, { cwd: dir });

describe("pmo apply over part of an array formula", () => {
  test("--dry-run names what saving would not keep", async () => {
    await writeFile(path.join(dir, "dry.xlsx"), original);
    const r = await run("apply", "risk", "dry.xlsx", "--dry-run", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { notKept: string[]; notes: string[] };
    expect(doc.notKept).toEqual([expect.stringMatching(/“dry\.xlsx”, sheet “Risks”, F5:G5: .*array formula in F5/)]);
    expect(doc.notes).toEqual(expect.arrayContaining(doc.notKept));
    const text = await run("apply", "risk", "dry.xlsx", "--dry-run");
    expect(text.stdout).toMatch(/Notes:[\s\S]*F5:G5[\s\S]*array formula/);
  });

  test("--in-place refuses, naming file, sheet, cells and the loss, and changes nothing", async () => {
    await writeFile(path.join(dir, "refuse.xlsx"), original);
    const r = await run("apply", "risk", "refuse.xlsx", "--in-place");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refuse\.xlsx was not changed/);
    expect(r.stderr).toMatch(/sheet “Risks”, F5:G5: .*array formula/);
    expect(r.stderr).toMatch(/--accept-loss/);
    expect(await readFile(path.join(dir, "refuse.xlsx"))).toEqual(original);
    expect((await readdir(dir)).filter((f) => f.startsWith("refuse"))).toEqual(["refuse.xlsx"]);
  });

  test("--in-place --accept-loss writes (with a backup) and says what was not kept", async () => {
    await writeFile(path.join(dir, "accept.xlsx"), original);
    const r = await run("apply", "risk", "accept.xlsx", "--in-place", "--accept-loss");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/does not keep:[\s\S]*F5:G5/);
    expect(await readFile(path.join(dir, "accept.xlsx"))).not.toEqual(original);
    expect(await readFile(path.join(dir, "accept.bak.xlsx"))).toEqual(original);
  });

  test("--out writes and says on stderr what was not kept", async () => {
    await writeFile(path.join(dir, "out.xlsx"), original);
    const r = await run("apply", "risk", "out.xlsx", "--out", "out-standard.xlsx");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/out-standard\.xlsx does not keep:[\s\S]*sheet “Risks”, F5:G5/);
    expect((await readdir(dir))).toContain("out-standard.xlsx");
  });
});
