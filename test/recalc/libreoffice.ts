/**
 * Recalculates a workbook in LibreOffice, an engine independent of ours, so
 * tests can compare the results of the formulas we write with what `core`
 * computes. LibreOffice keeps cached results of xlsx files unless a profile
 * sets OOXMLRecalcMode to 0 ("always recalculate"), so each run gets a
 * throwaway profile that says so.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function sofficePath(): string | null {
  const candidates = [process.env.SOFFICE_PATH, "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"];
  for (const c of candidates) {
    if (c && require("node:fs").existsSync(c)) return c;
  }
  return null;
}

/** Returns the bytes of the workbook after LibreOffice opened, recalculated and saved it as xlsx. */
export async function recalculate(xlsx: Uint8Array, name = "book.xlsx"): Promise<Uint8Array> {
  return convertInLibreOffice(xlsx, name, "xlsx");
}

/** The workbook opened (and recalculated) in LibreOffice and saved as xlsx or exported as PDF; throws when LibreOffice fails. */
export async function convertInLibreOffice(xlsx: Uint8Array, name: string, target: "xlsx" | "pdf"): Promise<Uint8Array> {
  const [out] = await convertManyInLibreOffice([{ bytes: xlsx, name }], target);
  return out;
}

/**
 * Several workbooks recalculated in one LibreOffice run, in the order given:
 * each run costs a second or more of start-up (several on a busy machine), so
 * a test comparing a workbook before and after is one run, not two. Names
 * must differ, as the outputs share a folder.
 */
export async function recalculateMany(books: { bytes: Uint8Array; name: string }[]): Promise<Uint8Array[]> {
  return convertManyInLibreOffice(books, "xlsx");
}

async function convertManyInLibreOffice(books: { bytes: Uint8Array; name: string }[], target: "xlsx" | "pdf"): Promise<Uint8Array[]> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui");
  const outputs = books.map((b) => b.name.replace(/\.\w+$/, `.${target}`));
  if (new Set(outputs).size !== outputs.length) throw new Error(`workbooks converted together need different names: ${books.map((b) => b.name).join(", ")}`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pmo-recalc-"));
  try {
    const profile = path.join(dir, "profile");
    await fs.mkdir(path.join(profile, "user"), { recursive: true });
    await fs.writeFile(path.join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
    const inDir = path.join(dir, "in");
    const outDir = path.join(dir, "out");
    await fs.mkdir(inDir, { recursive: true });
    const inputs = books.map((b) => path.join(inDir, b.name));
    await Promise.all(books.map((b, i) => fs.writeFile(inputs[i], b.bytes)));
    await run(
      soffice,
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", target === "pdf" ? "pdf" : "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, ...inputs],
      { timeout: 120_000 * books.length },
    );
    return Promise.all(outputs.map(async (o) => new Uint8Array(await fs.readFile(path.join(outDir, o)))));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
