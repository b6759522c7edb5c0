/**
 * The optional rule and look reads of the port, held to one meaning on both
 * hosts, and what they are for: the register job planning nothing the second
 * time it applies a template, in Excel as from a file. Plus the whole job's
 * syncs through the Excel host as the register grows.
 */
import { columnLetter, formatRange, parseRange } from "../../src/core/grid/address";
import type { Edit } from "../../src/core/plan/edits";
import { builtInTemplate } from "../../src/core/templates/catalogue";
import type { WorkbookHost } from "../../src/hosts/host";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { messyRiskRegister } from "../unit/jobs/messy-register";
import { fractionRiskRegister, type FractionStyle } from "../unit/jobs/fraction-register";
import { measureRegisterJob, type JobMeasure } from "./fake-excel/measure";
import { expectAllAgree, HOST_KINDS, hostFrom, isExcel, type HostKind } from "./hosts-under-test";
import { scaledRiskRegister, seedFromXlsx } from "./register-seeds";
import type { WorkbookSeed } from "./workbook-seed";

const KINDS: HostKind[] = HOST_KINDS;
const risk = builtInTemplate("risk");
if (!risk) throw new Error("the catalogue has no risk template");

const register: WorkbookSeed = {
  sheets: [
    {
      name: "Risk Log",
      origin: "B1",
      rows: [
        ["Programme Alpha — risk log", null, null, null, null, null],
        [null, null, null, null, null, null],
        ["ID", "Status", "Likelihood", "Impact", "Score", "Raised"],
        ["R-01", "Open", 3, 4, { formula: "=D4*E4" }, 45300],
        ["R-02", "Closed", 2, 5, { formula: "=D5*E5" }, 45310],
        ["R-03", "Open", 4, 2, { formula: "=D6*E6" }, 45320],
        ["R-04", "Monitoring", 5, 5, 25, 45330],
      ],
      merges: ["B1:G1"],
    },
    { name: "Lists", rows: [["Status"], ["Open"], ["Monitoring"], ["Closed"]] },
  ],
};

const rulesPlan: Edit[] = [
  { type: "setDataValidation", sheet: "Risk Log", address: "C4:C7", validation: { rule: { kind: "listRange", source: "=Lists!$A$2:$A$4" }, allowBlank: true, prompt: "Pick a status" } },
  { type: "setDataValidation", sheet: "Risk Log", address: "D4:D7", validation: { rule: { kind: "wholeNumber", operator: "between", formula1: 1, formula2: 5 }, allowBlank: false, errorMessage: "1 to 5" } },
  // Impact: a drop-down on some cells only, another on one cell: a mixture.
  { type: "setDataValidation", sheet: "Risk Log", address: "E4:E5", validation: { rule: { kind: "list", values: ["1", "2", "3", "4", "5"] }, allowBlank: true } },
  { type: "setDataValidation", sheet: "Risk Log", address: "E7", validation: { rule: { kind: "list", values: ["5"] }, allowBlank: true } },
  { type: "setDataValidation", sheet: "Risk Log", address: "G4:G7", validation: { rule: { kind: "date", operator: "greaterThan", formula1: 45000 }, allowBlank: true } },
  {
    type: "replaceConditionalFormats",
    sheet: "Risk Log",
    address: "F4:F7",
    rules: [
      { kind: "cellValue", operator: "between", formula1: "1", formula2: "4", fill: "#C6EFCE" },
      { kind: "cellValue", operator: "between", formula1: "5", formula2: "12", fill: "#FFEB9C" },
      { kind: "cellValue", operator: "greaterThanOrEqual", formula1: "15", fill: "#FFC7CE", fontColor: "#9C0006" },
    ],
  },
  { type: "replaceConditionalFormats", sheet: "Risk Log", address: "B4:C7", rules: [{ kind: "expression", formula: "=$F4>=15", fill: "#FFC7CE" }] },
  { type: "replaceConditionalFormats", sheet: "Risk Log", address: "D6:D7", rules: [{ kind: "expression", formula: "=$D6>4", fontColor: "#FF0000" }] },
  { type: "setStyle", sheet: "Risk Log", address: "B3:F3", style: { bold: true, fill: "#DDEBF7", wrapText: true } },
  { type: "setStyle", sheet: "Risk Log", address: "G3", style: { bold: true } },
];

