import { parseRange, type RangeAddress } from "../../../../src/core/grid/address";
import type { CellValue } from "../../../../src/core/grid/cell";
import { detectInSheet, detectTable, findInSheet, registerArea, sheetSearch } from "../../../../src/core/detect/detect";
import { editDistance, normaliseHeader } from "../../../../src/core/detect/normalise";
import type { SheetCells } from "../../../../src/core/detect/sheet-cells";

function sheet(rows: CellValue[][], merges: string[] = [], opts: { top?: number; left?: number; formulas?: (string | null)[][] } = {}): SheetCells {
  return {
    sheet: "S",
    top: opts.top ?? 1,
    left: opts.left ?? 1,
    values: rows,
    formulas: opts.formulas,
    merges: merges.map((m) => parseRange(m) as RangeAddress),
  };
}

const riskRows = (n: number): CellValue[][] =>
  Array.from({ length: n }, (_, i) => [`R-${i + 1}`, `Supplier may fail to deliver part ${i + 1} on time`, (i % 5) + 1, ((i + 2) % 5) + 1, "Open", "Ann Lee"]);

describe("header words", () => {
  test.each([
    ["Likelihood_1_5", ["likelihood"], true],
    ["Probability of occurring (1 - 5)", ["probability", "occurring"], true],
    ["Cause\n(condition/situation)", ["cause"], false],
    ["Likely Residual Risk ", ["likely", "residual", "risk"], false],
    ["RiskOwner", ["risk", "owner"], false],
  ])("%j → %j (scale %s)", (raw, base, scale) => {
    const h = normaliseHeader(raw);
    expect(h.baseTokens).toEqual(base);
    expect(h.scale).toBe(scale);
  });

  test("values listed in a header are read as values", () => {
    expect(normaliseHeader("Impact (High/Med/Low)").listedValues).toEqual(["high", "med", "low"]);
  });

  test("edit distance sees a typo", () => {
    expect(editDistance("concequence", "consequence")).toBe(1);
  });
});

describe("when the header sits below a title block and not in column A", () => {
  const cells = sheet(
    [
      [null, "Project Risk Register", null, null, null, null, null],
      [null, "Prepared by: PMO", null, null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, "Risk ID", "Risk Description", "Likelihood_1_5", "Concequence", "Status", "Risk Owner"],
      ...riskRows(6).map((r) => [null, ...r]),
    ],
    ["B1:G1"],
  );
  const reg = detectInSheet(cells);

  test("finds the risk register on row 4 starting in column B", () => {
    expect(reg).toMatchObject({ kind: "risk", headerRow: 4, firstRow: 5, lastRow: 10, firstColumn: "B", lastColumn: "G" });
  });

  test("maps snake_case, scale suffixes and typos", () => {
    const cols = Object.fromEntries(Object.entries(reg?.columns ?? {}).map(([k, v]) => [k, v.column]));
    expect(cols).toEqual({ id: "B", description: "C", probability: "D", impact: "E", status: "F", owner: "G" });
    expect(reg?.notes.join(" ")).toContain("column B");
  });
});

