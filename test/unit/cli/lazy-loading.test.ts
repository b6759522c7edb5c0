/**
 * What `pmo` loads before it does anything: the modules reached from an entry
 * through imports that stay at run time (not `import type`, not a dynamic
 * `import()` a command body makes when it runs). ExcelJS alone costs a large
 * share of a read-only command's start, so help and read-only commands must
 * not reach it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.join(__dirname, "..", "..", "..");

function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, false);
  const out: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) continue;
      // `import { type A, type B } from "x"` is erased too.
      const named = clause?.namedBindings;
      if (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)) continue;
      out.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      out.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
}

/** Packages reached from entry at load time, with the chain of files that leads to each. */
function packagesLoadedBy(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith(".")) {
        const next = resolveLocal(file, spec);
        if (next) walk(next, [...chain, path.relative(ROOT, next)]);
      } else if (!spec.startsWith("node:")) {
        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
        if (!packages.has(name)) packages.set(name, chain);
      }
    }
  };
  walk(path.join(ROOT, entry), [entry]);
  return packages;
}

describe("what the pmo command loads", () => {
  it("walks runtime imports and sees ExcelJS where the file host is loaded", () => {
    // The check itself can fail: the file host does load ExcelJS.
    expect(packagesLoadedBy("src/hosts/xlsx/xlsx-host.ts").has("exceljs")).toBe(true);
  });

  // apply loads it only when a plan is applied (package-host.ts), never to read or plan.
  it.each(["src/cli/main.ts", "src/cli/commands/inspect.ts", "src/cli/commands/validate.ts", "src/cli/commands/templates.ts", "src/cli/commands/apply.ts"])("%s does not load ExcelJS when it starts", (entry) => {
    const chain = packagesLoadedBy(entry).get("exceljs");
    expect(chain ?? null).toBeNull();
  });

  it("walks runtime imports and sees JSZip where a package is opened with it", () => {
    expect(packagesLoadedBy("src/hosts/xlsx/calculated-columns.ts").has("jszip")).toBe(true);
  });

  // The rollup starts its workers before it loads what opens and writes its output (the package host, JSZip), and never loads ExcelJS for a new output.
  it.each(["src/cli/commands/rollup.ts", "src/cli/rollup/early-start.ts"])("%s loads neither JSZip nor ExcelJS when it starts", (entry) => {
    const loaded = packagesLoadedBy(entry);
    expect(loaded.get("jszip") ?? null).toBeNull();
    expect(loaded.get("exceljs") ?? null).toBeNull();
  });

  // A rollup worker reads each zip from its central directory (zip-directory.ts): JSZip is loaded only for an archive
  // that reader hands over, ExcelJS never.
  it("a rollup worker loads neither JSZip nor ExcelJS when it starts", () => {
    const loaded = packagesLoadedBy("src/cli/rollup/worker.ts");
    expect(loaded.get("jszip") ?? null).toBeNull();
    expect(loaded.get("exceljs") ?? null).toBeNull();
  });
});
