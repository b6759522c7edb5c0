/**
 * The Finance panel inside (simulated) Excel: writing the summary sheet
 * draws the S-curve through the chart API, named and over the period rows;
 * in an Excel without the chart API (ExcelApi 1.6) the sheet is written and
 * the pane says, before and after, that the chart was not drawn.
 */
import type { Browser, Page } from "playwright-core";
import type { ChartState, WorkbookState } from "../contract/fake-excel/state";
import { baseUrl, launchChromium, offline } from "./browser";
import { openPanel } from "./navigation";
import { simulateExcel } from "./office";

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function paneInExcel(excelApiMinor: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
  const page = await context.newPage();
  await offline(page);
  await simulateExcel(page, { excelApiMinor });
  await page.goto(`${baseUrl()}/taskpane.html`);
  await page.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
  return page;
}

async function writeSummary(page: Page): Promise<void> {
  await openPanel(page, page, "finance");
  const panel = page.getByRole("tabpanel");
  await panel.getByRole("button", { name: /Write the summary sheet/ }).click({ timeout: 60_000 });
  await panel.getByText(/Adds sheet “PMO Finance”/).waitFor();
}

const chartsIn = (page: Page): Promise<ChartState[]> =>
  page.evaluate(() => {
    const state = (window as unknown as { __EXCEL_SIMULATOR_STATE__: () => WorkbookState }).__EXCEL_SIMULATOR_STATE__();
    return JSON.parse(JSON.stringify(state.sheets.find((s) => s.name === "PMO Finance")?.charts ?? [])) as ChartState[];
  });

describe("the S-curve in Excel", () => {
  it("is drawn through the chart API when the summary sheet is written", async () => {
    const page = await paneInExcel(20);
    await writeSummary(page);
    const panel = page.getByRole("tabpanel");
    await panel.getByRole("button", { name: "Write it" }).click();
    await panel.getByRole("button", { name: "Undo" }).waitFor();
    const charts = await chartsIn(page);
    expect(charts.map((c) => [c.name, c.chartType, c.title])).toEqual([["S-curve: FSC EVM", "Line", "FSC EVM: PV, EV and AC, cumulative"]]);
    expect(charts[0]?.series.map((s) => s.name)).toEqual(["Cumulative PV", "Cumulative EV", "Cumulative AC"]);
    await panel.getByRole("button", { name: "Undo" }).click();
    await page.waitForFunction(() => !(window as unknown as { __EXCEL_SIMULATOR_STATE__: () => WorkbookState }).__EXCEL_SIMULATOR_STATE__().sheets.some((s) => s.name === "PMO Finance"));
    await page.context().close();
  });

  it("is left out, and said to be, where Excel has no chart API", async () => {
    const page = await paneInExcel(6);
    await writeSummary(page);
    const panel = page.getByRole("tabpanel");
    await panel.getByText(/“S-curve: FSC EVM”.*not done, as this version of Excel has no chart API/).waitFor();
    await panel.getByRole("button", { name: "Write it" }).click();
    await panel.getByText(/^Written without: /).waitFor();
    expect(await chartsIn(page)).toEqual([]);
    await page.context().close();
  });
});