describe("when a group row splits inherent from residual", () => {
  const cells = sheet(
    [
      ["", "", "Inherent", "", "Residual", ""],
      ["ID", "Description", "Likelihood", "Impact", "Likelihood", "Impact"],
      ["R1", "Data centre outage during cut-over weekend", 4, 5, 2, 3],
      ["R2", "Key supplier insolvency before contract award", 2, 4, 1, 4],
      ["R3", "Scope creep from the regional stakeholders", 3, 3, 2, 2],
    ],
    ["C1:D1", "E1:F1"],
  );
  const reg = detectInSheet(cells);

  test("the columns under Residual map to the residual fields", () => {
    expect(reg?.headerRow).toBe(2);
    expect(reg?.columns.probability?.column).toBe("C");
    expect(reg?.columns.impact?.column).toBe("D");
    expect(reg?.columns.residualProbability?.column).toBe("E");
    expect(reg?.columns.residualImpact?.column).toBe("F");
    expect(reg?.notes[0]).toMatch(/2-row header \(row 1 groups/);
  });
});

describe("when a header name repeats without a group row", () => {
  test("the second Likelihood is the residual one, and the note says so", () => {
    const reg = detectInSheet(
      sheet([
        ["Risk ID", "Risk Description", "Likelihood", "Residual risk", "Likelihood"],
        [1, "Client behaviour changes the scope late", "20%", "300,000 CHF", "10%"],
        [2, "Cash flow shortfall in the second quarter", "10%", "300,000 CHF", "0%"],
        [3, "Plant rejected at factory acceptance test", "1%", "64,500,000 CHF", "1%"],
      ]),
    );
    expect(reg?.columns.probability?.column).toBe("C");
    expect(reg?.columns.residualProbability?.column).toBe("E");
    expect(reg?.notes.some((n) => n.includes("second “Likelihood”"))).toBe(true);
  });
});

describe("searching one sheet again and again", () => {
  const issueRows = (n: number): CellValue[][] =>
    Array.from({ length: n }, (_, i) => [`I-${i + 1}`, `Interface to the billing system ${i + 1} is late`, "Ann Lee", "High", "Open", 45800 + i]);

  // Each search after the first reads the rows the earlier ones read: it must find what a search of its own finds.
  function searchedInTurn(cells: SheetCells) {
    const search = sheetSearch(cells);
    const exclude: RangeAddress[] = [];
    const found = [];
    for (;;) {
      const reg = search.find(exclude).measure();
      const alone = findInSheet(cells, {}, exclude).measure();
      expect(reg).toEqual(alone);
      if (!reg || found.length > 2) break;
      found.push(reg);
      exclude.push(registerArea(reg));
    }
    return found;
  }

  test("registers stacked one under the other, the first with a group row above its header", () => {
    const cells = sheet(
      [
        ["", "", "Inherent", "", "Residual", ""],
        ["ID", "Description", "Likelihood", "Impact", "Likelihood", "Impact"],
        ["R1", "Data centre outage during cut-over weekend", 4, 5, 2, 3],
        ["R2", "Key supplier insolvency before contract award", 2, 4, 1, 4],
        ["R3", "Scope creep from the regional stakeholders", 3, 3, 2, 2],
        [null, null, null, null, null, null],
        [null, null, null, null, null, null],
        ["Issue ID", "Issue Description", "Owner", "Priority", "Status", "Date Raised"],
        ...issueRows(5),
      ],
      ["C1:D1", "E1:F1"],
    );
    expect(searchedInTurn(cells).map((r) => [r.kind, r.headerRow])).toEqual([
      ["risk", 2],
      ["issue", 8],
    ]);
  });

  test("registers side by side on the same rows", () => {
    const risks = [["Risk ID", "Risk Description", "Likelihood", "Impact", "Status", "Risk Owner"], ...riskRows(5)];
    const issues = [["Issue ID", "Issue Description", "Owner", "Priority", "Status", "Date Raised"], ...issueRows(5)];
    const cells = sheet(risks.map((r, i) => [...r, null, ...issues[i]]));
    expect(searchedInTurn(cells).map((r) => [r.kind, r.firstColumn])).toEqual([
      ["risk", "A"],
      ["issue", "H"],
    ]);
  });
});

describe("rows passed over once a header is found", () => {
  test("a fuller header below a weaker one still wins", () => {
    const reg = detectInSheet(
      sheet([
        ["Risk ID", "Status", "Owner", null, null, null],
        ["R-0", "Open", "Ann Lee", null, null, null],
        [null, null, null, null, null, null],
        ["Risk ID", "Risk Description", "Likelihood", "Impact", "Status", "Risk Owner"],
        ...riskRows(6),
      ]),
    );
    expect(reg).toMatchObject({ kind: "risk", headerRow: 4, firstRow: 5, lastRow: 10 });
  });

  test("rows of records that read a little like headers stay records", () => {
    const reg = detectInSheet(
      sheet([
        ["Change ID", "Description", "Requested By", "Date Raised", "Impact", "Decision", "Status"],
        ...Array.from({ length: 8 }, (_, i) => [`CR-${i + 1}`, `Change request ${i + 1}`, "Sam Ortiz", 45800 + i, i % 2 ? "Scope" : "Cost", i % 3 ? "Approved" : "Rejected", "Closed"]),
      ]),
    );
    expect(reg).toMatchObject({ kind: "change", headerRow: 1, firstRow: 2, lastRow: 9 });
  });
});

describe("where the register ends", () => {
  test("a total row and the legend below stay outside", () => {
    const rows: CellValue[][] = [["#", "Description", "Probability", "Impact", "Risk score", "Owner"], ...riskRows(4)];
    rows.push(["Total Risk Score", null, null, null, 40, null], [null, null, null, null, null, null], ["5: High", null, null, null, null, null]);
    const reg = detectInSheet(sheet(rows));
    expect(reg).toMatchObject({ headerRow: 1, firstRow: 2, lastRow: 5 });
    expect(reg?.notes).toContain("total row at 6 kept outside the register");
  });

  test("a row of SUMs over the column above is a total row", () => {
    const rows: CellValue[][] = [["ID", "Description", "Probability", "Impact", "Score", "Owner"], ...riskRows(3), ["", null, null, null, 20, null]];
    const formulas = rows.map((_, i) => (i === 4 ? [null, null, null, null, "=SUM(E2:E4)", null] : [null, null, null, null, null, null]));
    expect(detectInSheet(sheet(rows, [], { formulas }))?.lastRow).toBe(4);
  });

  test("rows holding only an ID are reported and not counted", () => {
    const rows: CellValue[][] = [["ID", "Description", "Probability", "Impact", "Status", "Owner"], ...riskRows(3), ["R-4", null, null, null, null, null], ["R-5", null, null, null, null, null]];
    const reg = detectInSheet(sheet(rows));
    expect(reg?.lastRow).toBe(4);
    expect(reg?.skippedRows.idOnly).toEqual([5, 6]);
    expect(reg?.notes.join(" ")).toContain("rows 5-6 hold only an ID");
  });

  test("a block of another shape after two blank rows is left out; a single blank row inside is kept", () => {
    const rows: CellValue[][] = [["ID", "Description", "Probability", "Impact", "Status", "Owner"], ...riskRows(2), [null, null, null, null, null, null], ...riskRows(2).map((r, i) => [`R-${i + 3}`, ...r.slice(1)])];
    rows.push([null, null, null, null, null, null], [null, null, null, null, null, null], ["Status key", "Meaning", null, null, null, null], ["Open", "Still live", null, null, null, null]);
    const reg = detectInSheet(sheet(rows));
    expect(reg?.lastRow).toBe(6);
    expect(reg?.skippedRows.blank).toEqual([4]);
  });

  test("records merged over two rows end at the bottom of the merge", () => {
    const rows: CellValue[][] = [
      ["Description of Risk", "Probability", "Impact", "Risk Rating", "Risk plan", "Risk owner", "status"],
      ["Engineer leaves the team", "likely", "High", "High", "1- hire", "Bo", "open"],
      [null, null, null, null, "2- train", null, null],
      ["Supplier is late", "very likely", "extreme", "High", "penalty clause", "Al", "open"],
      [null, null, null, null, "escalate", null, null],
    ];
    const reg = detectInSheet(sheet(rows, ["A2:A3", "B2:B3", "C2:C3", "D2:D3", "F2:F3", "G2:G3", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "F4:F5", "G4:G5"]));
    expect(reg?.lastRow).toBe(5);
    expect(reg?.notes).toContain("records span more than one row (vertical merges)");
  });
});

describe("other languages", () => {
  test("Russian risk headers map to the canonical fields", () => {
    const reg = detectInSheet(
      sheet([
        ["ID", "Статус\nриска", "Влияние риска", "Вероятность риска", "Уровень риска", "Описание риска", "Хозяин\nриска"],
        ["rs-1", "Открыт", "Среднее", "Средняя", "Желтый", "Изменение API внешнего сервиса", "Лысин К.С."],
        ["rs-2", "Открыт", "Высокое", "Высокая", "Красный", "Академическая нагрузка участников", "Лысин К.С."],
      ]),
    );
    const cols = Object.fromEntries(Object.entries(reg?.columns ?? {}).map(([k, v]) => [k, v.column]));
    expect(cols).toMatchObject({ id: "A", status: "B", impact: "C", probability: "D", score: "E", description: "F", owner: "G" });
  });

  test("an unnamed first column of ids is mapped by its content, marked low confidence", () => {
    const reg = detectInSheet(
      sheet([
        ["Код", "Risk Description", "Probability", "Impact", "Owner"],
        ["rs-1", "Vendor API changes without notice", 3, 4, "Kim"],
        ["rs-2", "Study load delays the team", 4, 4, "Kim"],
        ["rs-3", "Cloud quota runs out mid-test", 2, 3, "Lee"],
      ]),
    );
    expect(reg?.columns.id).toMatchObject({ column: "A", source: "content", lowConfidence: true });
    expect(reg?.notes.join(" ")).toMatch(/check the mapping of id/);
  });
});

describe("what is not a register", () => {
  test("lookup lists (columns of different lengths, no gaps) are not reported", () => {
    const reg = detectInSheet(
      sheet([
        ["Type", "Probability", "Proximity", "Status", "Impact"],
        ["Schedule", "75% to 100%", "This month", "Active", "High"],
        ["Quality", "50% to 75%", "Next 3 months", "Closed", "Medium"],
        ["Legal", "25% to 50%", "Next 6 months", null, "Low"],
        [null, "10% to 25%", "Far away", null, null],
        [null, "0% to 10%", null, null, null],
      ]),
    );
    expect(reg).toBeNull();
  });

  test("a tidy budget table (a total row, an empty column, an optional column used once) is still a register", () => {
    const rows: CellValue[][] = [
      ["WBS", "Work package", "Cost type", "Budget (BAC)", "Planned Value (PV)", "Earned Value (EV)", "Actual Cost (AC)", "Estimate to complete", "Variance explanation"],
      ["A-01", "Discovery", "Opex", 85000, 85000, 85000, 81200, 0, null],
      ["A-02", "Design", "Capex", 140000, 140000, 132000, 138500, 9000, null],
      ["A-03", "Build", "Capex", 620000, 330000, 341000, 318000, 270000, null],
      ["A-04", "Migration", "Capex", 210000, 40000, 35000, 36800, 176000, null],
      [null, "Total", null, 1055000, 595000, 593000, 574500, 455000, null],
    ];
    expect(detectInSheet(sheet(rows))?.kind).toMatch(/^(evm|budget)$/);
    const explained = rows.map((r, i) => (i === 1 ? [...r.slice(0, 8), "Scope added"] : r));
    expect(detectInSheet(sheet(explained))?.kind).toMatch(/^(evm|budget)$/);
  });

  test("a status-report form of label: value cells gives nothing", () => {
    expect(
      detectInSheet(
        sheet([
          ["Project Manager: C. Campbell", null, "Project Name: ADC", null, "Report Date: March 2"],
          ["Business Objectives", null, "Feature Sets", null, "Schedule"],
          ["˜", null, "˜", null, "˜"],
        ]),
      ),
    ).toBeNull();
  });
});

describe("an Excel table", () => {
  test("uses the table's header row and range", () => {
    const cells = sheet(
      [
        ["Cost Factor", "Fiscal Year/Period", "WBS", "WBS Description", "cost$"],
        ["CSS - Ext Contractor", "001/2024", "Pcode-100054", "Consultants", 303111],
        ["CSS - Ext Contractor", "001/2024", "Pcode-100059", "Vendors", 339952],
        ["Internal", "002/2024", "Pcode-100059", "Vendors", 1200],
      ],
      [],
      { top: 3 },
    );
    const reg = detectTable(cells, { name: "Table_source", range: parseRange("A3:E6") as RangeAddress, showTotals: false });
    expect(reg).toMatchObject({ kind: "ledger", table: "Table_source", headerRow: 3, firstRow: 4, lastRow: 6 });
    expect(reg?.columns.amount?.column).toBe("E");
    expect(reg?.columns.costCode?.column).toBe("C");
  });
});
