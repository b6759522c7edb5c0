/**
 * The task pane page itself, as Excel opens it. Inside a simulated Excel
 * (office.js replaced by the in-memory Excel of the contract tests) it runs
 * its real start-up, Excel host and panels: every panel opens from the tabs
 * or the More menu with the keyboard alone, at 320 and 450 px, without
 * sideways scrolling and with no serious accessibility problem; the last
 * panel is remembered for the workbook; the pane follows Office's theme.
 * Outside Excel it meets the genuine office.js from @microsoft/office-js.
 * Screenshots of every panel, light and dark, go to test-results/screenshots.
 */
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { baseUrl, launchChromium, offline, seriousAxeViolations } from "./browser";
import { moreIsShown, openPanel, openPanelWithKeyboard, panelIds, waitForOpenPanel } from "./navigation";
import { serveOfficeJsFromPackage, simulateExcel } from "./office";
import type { SimulatorOptions } from "./excel-simulator/options";
import { SCREENSHOTS } from "./paths";

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openPane(width: number, options: Partial<SimulatorOptions> = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await offline(page);
  await simulateExcel(page, options);
  await page.goto(`${baseUrl()}/taskpane.html`);
  await page.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
  return page;
}

/** Perceived lightness (0-255) of the pane's background. */
const paneLightness = (page: Page) =>
  page.locator(".fui-FluentProvider").first().evaluate((el) => {
    const [r, g, b] = (getComputedStyle(el).backgroundColor.match(/\d+/g) ?? ["255", "255", "255"]).map(Number);
    return 0.299 * r + 0.587 * g + 0.114 * b;
  });

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.each([320, 450])("the task pane in Excel, %i px wide", (width) => {
  let page: Page;
  beforeAll(async () => {
    page = await openPane(width);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("opens on the Workbook panel with the workbook's sheets, saying what the panel is for", async () => {
    await waitForOpenPanel(page, "overview");
    await page.getByRole("listitem", { name: "Sheet NDU Risks" }).waitFor();
    await expect(page.getByRole("tabpanel").getByText("Sheets, tables and registers found in the workbook.").count()).resolves.toBe(1);
  });

  it("opens every panel from the keyboard alone, with its purpose, no sideways scrolling and no serious accessibility problem", async () => {
    const ids = await panelIds(page);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    if (width === 320) expect(await moreIsShown(page)).toBe(true);
    await page.locator("body").focus();
    for (const id of ids) {
      await page.locator("body").focus();
      await openPanelWithKeyboard(page, page, id);
      const region = page.getByRole("tabpanel");
      await region.getByRole("heading", { level: 2 }).first().waitFor({ timeout: 60_000 });
      const purpose = await region.locator("p").first().textContent();
      expect({ id, purpose: (purpose ?? "").length > 10 }).toEqual({ id, purpose: true });
      await page.waitForTimeout(150);
      expect({ id, overflow: await sidewaysOverflow(page) }).toEqual({ id, overflow: 0 });
      expect({ id, violations: await seriousAxeViolations(page) }).toEqual({ id, violations: [] });
      await page.screenshot({ path: path.join(SCREENSHOTS, `taskpane-${id}-${width}.png`), fullPage: false });
    }
  });
});

describe("the last panel used", () => {
  it("is where the pane opens next time on the same workbook", async () => {
    const page = await openPane(320);
    await openPanel(page, page, "settings");
    await page.getByRole("heading", { name: "Workbook settings" }).waitFor();
    await page.reload();
    await page.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
    await waitForOpenPanel(page, "settings");
    await page.getByRole("heading", { name: "Workbook settings" }).waitFor();
    await page.context().close();
  });
});

describe("a panel opened for the first time", () => {
  it("shows a spinner while its code arrives", async () => {
    const page = await openPane(450);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/settings-panel[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await openPanel(page, page, "settings").catch(() => undefined);
    await page.getByRole("tabpanel").getByText("Opening Settings…").waitFor();
    release();
    await page.getByRole("heading", { name: "Workbook settings" }).waitFor();
    await page.context().close();
  });
});

describe("Office's theme", () => {
  it.each([
    ["light", { bodyBackgroundColor: "#FFFFFF" }],
    ["dark", { bodyBackgroundColor: "#262626", isDarkTheme: true }],
  ] as const)("in Office's %s theme, every panel is drawn in it (screenshots)", async (name, officeTheme) => {
    const page = await openPane(450, { officeTheme });
    const lightness = await paneLightness(page);
    if (name === "dark") expect(lightness).toBeLessThan(80);
    else expect(lightness).toBeGreaterThan(200);
    for (const id of await panelIds(page)) {
      await openPanel(page, page, id);
      await page.getByRole("tabpanel").getByRole("heading", { level: 2 }).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(SCREENSHOTS, `taskpane-${id}-${name}.png`) });
      expect({ id, violations: await seriousAxeViolations(page) }).toEqual({ id, violations: [] });
    }
    await page.context().close();
  });

  it("follows a change of Office's theme made while the pane is open, once the pane comes back into view", async () => {
    const page = await openPane(320, { officeTheme: { bodyBackgroundColor: "#FFFFFF", isDarkTheme: false } });
    expect(await paneLightness(page)).toBeGreaterThan(200);
    // Excel raises no event: the person changes the theme in File > Account and comes back to the pane.
    await page.evaluate(() => {
      const office = (window as unknown as { Office: { context: { officeTheme: unknown } } }).Office;
      office.context.officeTheme = { bodyBackgroundColor: "#262626", isDarkTheme: true };
      window.dispatchEvent(new Event("focus"));
    });
    // The dark theme's chunk is fetched on this first need for it.
    let lightness = await paneLightness(page);
    for (let i = 0; i < 50 && lightness >= 80; i++) {
      await page.waitForTimeout(200);
      lightness = await paneLightness(page);
    }
    expect(lightness).toBeLessThan(80);
    await page.screenshot({ path: path.join(SCREENSHOTS, "taskpane-theme-followed-320-dark.png") });
    await page.context().close();
  });

  it("with the system's high contrast on, uses the high-contrast theme", async () => {
    const context = await browser.newContext({ viewport: { width: 450, height: 900 }, forcedColors: "active" });
    const page = await context.newPage();
    await offline(page);
    await simulateExcel(page, { officeTheme: { bodyBackgroundColor: "#FFFFFF" } });
    await page.goto(`${baseUrl()}/taskpane.html`);
    await page.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
    await expect(page.locator(".fui-FluentProvider").first().evaluate((el) => getComputedStyle(el).getPropertyValue("--colorNeutralBackground1").trim())).resolves.toBe("#000000");
    await context.close();
  });
});

describe("the task pane page outside Excel, with the genuine office.js", () => {
  it("loads office.js from the package, meets its Office.onReady without a host, and says where the pane works", async () => {
    const context = await browser.newContext({ viewport: { width: 450, height: 700 } });
    const page = await context.newPage();
    await offline(page);
    const served = await serveOfficeJsFromPackage(page);
    await page.goto(`${baseUrl()}/taskpane.html`);
    await page.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
    expect(served).toContain("office.js");
    const info = await page.evaluate(async () => {
      const office = (window as unknown as { Office: { onReady: () => Promise<{ host: unknown }> } }).Office;
      return office.onReady();
    });
    expect(info.host).toBeNull();
    await page.getByRole("heading", { name: "Open PMO Toolkit from Excel" }).waitFor();
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await context.close();
  });
});
