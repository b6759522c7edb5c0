/**
 * The real public workbooks kept beside the repository in ../shared/corpus.
 * Suites read them from there and never copy them into the project (they are
 * not ours to publish). A missing folder fails the suite that needs it, with
 * a message saying where to put it, rather than passing with nothing tested.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

export const CORPUS_DIR = path.resolve(__dirname, "../../shared/corpus");

/** Workbook packages, the files most suites read. */
export const WORKBOOK_FILES = /\.(xlsx|xlsm)$/i;

/** Whether the corpus is beside the repository (only the unit suite may run without it). */
export function corpusPresent(): boolean {
  return existsSync(CORPUS_DIR);
}

/** The corpus files whose names match, sorted. */
export function corpusFiles(names: RegExp = WORKBOOK_FILES): string[] {
  if (!corpusPresent()) {
    throw new Error(`The corpus folder ${CORPUS_DIR} is missing. These tests read real workbooks from ../shared/corpus next to the repository; put them there.`);
  }
  return readdirSync(CORPUS_DIR)
    .filter((f) => names.test(f))
    .sort();
}

export function corpusPath(file: string): string {
  return path.join(CORPUS_DIR, file);
}

export function corpusBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(file)));
}
