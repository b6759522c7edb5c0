/**
 * A file-writing job run over both file hosts, for the tests that hold the
 * package host (the package as the truth) to what the whole workbook model
 * wrote before it: the plan each host's reading gives, the package each
 * saves after the package host's plan, and which of the input's parts the
 * package host's save changed that the plan never wrote.
 */
import JSZip from "jszip";
import { METADATA_SHEET } from "../../../../src/core/metadata/schema";
import type { Plan } from "../../../../src/core/plan/plan";
import type { WorkbookHost } from "../../../../src/hosts/host";
import { PackageHost } from "../../../../src/hosts/xlsx/package-host";
import { worksheetParts } from "../../../../src/hosts/xlsx/sheet-parts";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { partsOf } from "./package-checks";

/** A job as a test drives it: its plan for the workbook a host holds, or null when it has nothing to draw there. */
export type FileJob = (host: WorkbookHost) => Promise<Plan | null>;

export interface JobOutputs {
  /** The plan read through the whole model (XlsxHost). */
  wholePlan: Plan;
  /** The plan read through the package host. */
  packagePlan: Plan;
  /** The package host's save after its plan. */
  packageSaved: Uint8Array;
  /** The whole model's save after the same plan (the package host's), so the writers are compared on equal terms. */
  wholeSaved: Uint8Array;
}

export async function runOverBothHosts(bytes: Uint8Array, fileName: string, job: FileJob): Promise<JobOutputs | null> {
  const probe = await XlsxHost.open(bytes, fileName);
  const wholePlan = await job(probe);
  if (!wholePlan) return null;
  const pkg = await PackageHost.open(bytes, fileName);
  const packagePlan = await job(pkg);
  if (!packagePlan) throw new Error(`${fileName}: the package host found nothing to plan where the whole model did`);
  await pkg.apply(packagePlan);
  const whole = await XlsxHost.open(bytes, fileName);
  await whole.apply(packagePlan);
  return { wholePlan, packagePlan, packageSaved: await pkg.save(), wholeSaved: await whole.save() };
}

/** Parts every plan that adds or writes a sheet may rewrite: the workbook, its relationships, content types, styles, shared strings, the document's sheet list. */
const WORKBOOK_PARTS = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "docProps/app.xml"]);

/** The input's parts (other than the workbook's own and the written sheets' parts, rels and tables) whose bytes differ in `saved`, or that it lost. */
export async function unwrittenPartsChanged(input: Uint8Array, saved: Uint8Array, plan: Plan): Promise<string[]> {
  const before = await JSZip.loadAsync(input);
  const after = await JSZip.loadAsync(saved);
  // A metadata edit writes the toolkit's own hidden sheet.
  const written = new Set(plan.edits.flatMap((e) => ("sheet" in e ? [e.sheet.toLowerCase()] : e.type === "setMetadata" ? [METADATA_SHEET.toLowerCase()] : [])));
  const mayChange = new Set(WORKBOOK_PARTS);
  for (const [sheet, part] of await worksheetParts(before)) {
    if (!written.has(sheet.toLowerCase())) continue;
    const rels = part.replace(/([^/]+)$/, "_rels/$1.rels");
    mayChange.add(part).add(rels);
    const relsXml = (await before.file(rels)?.async("string")) ?? "";
    for (const m of relsXml.matchAll(/Target="\.\.\/tables\/([^"]+)"/g)) mayChange.add(`xl/tables/${m[1]}`);
  }
  const changed: string[] = [];
  for (const [name, file] of Object.entries(before.files)) {
    if (file.dir || mayChange.has(name)) continue;
    const other = after.file(name);
    if (!other) {
      changed.push(`${name} (lost)`);
      continue;
    }
    const [a, b] = await Promise.all([file.async("uint8array"), other.async("uint8array")]);
    if (!Buffer.from(a).equals(Buffer.from(b))) changed.push(name);
  }
  return changed;
}

/** Both saves part by part as text, for a toEqual that names the part that differs. */
export async function bothSavesAsParts(outputs: JobOutputs): Promise<[Record<string, string>, Record<string, string>]> {
  const asRecord = async (bytes: Uint8Array) => Object.fromEntries(await partsOf(bytes));
  return [await asRecord(outputs.packageSaved), await asRecord(outputs.wholeSaved)];
}
