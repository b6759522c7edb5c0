/**
 * The playground in a real browser: the sample loads, sheets switch, every
 * panel opens and passes axe, the tabs work from the keyboard alone, settings
 * save and undo through a plan, a bad file is named in the error, and a
 * 10,000-row sheet stays quick. Screenshots go to test-results/screenshots.
 */
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { baseUrl, launchChromium, offline, seriousAxeViolations, settled } from "./browser";
import { openPanel, openPanelWithKeyboard, panelIds } from "./navigation";
import { SCREENSHOTS } from "./paths";

let browser: Browser;
let context: BrowserContext;
let page: Page;

async function openPlayground(query = ""): Promise<number> {
  const started = Date.now();
  await page.goto(`${baseUrl()}/playground.html${query}`);
  await page.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="sheet-view"]');
  return Date.now() - started;
}

const pane = () => page.getByTestId("pane");

/** Each group of tests can run alone (jest -t): open the sample unless it is already open and unchanged. */
async function ensureSample(): Promise<void> {
  const onSample = page.url().endsWith("/playground.html") && (await page.getByTestId("file-name").textContent().catch(() => null)) === "Sample PMO portfolio.xlsx";
  if (!onSample) await openPlayground();
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
  page = await context.newPage();
  await offline(page);
});

afterAll(async () => {
  await browser?.close();
});

describe("when the playground opens", () => {
  it("shows the sample portfolio: its file name, a tab per sheet and the first sheet's cells", async () => {
    const ms = await openPlayground();
    await expect(page.getByTestId("file-name").textContent()).resolves.toBe("Sample PMO portfolio.xlsx");
    const sheetTabs = page.getByRole("tablist", { name: "Sheets" }).getByRole("tab");
    await expect(sheetTabs.count()).resolves.toBe(13);
    await expect(page.locator('[data-cell="A5"]').textContent()).resolves.toBe("Northgate Depot Upgrade");
    // Dates and money shown as a person would read them, not serials.
    await expect(page.locator('[data-cell="I5"]').textContent()).resolves.toBe("18/07/2025");
    await expect(page.locator('[data-cell="G5"]').textContent()).resolves.toBe("2,171,000");
    await page.screenshot({ path: path.join(SCREENSHOTS, "playground.png") });
    // The pane marks the moment it became usable; the bench reads the same mark.
    const readyAt = await page.evaluate(() => performance.getEntriesByName("pmo:pane-ready")[0]?.startTime ?? null);
    expect(readyAt).toEqual(expect.any(Number));
    console.log(`playground ready in ${ms} ms (pane interactive ${Math.round(readyAt ?? 0)} ms after navigation, development build)`);
  });

  it("lists the workbook's sheets in the Workbook panel, flagging the sheet name with trailing spaces", async () => {
    await ensureSample();
    await expect(pane().getByRole("heading", { name: "Sample PMO portfolio.xlsx" })).toBeTruthy();
    const cpr = pane().getByRole("listitem", { name: "Sheet CPR Risks" });
    await expect(cpr.getByText("spaces in name").count()).resolves.toBe(1);
    await expect(pane().getByRole("list", { name: "Tables on CPR Issues" }).textContent()).resolves.toContain("CPR_Issues");
  });
});

describe("when another sheet tab is chosen", () => {
  it("draws that sheet, with its title rows, typo'd header and table outline", async () => {
    await ensureSample();
    await page.getByRole("tab", { name: "NDU Risks" }).click();
    await expect(page.getByTestId("sheet-view").getAttribute("data-sheet")).resolves.toBe("NDU Risks");
    await expect(page.locator('[data-cell="B1"]').textContent()).resolves.toBe("Northgate Depot Upgrade – Risk Register");
    await expect(page.locator('[data-cell="I5"]').textContent()).resolves.toContain("Concequence");
    // The merged title spans B1:N1.
    await expect(page.locator('[data-cell="B1"]').getAttribute("colspan")).resolves.toBe("13");

    await page.getByRole("tab", { name: "CPR Issues" }).click();
    const header = page.locator('[data-cell="A2"]');
    await expect(header.getAttribute("title")).resolves.toContain("Table CPR_Issues");
    await page.locator('[data-testid="sheet-view"]').screenshot({ path: path.join(SCREENSHOTS, "sheet-cpr-issues.png") });
  });
});

