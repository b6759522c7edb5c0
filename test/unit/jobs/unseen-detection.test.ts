/**
 * Detection on workbooks shaped like a new user's (see unseen-workbooks.ts):
 * every register found where it is, none absorbing what lies below or
 * beside it, and key columns right. The figures are printed so a change in
 * detection shows what it gained or lost.
 */
import { XlsxHost } from "../../../src/hosts/xlsx/xlsx-host";
import { detectRegisters } from "../../../src/jobs/registers/detect";
import type { DetectedRegister } from "../../../src/core/detect/detect";
import { heldOutWorkbooks, unseenWorkbooks, type ExpectedRegister, type UnseenWorkbook } from "./unseen-workbooks";

interface Score {
  found: number;
  registers: number;
  columnsRight: number;
  columns: number;
  lines: string[];
}

function sameRegister(e: ExpectedRegister, r: DetectedRegister): boolean {
  return r.sheet === e.sheet && r.headerRow === e.headerRow && r.firstColumn === e.firstColumn;
}

function kindRight(e: ExpectedRegister, r: DetectedRegister): boolean {
  if (e.kind === "*") return r.uncertainKind === true || r.confidence < 0.6;
  return r.kind === e.kind && (!e.templateId || r.templateId === e.templateId);
}

async function score(books: UnseenWorkbook[]): Promise<Score> {
  const s: Score = { found: 0, registers: 0, columnsRight: 0, columns: 0, lines: [] };
  for (const book of books) {
    const host = await XlsxHost.open(book.bytes, `${book.name}.xlsx`);
    const found = await detectRegisters(host);
    for (const e of book.registers) {
      s.registers++;
      const r = found.find((x) => sameRegister(e, x));
      const keys = Object.entries(e.columns);
      s.columns += keys.length;
      if (!r) {
        s.lines.push(`| ${book.name} | ${e.sheet} | ${e.kind} | NOT FOUND | 0/${keys.length} | ${found.map((x) => `${x.kind}@${x.sheet}!${x.headerRow}`).join(", ")} |`);
        continue;
      }
      const ok = kindRight(e, r) && r.lastRow === e.lastRow && r.lastColumn === e.lastColumn;
      if (ok) s.found++;
      const right = keys.filter(([f, col]) => r.columns[f]?.column === col).length;
      s.columnsRight += right;
      const wrong = keys.filter(([f, col]) => r.columns[f]?.column !== col).map(([f]) => `${f}→${r.columns[f]?.column ?? "-"}`);
      s.lines.push(
        `| ${book.name} | ${e.sheet} | ${e.kind} | ${ok ? "yes" : `no (${r.kind}/${r.templateId} rows ${r.firstRow}-${r.lastRow} cols ${r.firstColumn}-${r.lastColumn})`} | ${right}/${keys.length} | ${wrong.join(" ")} |`,
      );
    }
  }
  return s;
}

describe("detection on workbooks it has not seen", () => {
  test("finds every register with its extent and kind, and at least 90% of key columns", async () => {
    const s = await score(await unseenWorkbooks());
    const pct = Math.round((100 * s.columnsRight) / s.columns);
    console.log(
      ["| workbook | sheet | kind | found? | key columns | wrong |", "|---|---|---|---|---|---|", ...s.lines, `${s.found} of ${s.registers} registers found; ${s.columnsRight} of ${s.columns} key columns right (${pct}%)`].join("\n"),
    );
    expect(s.found).toBe(s.registers);
    expect(s.columnsRight / s.columns).toBeGreaterThanOrEqual(0.9);
  });
});

describe("detection on a held-out set, never tuned against", () => {
  test("finds most registers and most key columns (figures printed)", async () => {
    const s = await score(await heldOutWorkbooks());
    const pct = Math.round((100 * s.columnsRight) / s.columns);
    console.log(["| workbook | sheet | kind | found? | key columns | wrong |", "|---|---|---|---|---|---|", ...s.lines, `held out: ${s.found} of ${s.registers} registers found; ${s.columnsRight} of ${s.columns} key columns right (${pct}%)`].join("\n"));
    expect(s.found / s.registers).toBeGreaterThanOrEqual(0.75);
    expect(s.columnsRight / s.columns).toBeGreaterThanOrEqual(0.75);
  });
});