const bodyColumns = ["B", "C", "D", "E", "F", "G"].map((c) => `${c}4:${c}7`);

/**
 * Rules and looks as both hosts must agree on them. Rules sharing an area are
 * compared in order (their priority); areas are put in address order, since
 * Excel lists them by priority (a rule added later goes on top) and the xlsx
 * host in the order the file keeps them, and no job reads across areas.
 */
async function rulesAndLooks(host: WorkbookHost, sheet: string, addresses: string[], header: string) {
  if (!host.readRules || !host.readLooks) throw new Error("the host does not read rules and looks");
  const rules = (await host.readRules(sheet, addresses)).map((r) => ({
    ...r,
    conditionalFormats: [...r.conditionalFormats].sort((a, b) => a.address.localeCompare(b.address)),
  }));
  return { rules, looks: await host.readLooks(sheet, header) };
}

describe("both hosts read rules and looks alike", () => {
  test("validations (range lists, numbers, dates, mixtures), colour rules and a styled header written by a plan", async () => {
    const read = [];
    for (const kind of KINDS) {
      const h = await hostFrom(kind, register);
      await h.host.apply({ title: "rules", edits: rulesPlan });
      read.push(await rulesAndLooks(h.host, "Risk Log", [...bodyColumns, "B4:G7", "H4:H7"], "B3:H3"));
    }
    expectAllAgree(read);
    const [excel] = read;

    // What they agree on is what was written, not an empty answer.
    const byAddress = new Map(excel?.rules.map((r) => [r.address, r]));
    expect(byAddress.get("C4:C7")?.validation).toEqual({ rule: { kind: "listRange", source: "=Lists!$A$2:$A$4" }, allowBlank: true, prompt: "Pick a status" });
    expect(byAddress.get("D4:D7")?.validation).toEqual({ rule: { kind: "wholeNumber", operator: "between", formula1: 1, formula2: 5 }, allowBlank: false, errorMessage: "1 to 5" });
    expect(byAddress.get("E4:E7")?.validation).toBe("mixed");
    expect(byAddress.get("G4:G7")?.validation).toEqual({ rule: { kind: "date", operator: "greaterThan", formula1: 45000 }, allowBlank: true });
    expect(byAddress.get("B4:G7")?.validation).toBe("mixed");
    expect(byAddress.get("H4:H7")).toEqual({ address: "H4:H7", validation: null, conditionalFormats: [] });
    expect(byAddress.get("F4:F7")?.conditionalFormats).toEqual([{ address: "F4:F7", rules: (rulesPlan[5] as Extract<Edit, { type: "replaceConditionalFormats" }>).rules }]);
    expect(byAddress.get("D4:D7")?.conditionalFormats).toEqual([{ address: "D6:D7", rules: [{ kind: "expression", formula: "=$D6>4", fontColor: "#FF0000" }] }]);
    expect(byAddress.get("B4:G7")?.conditionalFormats.map((c) => c.address)).toEqual(["B4:C7", "D6:D7", "F4:F7"]);
    const styled = { bold: true, fill: "#DDEBF7", wrapText: true };
    expect(excel?.looks).toEqual([[styled, styled, styled, styled, styled, { bold: true, fill: null, wrapText: false }, { bold: false, fill: null, wrapText: false }]]);
  });
});

/** Hides the optional reads, as a host without them would be. */
function withoutRuleReads(host: WorkbookHost): WorkbookHost {
  return { outline: host.outline.bind(host), read: host.read.bind(host), apply: host.apply.bind(host) };
}

const MESSY_SEEDS = [1, 2, 3, 4, 5, 6];
/** Registers whose levels are fractions: their band formulas and Score colours work on the levels, and must read back as written too. */
const FRACTION_SEEDS: [FractionStyle, number][] = [
  ["pmbok", 2],
  ["percent", 3],
  ["percentText", 6],
  ["wordImpact", 8],
];

