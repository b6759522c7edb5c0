/**
 * The toolkit never runs generated code: zod v4 would compile object parsers
 * with `new Function` where the platform allows it. Every schema module sets
 * it jitless first (core/zod-setup.ts), so neither building nor using the
 * schemas ever calls the Function constructor.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";

const SRC = path.resolve(__dirname, "../../../src");

describe("no generated code", () => {
  it("builds and uses every schema without calling the Function constructor", () => {
    // A fresh process, so no schema was built before Function is watched.
    const script = `
      const calls = [];
      const Real = Function;
      globalThis.Function = new Proxy(Real, { construct(t, a) { calls.push(a); return Reflect.construct(t, a); }, apply(t, s, a) { calls.push(a); return Reflect.apply(t, s, a); } });
      const { checkPlan } = require(${JSON.stringify(path.join(SRC, "core/plan/plan.ts"))});
      const { readSettings } = require(${JSON.stringify(path.join(SRC, "core/metadata/settings.ts"))});
      const { commands } = require(${JSON.stringify(path.join(SRC, "cli/commands.ts"))});
      const plan = checkPlan({ title: "t", edits: [{ type: "addSheet", sheet: "A" }] });
      if (!plan.ok) throw new Error("plan refused: " + plan.error.join("; "));
      for (let i = 0; i < 5; i++) if (!checkPlan({ title: "t", edits: [{ type: "setCells", sheet: "A", cells: [[i, "x", { formula: "=1+" + i }]], address: "A1:C1" }] }).ok) throw new Error("cells refused");
      readSettings({ riskBands: "standard" });
      process.stdout.write(JSON.stringify({ calls: calls.length, commands: Object.keys(commands).length }));
    `;
    const out = execFileSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: path.resolve(SRC, ".."), encoding: "utf8" });
    const { calls, commands } = JSON.parse(out) as { calls: number; commands: number };
    expect(commands).toBeGreaterThan(0);
    expect(calls).toBe(0);
  });

  it("every module that imports zod sets it up first", () => {
    const modules = execFileSync("grep", ["-rl", 'from "zod', SRC], { encoding: "utf8" }).trim().split("\n");
    expect(modules.length).toBeGreaterThan(5);
    for (const m of modules) {
      if (m.endsWith("zod-setup.ts")) continue;
      const text = readFileSync(m, "utf8");
      const firstImport = /^import .*$/m.exec(text)?.[0];
      expect({ module: path.relative(SRC, m), firstImport }).toEqual({ module: path.relative(SRC, m), firstImport: expect.stringMatching(/^import "(\.\.?\/)+(core\/)?zod-setup";$/) });
    }
  });
});
