/**
 * "This is a register" from the sheet view: a cell clicked in the
 * playground's sheet view is the selection the pane reads, so the form opens
 * filled with that sheet and the header row of the register the cell is in;
 * the arrow keys move the selection and the form reads it again on request.
 */
import type { Browser, Page } from "playwright-core";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { detectRegisters } from "../../src/jobs/registers/detect";
import { columnLetter, parseRange } from "../../src/core/grid/address";
import { samplePortfolioBytes, SAMPLE_FILE_NAME, SAMPLE_SHEETS } from "../../src/sample/portfolioWorkbook";
import { baseUrl, launchChromium, offline } from "./browser";
import { openPanel } from "./navigation";

let browser: Browser;
let page: Page;
const SHEET = SAMPLE_SHEETS.nduIssues;
const pane = () => page.getByTestId("pane");
const panel = () => pane().getByRole("tabpanel");

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await offline(page);
  await page.goto(`${baseUrl()}/playground.html`);
  await page.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="sheet-view"]');
});

afterAll(async () => {
  await browser?.close();
});

it("a cell clicked in the sheet view fills the form with its sheet and its register's header row", async () => {
  // Where the sample's register on that sheet is, as the toolkit reads it in Node.
  const host = await XlsxHost.open(await samplePortfolioBytes(), SAMPLE_FILE_NAME);
  const register = (await detectRegisters(host)).find((r) => r.sheet === SHEET);
  if (!register) throw new Error(`the sample has no register on ${SHEET}`);
  const firstCol = parseRange(`${register.firstColumn}1`)?.left ?? 1;
  const clicked = `${columnLetter(firstCol + 1)}${register.firstRow + 1}`;

  await page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name: SHEET }).click();
  await page.locator(`[data-testid="sheet-view"][data-sheet="${SHEET}"] td[data-cell="${clicked}"]`).click();
  await expect(page.locator(`td[data-cell="${clicked}"]`).getAttribute("data-selected")).resolves.toBe("true");

  await openPanel(page, pane(), "registers");
  await panel().getByRole("button", { name: /This is a register/ }).click();
  const form = panel().getByRole("region", { name: "Say where a register is" });
  const row = form.getByRole("spinbutton", { name: "Header row" });
  // The form fills itself in once it has read the selection.
  await page.waitForFunction((want) => (document.querySelector('[aria-label="Say where a register is"] input[type="number"]') as HTMLInputElement | null)?.value === want, String(register.headerRow), { timeout: 20_000 });
  await expect(row.inputValue()).resolves.toBe(String(register.headerRow));
  await expect(form.getByRole("combobox", { name: "Sheet" }).inputValue()).resolves.toBe(SHEET);
  await expect(form.getByRole("status").textContent()).resolves.toContain(`selected cell ${clicked} on “${SHEET}”`);

  // Keyboard: two rows down in the sheet view, then the form reads the selection again.
  await page.getByTestId("sheet-view").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const moved = `${columnLetter(firstCol + 1)}${register.firstRow + 3}`;
  await expect(page.locator(`td[data-cell="${moved}"]`).getAttribute("data-selected")).resolves.toBe("true");
  await form.getByRole("button", { name: "Use the selected cell" }).click();
  await page.waitForFunction((text) => document.querySelector('[aria-label="Say where a register is"] [role="status"]')?.textContent?.includes(text) ?? false, `selected cell ${moved}`);
  await expect(row.inputValue()).resolves.toBe(String(register.headerRow));
});
