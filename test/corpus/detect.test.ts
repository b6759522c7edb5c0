/**
 * Register detection over the real workbooks in ../shared/corpus. The
 * expectations below come from reading each file (and SOURCES.tsv) by hand:
 * where the register is, its kind, its header row and which column holds each
 * key field. The target: the register found with the right header row and at
 * least 80% of its key columns right in at least 12 of the 15 files.
 */
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { detectRegisters, toInspectJson } from "../../src/jobs/registers/detect";
import type { DetectedRegister } from "../../src/core/detect/detect";
import { corpusBytes, corpusFiles } from "../corpus-files";


interface RegisterExpectation {
  sheet: string;
  kind: string;
  headerRow: number;
  firstRow?: number;
  lastRow?: number;
  /** field id → column letter */
  columns: Record<string, string>;
}

type Expectation =
  | { register: RegisterExpectation; also?: RegisterExpectation[] }
  | { noRegisterOn: string[] }
  | { openError: RegExp };

const EXPECTED: Record<string, Expectation> = {
  "RakeshsarmaKarra__Project-Management-Capstone-Project__Risk Register.xlsx": {
    register: {
      sheet: "Risk Register",
      kind: "risk",
      headerRow: 2,
      firstRow: 3,
      lastRow: 9, // row 10 is the merged "Total Risk Score" row
      columns: { id: "A", description: "C", owner: "E", category: "F", probability: "G", impact: "H", score: "I", response: "K" },
    },
  },
  "kunalpatil3008__infrastructure-programme-dashboard__Risk_Register.xlsx": {
    register: {
      sheet: "Risk_Register",
      kind: "risk",
      headerRow: 1,
      firstRow: 2,
      lastRow: 26,
      columns: { id: "A", dateRaised: "B", description: "E", category: "F", probability: "G", impact: "H", score: "I", owner: "L", mitigation: "M", status: "O" },
    },
  },
  "Nchaulagai__AdvancedProjectManagement__Risk Register.xlsx": {
    // The sheet is misnamed "Issue Register"; its columns make it a risk register.
    register: {
      sheet: "Issue Register",
      kind: "risk",
      headerRow: 1,
      lastRow: 4, // rows 5-7 hold only an ID
      columns: { id: "A", title: "B", status: "D", dateRaised: "E", dateClosed: "G", owner: "I", actionee: "J", probability: "N", impact: "O", proximity: "P", response: "S", description: "T" },
    },
  },
  "LysinKirill__SoftwareProjectManagement__Лысин_RiskRegister.xlsx": {
    register: {
      sheet: "Реестр рисков",
      kind: "risk",
      headerRow: 4,
      firstRow: 5,
      lastRow: 14, // rs-11..rs-26 are placeholders with only the id and the level formula
      columns: { id: "A", status: "B", impact: "C", probability: "D", score: "E", description: "F", category: "H", response: "K", owner: "L" },
    },
  },
  "ziad-samer__Project-Management__Risk management.xlsx": {
    register: {
      sheet: "Sheet1",
      kind: "risk",
      headerRow: 1,
      lastRow: 7, // the last record is merged over rows 6-7
      columns: { description: "A", probability: "E", impact: "F", score: "G", response: "H", mitigation: "I", owner: "M", status: "N" },
    },
  },
  "drogoXX__QCRA__risk_register.csv": {
    register: {
      sheet: "drogoXX__QCRA__risk_register",
      kind: "risk",
      headerRow: 1,
      lastRow: 53,
      // The second "Likelihood" is the residual one.
      columns: { id: "A", description: "B", probability: "D", residualProbability: "H" },
    },
  },
  "GeorgeAlex-M__software-testing-repo__Risk_Register.xlsm": {
    register: {
      sheet: "Risk Register - Heuristics",
      kind: "risk",
      headerRow: 5, // rows 3-4 are group rows
      columns: { id: "D", dateRaised: "E", description: "G", owner: "I", probability: "K", impact: "L", score: "M", response: "P", residualScore: "Q", mitigation: "S", contingency: "T" },
    },
    also: [
      { sheet: "Risk Register Quality Dimension", kind: "risk", headerRow: 5, columns: { id: "D", probability: "K", impact: "L" } },
      { sheet: "Risk Register Quality Criteria", kind: "risk", headerRow: 5, columns: { id: "E", probability: "L", impact: "M" } },
    ],
  },
  "truongpv85__Template_Update__Risk Register Template.xls": { openError: /Excel 97-2003 \.xls.*save it as \.xlsx/ },
  "Nchaulagai__AdvancedProjectManagement__Issue Register.xlsx": {
    register: {
      sheet: "Issue Register",
      kind: "issue",
      headerRow: 1,
      lastRow: 6,
      columns: { id: "A", title: "B", type: "C", status: "D", priority: "E", severity: "F", dateRaised: "G", dateClosed: "J", raisedBy: "K", description: "N" },
    },
  },
  "Rajin40__PROGRAM-FINANCE-DASHB-OARD-IMPLEMENTATION__Budget Tracker.xlsx": {
    // Finance lines in the Excel table "Table_source": cost code (WBS), period, amount.
    register: { sheet: "Cleaning data", kind: "ledger", headerRow: 3, lastRow: 614, columns: { period: "B", costCode: "D", description: "E", amount: "G" } },
    also: [{ sheet: "Source", kind: "ledger", headerRow: 3, columns: { period: "B", costCode: "D", amount: "G" } }],
  },
  "HazemHamada__Software-Project-Managment-project__Earned Value.xlsx": {
    register: { sheet: "EV data", kind: "evm", headerRow: 4, firstRow: 5, lastRow: 15, columns: { workPackage: "A", pv: "N", ev: "R" } },
  },
  "divyakeloth21-sketch__PMO-templates-toolkit__Project_KPI_Dashboard.xlsx": {
    register: { sheet: "Milestone Tracker", kind: "milestone", headerRow: 1, lastRow: 5, columns: { milestone: "A", baselineDate: "B", status: "C", owner: "D" } },
    also: [{ sheet: "Dashboard Overview", kind: "budget", headerRow: 1, columns: { project: "A", budget: "D", actual: "E", variance: "F" } }],
  },
  "truongpv85__Template_Update__Non-Agile_Report_Template.xlsx": {
    // A one-page status report form: label:value cells and glyph matrices, no register.
    noRegisterOn: ["Report"],
  },
  "RakeshsarmaKarra__Project-Management-Capstone-Project__Stakeholder Register.xlsx": {
    register: {
      sheet: " Stakeholder Register Template ",
      kind: "stakeholder",
      headerRow: 2,
      firstRow: 3,
      lastRow: 8, // blank rows 9-14, then the RACI legend
      columns: { name: "A", organisation: "B", role: "C" },
    },
  },
  "mandieannlyons__PM-5-Basics__Change Log.xlsx": {
    register: {
      sheet: "Log",
      kind: "change",
      headerRow: 1,
      firstRow: 3, // row 2 is an instructions row
      columns: { id: "A", dateRaised: "B", requestedBy: "D", description: "F", costImpact: "G", scheduleImpactDays: "H", status: "J" },
    },
  },
};

