/**
 * The dev server's certificate: created offline on first start, reused after,
 * and a half-deleted folder gets a message saying what to do. Runs in a child
 * process with its own HOME so the real ~/.office-addin-dev-certs is untouched.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const script = path.resolve(__dirname, "../../../scripts/dev-certs.js");

function loadIn(home: string): { ok: boolean; created?: boolean; sizes?: number[]; error?: string } {
  const code = `
    require(${JSON.stringify(script)}).loadDevCertificates().then(
      (c) => console.log(JSON.stringify({ ok: true, created: c.created, sizes: [c.ca.length, c.cert.length, c.key.length] })),
      (e) => console.log(JSON.stringify({ ok: false, error: e.message })),
    );`;
  const run = spawnSync(process.execPath, ["-e", code], { env: { ...process.env, HOME: home, USERPROFILE: home }, encoding: "utf8" });
  const last = run.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as ReturnType<typeof loadIn>;
}

describe("loadDevCertificates", () => {
  let home: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "pmo-home-"));
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it("creates the three files on first use, then reuses them", () => {
    const first = loadIn(home);
    expect(first).toMatchObject({ ok: true, created: true });
    const dir = path.join(home, ".office-addin-dev-certs");
    expect(fs.readdirSync(dir).sort()).toEqual(["ca.crt", "localhost.crt", "localhost.key"]);
    expect(fs.readFileSync(path.join(dir, "localhost.crt"), "utf8")).toContain("BEGIN CERTIFICATE");
    for (const size of first.sizes!) expect(size).toBeGreaterThan(500);

    const second = loadIn(home);
    expect(second).toMatchObject({ ok: true, created: false, sizes: first.sizes });
  });

  it("says to delete an incomplete certificate folder rather than guessing", () => {
    const dir = path.join(home, ".office-addin-dev-certs");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "ca.crt"), "left over");
    const result = loadIn(home);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/incomplete \(missing localhost\.crt, localhost\.key\)/);
    expect(result.error).toMatch(/Delete the folder and run npm start again/);
  });
});
