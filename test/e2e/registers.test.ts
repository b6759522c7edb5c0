/**
 * The Registers panel in the playground: the sample's NDU risk register is
 * brought to the built-in risk template through a previewed plan, the
 * downloaded workbook is checked with ExcelJS in Node (a table now, template
 * columns at the end, drop-downs, score formulas, every original value where
 * it was), and Undo puts the sheet view back. Screenshots of the panel at
 * 350 px before and after the apply go to test-results/screenshots.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { withoutCalculatedColumnFormulas } from "../../src/hosts/xlsx/calculated-columns";
import type { Browser, Page } from "playwright-core";
import { samplePortfolioBytes, SAMPLE_SHEETS } from "../../src/sample/portfolioWorkbook";
import { builtInTemplate } from "../../src/core/templates/catalogue";
import { baseUrl, launchChromium, offline, seriousAxeViolations } from "./browser";
import { openPanel } from "./navigation";
import { SCREENSHOTS } from "./paths";

let browser: Browser;
let page: Page;

const SHEET = SAMPLE_SHEETS.nduRisks;
const pane = () => page.getByTestId("pane");
const panel = () => pane().getByRole("tabpanel");

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await offline(page);
  await page.goto(`${baseUrl()}/playground.html`);
  await page.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="sheet-view"]');
  await pane().evaluate((el) => (el.style.width = "350px"));
});

afterAll(async () => {
  await browser?.close();
});

/** What the sheet view draws for the shown sheet: address → text and tooltip (table outlines show in the tooltip). */
async function sheetViewCells(): Promise<Record<string, string>> {
  return page.locator('[data-testid="sheet-view"] [data-cell]').evaluateAll((cells) =>
    Object.fromEntries(cells.map((c) => [c.getAttribute("data-cell") ?? "", `${c.textContent ?? ""}|${c.getAttribute("title") ?? ""}`])),
  );
}

/** The whole pane at 350 px, however long the panel: the page is made tall enough for the pane not to scroll. */
async function paneScreenshot(name: string): Promise<void> {
  const height = await pane().evaluate((el) => el.scrollHeight);
  const viewport = page.viewportSize() ?? { width: 1366, height: 900 };
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height + 80) });
  await page.waitForTimeout(150);
  await pane().screenshot({ path: path.join(SCREENSHOTS, name) });
  await page.setViewportSize(viewport);
}

/** A cell as stored: formulas by their text, values as JSON (dates as ISO strings). */
function stored(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v && typeof v === "object" && "formula" in v) return `=${(v as { formula: string }).formula}`;
  if (v && typeof v === "object" && "sharedFormula" in v) return `=shared`;
  return JSON.stringify(v ?? null);
}

/** Table name → its calculated columns' formulas, as Excel reads them from the table parts. */
async function calculatedColumns(bytes: Uint8Array | Buffer): Promise<Record<string, string[]>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/tables\/.+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    const table = /<table\b[^>]*\bname="([^"]*)"/.exec(xml)?.[1] ?? name;
    out[table] = [...xml.matchAll(/<calculatedColumnFormula>([\s\S]*?)<\/calculatedColumnFormula>/g)].map((m) => m[1]);
  }
  return out;
}

/** Every part of a package, inflated, by name. */
async function partsOf(bytes: Uint8Array | Buffer): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const file of Object.values(zip.files)) if (!file.dir) out.set(file.name, await file.async("uint8array"));
  return out;
}

async function workbookFrom(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  // Plain ExcelJS 4.4 cannot open a table whose calculated column is not its last (the toolkit's host works around it the same way).
  const zip = await JSZip.loadAsync(bytes);
  const loadable = await withoutCalculatedColumnFormulas(zip, new Uint8Array(bytes));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(loadable as unknown as ArrayBuffer);
  return wb;
}