describe("the register job applies a template once: the second plan is empty", () => {
  const seeds: [string, () => Promise<WorkbookSeed>][] = [
    ["a 40-row register with title rows, user formulas and a legend", async () => scaledRiskRegister(40)],
    ...MESSY_SEEDS.map((n): [string, () => Promise<WorkbookSeed>] => [`generated messy register ${n}`, async () => seedFromXlsx((await messyRiskRegister(n)).bytes)]),
    ...FRACTION_SEEDS.map(([style, n]): [string, () => Promise<WorkbookSeed>] => [`generated ${style} fraction register ${n}`, async () => seedFromXlsx((await fractionRiskRegister(n, style)).bytes)]),
  ];

  test.each(seeds)("%s: same first plan on both hosts, nothing planned the second time, same rules and looks read back", async (_name, make) => {
    const seed = await make();
    const firstPlans = [];
    const readBack = [];
    for (const kind of KINDS) {
      const h = await hostFrom(kind, seed);
      const first = await planTemplateApplication(h.host, risk);
      expect(first.kind).toBe("existing");
      if (first.kind !== "existing") return;
      // The plan sets rules and header looks, so the second plan being empty says they were read back as right.
      expect(first.plan.edits.map((e) => e.type)).toEqual(expect.arrayContaining(["setDataValidation", "replaceConditionalFormats", "setStyle"]));
      firstPlans.push(first.plan);
      await h.host.apply(first.plan);

      const second = await planTemplateApplication(h.host, risk);
      expect(second.kind).toBe("existing");
      if (second.kind !== "existing") return;
      expect(second.plan.edits).toEqual([]);

      const outline = await h.host.outline({ previewRows: 0 });
      const table = outline.sheets.find((s) => s.name === second.register.sheet)?.tables.find((t) => t.name === second.table);
      const r = parseRange(table?.address ?? "");
      if (!r) throw new Error("the register has no table after the apply");
      const columns = [];
      for (let c = r.left; c <= r.right; c++) columns.push(`${columnLetter(c)}${r.top + 1}:${columnLetter(c)}${r.bottom}`);
      readBack.push(await rulesAndLooks(h.host, second.register.sheet, columns, formatRange({ ...r, bottom: r.top })));

      if (isExcel(kind)) {
        // Without the reads, Excel would plan the rules and header style again: the reads are what make the plan empty.
        const blind = await planTemplateApplication(withoutRuleReads(h.host), risk);
        expect(blind.kind === "existing" && blind.plan.edits.length).toBeGreaterThan(0);
      }
    }
    expectAllAgree(firstPlans);
    expectAllAgree(readBack);
  });
});

describe("the register job through the Excel host at scale (fake Excel)", () => {
  let small: JobMeasure;
  let large: JobMeasure;
  beforeAll(async () => {
    small = await measureRegisterJob(100);
    large = await measureRegisterJob(10_000);
  });

  test("detect, plan and apply take the same Excel.run calls at 100 and 10,000 rows; only cell reads take more syncs", () => {
    expect(large.runs.map((r) => r.method)).toEqual(small.runs.map((r) => r.method));
    expect(small.runs.map((r) => r.method)).toEqual(expect.arrayContaining(["outline", "read", "readRules", "readLooks", "apply"]));
    large.runs.forEach((run, i) => {
      const before = small.runs[i] as JobMeasure["runs"][number];
      if (run.method === "read") expect(run.syncs).toBeGreaterThanOrEqual(before.syncs);
      else expect({ method: run.method, syncs: run.syncs }).toEqual({ method: before.method, syncs: before.syncs });
    });
    expect(large.syncs).toBeGreaterThan(small.syncs);
    expect(large.syncs - small.syncs).toBeLessThanOrEqual(8);
  });

  test("the extra syncs are whole chunks: every read sync but each read's last carries at least 512 KiB, none 5 MB", () => {
    const chunked = large.runs.filter((r) => r.method === "read" && r.syncs > 2);
    expect(chunked.length).toBeGreaterThan(0);
    for (const run of chunked) {
      // The first sync of a read checks the sheet; then come the blocks, the last being what is left over, and the merged-areas read.
      for (const bytes of run.payloadBytes.slice(1, -2)) expect(bytes).toBeGreaterThanOrEqual(512 * 1024);
    }
    for (const m of [small, large]) expect(m.maxPayloadBytes).toBeLessThan(5 * 1024 * 1024);
  });
});
