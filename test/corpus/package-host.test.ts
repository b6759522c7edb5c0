/**
 * Applying a plan with the package as the truth (a model of only the cells
 * the plan needs) saves the same workbook as applying it to the whole
 * workbook model: part by part, the same text, for every corpus workbook's
 * most certain register.
 */
import JSZip from "jszip";
import { PackageHost } from "../../src/hosts/xlsx/package-host";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { applyTopRegister } from "./apply-top-register";
import { corpusBytes, corpusFiles } from "../corpus-files";

const files = corpusFiles();

async function partsOf(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const f of Object.values(zip.files)) if (!f.dir) out[f.name] = await f.async("string");
  return out;
}

describe("a plan applied over the package saves what the whole model saves", () => {
  test.each(files)("%s", async (file) => {
    const bytes = corpusBytes(file);
    const whole = await XlsxHost.open(bytes, file);
    const applied = await applyTopRegister(whole);
    if (!applied) return;
    const pkg = await PackageHost.open(bytes, file);
    const again = await applyTopRegister(pkg);
    expect(again?.sheet).toBe(applied.sheet);
    expect(await partsOf(await pkg.save())).toEqual(await partsOf(await whole.save()));
  });
});