describe("every panel", () => {
  it("opens, shows a heading, and has no serious or critical accessibility problems", async () => {
    await ensureSample();
    const names = await panelIds(pane());
    expect(names).toEqual(expect.arrayContaining(["overview", "settings"]));
    for (const name of names) {
      await openPanel(page, pane(), name);
      const panel = pane().getByRole("tabpanel");
      await panel.getByRole("heading", { level: 2 }).first().waitFor();
      await expect(panel.getAttribute("aria-labelledby")).resolves.toBe(`pane-tab-${name}`);
      await page.waitForTimeout(150);
      await pane().screenshot({ path: path.join(SCREENSHOTS, `panel-${name}.png`) });
      const violations = await seriousAxeViolations(page);
      expect({ panel: name, violations }).toEqual({ panel: name, violations: [] });
    }
  });

  it("fits a 320 px pane without sideways scrolling", async () => {
    await ensureSample();
    await pane().evaluate((el) => (el.style.width = "320px"));
    try {
      for (const name of await panelIds(pane())) {
        await openPanel(page, pane(), name);
        await pane().getByRole("tabpanel").getByRole("heading", { level: 2 }).first().waitFor();
        const overflow = await pane().evaluate((el) => el.scrollWidth - el.clientWidth);
        expect({ panel: name, overflow }).toEqual({ panel: name, overflow: 0 });
        await pane().screenshot({ path: path.join(SCREENSHOTS, `panel-${name}-320.png`) });
      }
    } finally {
      await pane().evaluate((el) => (el.style.width = ""));
    }
  });
});

describe("with the keyboard alone", () => {
  it("reaches the job tabs with Tab and opens every panel with the arrow keys, the More menu and Enter", async () => {
    await openPlayground();
    for (const name of await panelIds(pane())) {
      await page.locator("body").focus();
      await openPanelWithKeyboard(page, pane(), name);
      await pane().getByRole("tabpanel").getByRole("heading", { level: 2 }).first().waitFor();
    }
    await pane().getByRole("heading", { name: "Workbook settings" }).waitFor();
    // The focused control (the tab, or More after a menu choice) shows a visible focus ring.
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el, "::after");
      return `${s.borderTopWidth} ${s.borderTopStyle} ${getComputedStyle(el).outlineStyle}`;
    });
    expect(outline).not.toBe("0px none none");
  });

  it("saves a setting through a previewed plan, then undoes it", async () => {
    await ensureSample();
    await openPanel(page, pane(), "settings");
    const currency = pane().getByRole("combobox", { name: "Currency" });
    await currency.focus();
    await currency.selectOption("EUR");
    const preview = pane().getByRole("region", { name: "Save workbook settings" });
    await expect(preview.textContent()).resolves.toContain("Records “settings” in the workbook");
    await pane().screenshot({ path: path.join(SCREENSHOTS, "panel-settings-preview.png") });
    const save = pane().getByRole("button", { name: "Save settings" });
    await save.focus();
    await page.keyboard.press("Enter");
    await pane().getByText("Applied").waitFor();
    // After a save the stored value is the form's value, and the form is clean again.
    await expect(currency.inputValue()).resolves.toBe("EUR");
    await expect(settled(page, () => save.isDisabled(), (v) => v)).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Undo");
    await page.keyboard.press("Space");
    await pane().getByText("Undone").waitFor();
    // The panel reads the workbook's record again after the undo, as a read of the package it stands in.
    await expect(settled(page, () => currency.inputValue(), (v) => v === "GBP")).resolves.toBe("GBP");
  });
});

describe("the theme switch", () => {
  it("offers Office's light, dark and high-contrast themes and draws the pane in the one chosen", async () => {
    await ensureSample();
    const theme = page.getByRole("combobox", { name: "Office theme" });
    await expect(theme.locator("option").allTextContents()).resolves.toEqual(["Light", "Dark", "High contrast"]);
    const paneBackground = () => pane().locator(".fui-FluentProvider").first().evaluate((el) => getComputedStyle(el).getPropertyValue("--colorNeutralBackground1").trim());
    await expect(paneBackground()).resolves.toBe("#ffffff");
    await theme.selectOption("dark");
    await expect(paneBackground()).resolves.toBe("#292929");
    await page.screenshot({ path: path.join(SCREENSHOTS, "playground-dark.png") });
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await theme.selectOption("highContrast");
    await expect(paneBackground()).resolves.toBe("#000000");
    await theme.selectOption("light");
  });
});