interface Outcome {
  file: string;
  found: boolean;
  headerRowOk: boolean | null;
  columnsRight: number | null;
  note: string;
}

const outcomes: Outcome[] = [];

function columnsRightShare(reg: DetectedRegister, expected: Record<string, string>): number {
  const fields = Object.keys(expected);
  const right = fields.filter((f) => reg.columns[f]?.column === expected[f]).length;
  return right / fields.length;
}

function findRegister(regs: DetectedRegister[], e: RegisterExpectation): DetectedRegister | undefined {
  return regs.find((r) => r.sheet === e.sheet && r.kind === e.kind);
}

{
  const files = corpusFiles(/^(?!SOURCES\.tsv$)[^.]/);

  test("every corpus file has an expectation, and every expectation a file", () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(Object.entries(EXPECTED))("%s", (file, expectation) => {
    test("detection matches the hand-read expectation", async () => {
      const bytes = corpusBytes(file);
      if ("openError" in expectation) {
        await expect(XlsxHost.open(bytes, file)).rejects.toThrow(expectation.openError);
        outcomes.push({ file, found: false, headerRowOk: null, columnsRight: null, note: "clear .xls error" });
        return;
      }
      const host = await XlsxHost.open(bytes, file);
      const regs = await detectRegisters(host);
      // The CLI's document must be plain JSON.
      expect(JSON.parse(JSON.stringify(toInspectJson(file, regs))).registers).toHaveLength(regs.length);
      if ("noRegisterOn" in expectation) {
        const wrong = regs.filter((r) => expectation.noRegisterOn.includes(r.sheet));
        outcomes.push({ file, found: false, headerRowOk: null, columnsRight: null, note: wrong.length ? "UNEXPECTED register" : "no register (as expected)" });
        expect(wrong).toEqual([]);
        return;
      }
      const e = expectation.register;
      const reg = findRegister(regs, e);
      const share = reg ? columnsRightShare(reg, e.columns) : 0;
      outcomes.push({ file, found: !!reg, headerRowOk: reg ? reg.headerRow === e.headerRow : false, columnsRight: share, note: reg ? `${reg.kind} on '${reg.sheet}', conf ${reg.confidence}` : "not found" });
      expect(reg).toBeDefined();
      if (!reg) return;
      expect(reg.headerRow).toBe(e.headerRow);
      if (e.firstRow !== undefined) expect(reg.firstRow).toBe(e.firstRow);
      if (e.lastRow !== undefined) expect(reg.lastRow).toBe(e.lastRow);
      expect(share).toBeGreaterThanOrEqual(0.8);
      for (const other of expectation.also ?? []) {
        const o = findRegister(regs, other);
        expect(o).toBeDefined();
        expect(o?.headerRow).toBe(other.headerRow);
        if (o) expect(columnsRightShare(o, other.columns)).toBeGreaterThanOrEqual(0.8);
      }
    });
  });

  afterAll(() => {
    const pct = (n: number | null) => (n === null ? "-" : `${Math.round(n * 100)}%`);
    const yes = (b: boolean | null) => (b === null ? "-" : b ? "yes" : "NO");
    const lines = [
      "| file | found? | header row ok? | % columns right | note |",
      "|---|---|---|---|---|",
      ...outcomes.sort((a, b) => a.file.localeCompare(b.file)).map((o) => `| ${o.file} | ${yes(o.found)} | ${yes(o.headerRowOk)} | ${pct(o.columnsRight)} | ${o.note} |`),
    ];
    const good = outcomes.filter((o) => (o.found && o.headerRowOk && (o.columnsRight ?? 0) >= 0.8) || o.note === "no register (as expected)" || o.note === "clear .xls error").length;
    lines.push("", `${good} of ${outcomes.length} files as expected (target: the register right in at least 12 of 15).`);
    process.stdout.write("\nCorpus detection results\n" + lines.join("\n") + "\n");
  });
}
