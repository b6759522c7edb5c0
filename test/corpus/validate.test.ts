/**
 * Validation over every register the registers job finds in the real
 * workbooks of ../shared/corpus. Each file is checked without error; every
 * finding sits inside its register; and the findings below were read by hand
 * against the files and hold.
 */
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { parseRange } from "../../src/core/grid/address";
import { validateWorkbook, type ValidationReport } from "../../src/jobs/validation/validate";
import { corpusBytes, corpusFiles } from "../corpus-files";

const AS_OF = new Date(2026, 10, 30);
const files = corpusFiles(/\.(xlsx|xlsm|csv)$/i);
const reports = new Map<string, ValidationReport>();

beforeAll(async () => {
  for (const f of files) {
    const host = await XlsxHost.open(corpusBytes(f), f);
    reports.set(f, await validateWorkbook(host, { today: AS_OF }));
  }
});

function findings(fileStart: string) {
  const entry = [...reports.entries()].find(([f]) => f.startsWith(fileStart));
  if (!entry) throw new Error(`no corpus file starts with ${fileStart}`);
  return entry[1].findings.map((f) => `${f.sheet}!${f.cell} ${f.rule} ${f.severity}: ${f.message}`);
}

(files.length ? describe : describe.skip)("validation over the corpus", () => {
  test("every finding lies inside a register that was checked", () => {
    for (const [file, report] of reports) {
      for (const f of report.findings) {
        const inside = report.registers.some((r) => {
          const range = parseRange(r.range);
          return !r.skipped && r.sheet === f.sheet && range && f.row >= range.top && f.row <= range.bottom;
        });
        expect({ file, cell: `${f.sheet}!${f.cell}`, inside }).toEqual({ file, cell: `${f.sheet}!${f.cell}`, inside: true });
      }
    }
  });

  test("a list value in another case gets its safe fix (issue types)", () => {
    expect(findings("Nchaulagai__AdvancedProjectManagement__Issue Register")).toContain(
      "Issue Register!C2 allowed warning: Type “Request for Change” is written differently from the list. Fix: write “Request for change”.",
    );
  });

  test("an amount in another currency is flagged and left alone", () => {
    const report = [...reports.entries()].find(([f]) => f.startsWith("drogoXX"))?.[1];
    const chf = report?.findings.find((f) => f.problem.code === "amount_as_text" && f.problem.currency === "CHF");
    expect(chf?.fix).toBeUndefined();
    expect(chf?.message).toMatch(/an amount in CHF where the workbook counts in GBP/);
  });

  test("rows numbered in advance are not records with every field missing; a started row is", () => {
    const george = findings("GeorgeAlex-M").filter((f) => f.includes("required"));
    expect(george.filter((f) => f.startsWith("Risk Register - Heuristics!"))).toEqual([
      "Risk Register - Heuristics!G6 required error: Risk Description is empty; every row needs one.",
      "Risk Register - Heuristics!K6 required error: Probability of occurring (1 - 5) is empty; every row needs one.",
      "Risk Register - Heuristics!L6 required error: Impact of the consequences (1 - 5) is empty; every row needs one.",
    ]);
  });

  test("a high risk with no owner is found; second lines of a plan are not records", () => {
    const ziad = findings("ziad-samer");
    expect(ziad).toContain("Sheet1!M6 high-risk-owner error: A high risk needs an owner; Risk owner is empty.");
    expect(ziad.filter((f) => /!\w+3 /.test(f))).toEqual([]);
  });
});