describe("when the user opens a file that is not a workbook", () => {
  it("names the file in an error and keeps the workbook that was open", async () => {
    await ensureSample();
    await page.getByTestId("file-input").setInputFiles({ name: "Q3 risks.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("this is not a zip file") });
    const alert = page.getByRole("alert");
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain("Could not open “Q3 risks.xlsx”");
    await expect(page.getByTestId("file-name").textContent()).resolves.toBe("Sample PMO portfolio.xlsx");
    await page.screenshot({ path: path.join(SCREENSHOTS, "open-error.png") });
  });
});

describe("when the workbook is downloaded", () => {
  it("gives back an .xlsx file with the workbook's name", async () => {
    await ensureSample();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toBe("Sample PMO portfolio.xlsx");
    const file = await download.path();
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(file).subarray(0, 2).toString("latin1")).toBe("PK");
  });
});

describe("when a workbook with parts ExcelJS does not model is edited and downloaded", () => {
  it("gives back every such part byte for byte, with the edit in place", async () => {
    const [{ default: JSZip }, { samplePortfolioBytes }, { FOREIGN_PARTS, withForeignParts }] = await Promise.all([
      import("jszip"),
      import("../../src/sample/portfolioWorkbook"),
      import("../unit/hosts/xlsx/foreign-parts"),
    ]);
    const bytes = await withForeignParts(await samplePortfolioBytes());
    await ensureSample();
    await page.getByTestId("file-input").setInputFiles({ name: "Portfolio with pivot.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from(bytes) });
    await page.getByTestId("file-name").filter({ hasText: "Portfolio with pivot.xlsx" }).waitFor();
    const sheet = (await page.getByTestId("sheet-view").getAttribute("data-sheet")) ?? "";
    await page.locator('[data-testid="sheet-view"] td[data-cell="A5"]').click();
    const value = page.getByRole("textbox", { name: "Value of A5" });
    await value.fill("Renamed project");
    await value.press("Enter");
    await page.locator('td[data-cell="A5"]', { hasText: "Renamed project" }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toBe("Portfolio with pivot.xlsx");
    const { readFileSync } = await import("node:fs");
    const saved = await JSZip.loadAsync(readFileSync(await download.path()));
    const original = await JSZip.loadAsync(bytes);
    for (const part of FOREIGN_PARTS) {
      expect({ part, bytes: Buffer.from((await saved.file(part)?.async("uint8array")) ?? []).toString("base64") }).toEqual({ part, bytes: Buffer.from(await original.file(part)!.async("uint8array")).toString("base64") });
    }
    expect(await saved.file("xl/workbook.xml")!.async("string")).toMatch(/<pivotCache cacheId="7"/);
    const { PackageWorkbook } = await import("../../src/hosts/xlsx/package-read");
    const reread = await PackageWorkbook.open(new Uint8Array(await saved.generateAsync({ type: "uint8array" })), "saved.xlsx");
    await expect(reread.read(sheet, "A5").then((g) => g.values)).resolves.toEqual([["Renamed project"]]);
  });
});

describe("a 10,000-row register", () => {
  it("opens and scrolls to its last row while drawing only the rows on screen", async () => {
    const ms = await openPlayground("?sample=large&rows=10000");
    const view = page.getByTestId("sheet-view");
    const started = Date.now();
    await view.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.locator('[data-cell="A10001"]').waitFor({ timeout: 5_000 });
    const scrollMs = Date.now() - started;
    await expect(page.locator('[data-cell="A10001"]').textContent()).resolves.toBe("R-10000");
    const drawn = await page.locator("[data-testid=sheet-view] tbody tr").count();
    expect(drawn).toBeLessThan(150);
    console.log(`10,000-row register ready in ${ms} ms; scroll to the end drawn in ${scrollMs} ms`);
  });
});

describe("the task pane page outside Excel", () => {
  it("mounts without office.js and says where the pane works", async () => {
    await page.goto(`${baseUrl()}/taskpane.html`);
    await page.waitForSelector('body[data-pane-ready="true"]');
    await page.getByRole("heading", { name: "Open PMO Toolkit from Excel" }).waitFor();
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
  });
});