describe("bringing the sample's risk register to the risk template", () => {
  let before: Record<string, string>;

  it("finds the register, previews the template and passes axe", async () => {
    await page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name: SHEET }).click();
    await expect(page.getByTestId("sheet-view").getAttribute("data-sheet")).resolves.toBe(SHEET);
    before = await sheetViewCells();

    await openPanel(page, pane(), "registers");
    const list = panel().getByRole("list", { name: "Registers found" });
    await list.waitFor({ timeout: 30_000 });
    const card = list.getByRole("button", { name: SHEET, exact: true });
    const item = list.getByRole("listitem").filter({ has: page.getByRole("button", { name: SHEET, exact: true }) });
    await expect(item.textContent()).resolves.toMatch(/Risk register · Rows 6–13 .*Not standard: \d+ columns missing/);
    await card.click();
    await expect(card.getAttribute("aria-expanded")).resolves.toBe("true");

    await panel().getByRole("combobox", { name: "Bring it to this template" }).selectOption("risk");
    const preview = panel().getByRole("region", { name: `Apply Risk register 1.1.0 to “${SHEET}”` });
    await preview.waitFor({ timeout: 30_000 });
    const text = (await preview.textContent()) ?? "";
    expect(text).toContain("Makes B5:N13 an Excel table");
    expect(text).toMatch(/Adds \d+ columns “Type”, “Actionee”.* at the end of table/);
    await expect(panel().getByRole("button", { name: "Apply template" }).isEnabled()).resolves.toBe(true);
    await paneScreenshot("registers-before-apply-350.png");
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);

    // The mapping editor opens from the keyboard, shows a drop-down per template field, and passes axe open too.
    const mappingHeader = panel().getByRole("button", { name: /Column mapping/ });
    await mappingHeader.focus();
    await page.keyboard.press("Enter");
    const status = panel().getByRole("combobox", { name: "Status", exact: true });
    await status.waitFor();
    await expect(status.inputValue()).resolves.toBe("M");
    await expect(panel().getByRole("combobox", { name: "Residual Score" }).inputValue()).resolves.toBe("");
    await paneScreenshot("registers-mapping-350.png");
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await mappingHeader.focus();
    await page.keyboard.press("Enter");
    await status.waitFor({ state: "hidden" });
    const overflow = await pane().evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
  });

  it("applies it with the keyboard, and the downloaded workbook holds the register as a table with the template's columns, drop-downs and formulas", async () => {
    const apply = panel().getByRole("button", { name: "Apply template" });
    await apply.focus();
    await page.keyboard.press("Enter");
    await panel().getByText("Applied", { exact: true }).waitFor({ timeout: 30_000 });
    await panel().getByText(/Nothing to change: this register already follows the Risk register template/).waitFor({ timeout: 30_000 });
    await paneScreenshot("registers-after-apply-350.png");
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
    const downloaded = readFileSync(await download.path());
    const after = await workbookFrom(downloaded);
    const original = await workbookFrom(await samplePortfolioBytes());
    const ws = after.getWorksheet(SHEET);
    const was = original.getWorksheet(SHEET);
    if (!ws || !was) throw new Error(`sheet ${SHEET} missing`);

    // An Excel table from the header row (5) over the register's columns, template columns at the end.
    const tables = Object.values((ws as unknown as { tables: Record<string, { table: { name: string; tableRef: string; columns: { name: string }[] } }> }).tables ?? {}).map((t) => t.table);
    expect(tables).toHaveLength(1);
    const table = tables[0];
    expect(table.tableRef).toMatch(/^B5:[A-Z]+13$/);
    const originalHeaders: string[] = [];
    for (let c = 2; c <= 14; c++) originalHeaders.push(String(was.getCell(5, c).value));
    const names = table.columns.map((c) => c.name);
    // Table column names are the header cells' text; a line break is stored as Excel stores it, _x000a_ (ExcelJS leaves the escape in).
    expect(names.slice(0, originalHeaders.length)).toEqual(originalHeaders.map((h) => h.replace(/\r?\n/g, "_x000a_")));
    const added = names.slice(originalHeaders.length);
    expect(added).toEqual(expect.arrayContaining(["Residual Probability", "Residual Impact", "Residual Score", "Trend", "Date Closed"]));
    const template = builtInTemplate("risk");
    expect(added.every((h) => template?.columns.some((c) => c.header === h))).toBe(true);

    // Drop-downs: the template's lists on the register's own Status column and on an added one.
    const statusCol = originalHeaders.findIndex((h) => /status/i.test(h)) + 2;
    expect(ws.getCell(6, statusCol).dataValidation).toMatchObject({ type: "list" });
    const trendCol = 2 + names.indexOf("Trend");
    expect(ws.getCell(13, trendCol).dataValidation).toMatchObject({ type: "list" });

    // Score formulas: the added Residual Score computes from its inputs in every record row.
    const residualCol = 2 + names.indexOf("Residual Score");
    for (let r = 6; r <= 13; r++) {
      const cell = ws.getCell(r, residualCol);
      expect({ cell: cell.address, formula: cell.formula ?? null }).toEqual({ cell: cell.address, formula: expect.stringMatching(/Residual Probability.*\*.*Residual Impact/) });
    }

    // The added Residual Band names the band of the Residual Score beside it, live.
    const bandCol = 2 + names.indexOf("Residual Band");
    expect(bandCol).toBeGreaterThan(residualCol);
    expect(ws.getCell(6, bandCol).formula ?? "").toMatch(/^IFERROR\(LOOKUP\(.*Residual Score.*\{"Low",/);

    // Residual Score is a calculated column, so Excel fills it into rows the user adds to the table later.
    expect(Object.values(await calculatedColumns(downloaded)).flat()).toEqual(expect.arrayContaining([expect.stringMatching(/Residual Probability.*\*.*Residual Impact/)]));

    // Every original cell value is still at its address.
    const moved: string[] = [];
    was.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const now = ws.getCell(cell.address);
        if (stored(now) !== stored(cell)) moved.push(`${cell.address}: ${stored(cell)} → ${stored(now)}`);
      }),
    );
    expect(moved).toEqual([]);

    // The download is the sample's own package with only the parts the plan changed replaced; every other part comes back byte for byte.
    const originalParts = await partsOf(await samplePortfolioBytes());
    const downloadedParts = await partsOf(downloaded);
    expect([...originalParts.keys()].filter((name) => !downloadedParts.has(name))).toEqual([]);
    const changed = [...originalParts].filter(([name, bytes]) => !Buffer.from(bytes).equals(Buffer.from(downloadedParts.get(name) ?? new Uint8Array()))).map(([name]) => name);
    const planParts = /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?)$/;
    expect(changed.filter((name) => !planParts.test(name))).toEqual([]);
    expect(changed.filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))).toHaveLength(1);
  });

  it("undoes the apply, and the sheet view is back as it was", async () => {
    const undo = panel().getByRole("button", { name: "Undo" });
    await undo.click();
    await panel().getByText("Undone", { exact: true }).waitFor({ timeout: 30_000 });
    let now: Record<string, string> = {};
    for (let i = 0; i < 20; i++) {
      now = await sheetViewCells();
      if (JSON.stringify(now) === JSON.stringify(before)) break;
      await page.waitForTimeout(150);
    }
    expect(now).toEqual(before);
    await paneScreenshot("registers-after-undo-350.png");
  });
});

describe("a workbook with no register", () => {
  it("offers a new register from a template, previews it and passes axe", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Notes");
    ws.getCell("A1").value = "Programme kick-off notes";
    ws.getCell("A2").value = "Agree the reporting cycle with the sponsor.";
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByTestId("file-input").setInputFiles({ name: "Kick-off.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: bytes });
    await page.getByTestId("file-name").filter({ hasText: "Kick-off.xlsx" }).waitFor();
    await openPanel(page, pane(), "registers");
    await panel().getByRole("heading", { name: "No registers found" }).waitFor({ timeout: 30_000 });
    await panel().getByRole("combobox", { name: "Template" }).selectOption("issue");
    await panel().getByRole("region", { name: "New Issue log 1.0.0 on sheet “Issue log”" }).waitFor({ timeout: 30_000 });
    await paneScreenshot("registers-empty-350.png");
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);

    await panel().getByRole("button", { name: "Create register" }).click();
    await panel().getByText("Applied", { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name: "Issue log" }).waitFor();
  });
});
