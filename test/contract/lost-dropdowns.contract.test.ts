/**
 * Drop-downs a paste removed, on every host: a register applied from its
 * template, then cells of its Status column pasted over (values written and
 * their validation cleared, as pasting from cells without one does). Checks
 * find the hole, name its cells, and the safe fix puts the column's own
 * drop-down back; the hosts agree at every step.
 */
import { builtInTemplate } from "../../src/core/templates/catalogue";
import type { Template } from "../../src/core/templates/schema";
import { planTemplateApplication } from "../../src/jobs/registers/apply";
import { safeFixPlan } from "../../src/jobs/validation/fixes";
import { validateWorkbook } from "../../src/jobs/validation/validate";
import { FakeExcel } from "./fake-excel/fake-excel";
import { excelHostOver } from "./fake-excel/host-over-fake";
import { expectAllAgree, HOST_KINDS, hostFrom } from "./hosts-under-test";
import type { WorkbookSeed } from "./workbook-seed";

const TODAY = new Date(Date.UTC(2026, 5, 30));
const issue = builtInTemplate("issue") as Template;

const seed: WorkbookSeed = {
  sheets: [
    {
      name: "Issues",
      rows: [
        ["Issue ID", "Title", "Description", "Owner", "Priority", "Status"],
        ...Array.from({ length: 12 }, (_, i) => [`I-${i + 1}`, `Issue ${i + 1}`, `What went wrong ${i + 1}`, "Ann Cole", "High", i % 3 ? "Open" : "In progress"]),
      ],
    },
  ],
};

describe("drop-downs lost to a paste, on every host", () => {
  test("are found with their cells, and the safe fix puts the column's drop-down back", async () => {
    const states = [];
    for (const kind of HOST_KINDS) {
      const h = await hostFrom(kind, seed);
      const applied = await planTemplateApplication(h.host, issue);
      if (applied.kind !== "existing") throw new Error(applied.kind);
      await h.host.apply(applied.plan);
      const status = applied.register.columns.status?.column as string;
      const clean = (await validateWorkbook(h.host, { today: TODAY })).findings.filter((f) => f.rule === "dropdown");
      // A paste over three Status cells and one more further down.
      await h.host.apply({
        title: "paste",
        edits: [
          { type: "setCells", sheet: "Issues", address: `${status}4:${status}6`, cells: [["Open"], ["Open"], ["Open"]] },
          { type: "setDataValidation", sheet: "Issues", address: `${status}4:${status}6`, validation: null },
          { type: "setDataValidation", sheet: "Issues", address: `${status}11`, validation: null },
        ],
      });
      const found = (await validateWorkbook(h.host, { today: TODAY })).findings.filter((f) => f.rule === "dropdown");
      await h.host.apply(safeFixPlan(found));
      const after = (await validateWorkbook(h.host, { today: TODAY })).findings.filter((f) => f.rule === "dropdown");
      // Every cell of the column's body has the same drop-down again.
      const [body] = (await h.host.readRules?.("Issues", [`${status}2:${status}13`])) ?? [];
      states.push({ clean: clean.length, found: found.map((f) => `${f.cell} ${f.severity} ${f.message}`), after: after.length, statusRule: body?.validation });
    }
    expectAllAgree(states);
    expect(states[0]).toMatchObject({
      clean: 0,
      found: ["F4 warning Status has lost its drop-down on 4 cells (F4:F6, F11), as a paste over the column does; typing there is no longer checked. Fix: put the column's drop-down back."],
      after: 0,
      statusRule: { rule: { kind: "list", values: ["Open", "In progress", "Closed"] }, allowBlank: true },
    });
  });
});

describe("finding lost drop-downs in Excel", () => {
  test("costs reads by halving levels, not by rows: a 10,000-row column with one hole", async () => {
    const rows = 10_000;
    const fake = FakeExcel.fromSeed({
      sheets: [{ name: "Issues", rows: [["Issue ID", "Title", "Description", "Owner", "Priority", "Status"], ...Array.from({ length: rows }, (_, i) => [`I-${i + 1}`, `Issue ${i + 1}`, `What ${i}`, "Ann Cole", "High", "Open"])] }],
    });
    fake.keepUndoSnapshots = false;
    const host = excelHostOver(fake);
    const applied = await planTemplateApplication(host, issue);
    if (applied.kind !== "existing") throw new Error(applied.kind);
    await host.apply(applied.plan);
    await fake.userEdits("Issues", "F5000:F5002", [["Open"], ["Closed"], ["Open"]], "paste");
    const start = fake.runs.length;
    const findings = (await validateWorkbook(host, { today: TODAY })).findings.filter((f) => f.rule === "dropdown");
    const syncs = fake.runs.slice(start).reduce((n, r) => n + r.syncs.length, 0);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining("on 3 cells (F5000:F5002)")]);
    // Detection and the rows read as before, plus two syncs per halving level (log2 of 10,000 is about 14).
    expect(syncs).toBeLessThanOrEqual(45);
    console.log(`validation of 10,000 rows with one pasted hole: ${syncs} syncs`);
  });
});
