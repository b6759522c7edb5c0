/**
 * The Reconcile panel in the playground: its code arrives only when the tab is
 * first opened; a ledger CSV picked from disk is read in the pane and matched
 * against the sample's budget tracker; the result shows by section with
 * counts, totals and the tie-out in words, fits 320 px with no serious
 * accessibility problems; a line reached with the keyboard selects its cell;
 * the Reconciliation sheet is written as a plan and Undo takes it back.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { findTracker } from "../../src/jobs/reconcile";
import { PREVIEW_ROWS } from "../../src/jobs/registers/detect";
import { samplePortfolioBytes } from "../../src/sample/portfolioWorkbook";
import { ledgerForActuals } from "../unit/jobs/reconcile/reconcile-books";
import { playgroundForTests, seriousAxeViolations } from "./browser";
import { openPanel } from "./navigation";
import { SCREENSHOTS } from "./paths";

let page: Page;
let ledgerCsv = "";
let firstActualCell = "";
let trackerSheet = "";

const { scripts, pane, panel, status } = playgroundForTests(320, (opened) => (page = opened));

beforeAll(async () => {
  const host = await XlsxHost.open(await samplePortfolioBytes(), "sample.xlsx");
  const tracker = await findTracker(host, await host.outline({ previewRows: PREVIEW_ROWS }), "sample.xlsx");
  ledgerCsv = ledgerForActuals(tracker.actuals, 5);
  trackerSheet = tracker.actuals.sheet;
  firstActualCell = tracker.actuals.lines[0].cell;
});

describe("the Reconcile panel", () => {
  it("loads its code when first opened, reads a picked ledger and shows the sections with counts and the tie-out", async () => {
    const before = scripts.length;
    await openPanel(page, pane(), "reconcile");
    await panel().getByRole("button", { name: "Choose the ledger file…" }).waitFor({ timeout: 60_000 });
    expect(scripts.length).toBeGreaterThan(before);
    await panel().getByTestId("ledger-file-input").setInputFiles({ name: "ledger.csv", mimeType: "text/csv", buffer: Buffer.from(ledgerCsv) });
    await status().filter({ hasText: /tie out/ }).waitFor({ timeout: 60_000 });
    await expect(status().filter({ hasText: /tie out/ }).textContent()).resolves.toMatch(/both sides tie out; 1 amount differences, 0 timing differences, 1 tracker only, 1 ledger only/);
    const headings = await panel().getByRole("heading", { level: 3 }).allTextContents();
    expect(headings).toEqual(expect.arrayContaining(["Tie-out", expect.stringMatching(/^Matched \(\d+\)$/), "Amount differences (1)", "Ledger only (not in the tracker) (1)"]));
    const tie = panel().getByRole("region", { name: "Tie-out" });
    await expect(tie.getByRole("row", { name: /Ties out/ }).textContent()).resolves.toBe("Ties outYesYes");
  });

  it("fits 320 px and has no serious or critical accessibility problems", async () => {
    const overflow = await pane().evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await pane().screenshot({ path: path.join(SCREENSHOTS, "panel-reconcile-320.png") });
  });

  it("takes the keyboard to a line and selects its actual on the tracker", async () => {
    await panel().getByRole("button", { name: /Choose another ledger/ }).focus();
    const differences = panel().locator('[data-section="differences"] button').first();
    const name = (await differences.textContent()) ?? "";
    let reached = false;
    for (let i = 0; i < 120 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate((text) => document.activeElement?.textContent === text, name);
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    await page.locator(`[data-testid="sheet-view"][data-sheet="${trackerSheet}"]`).waitFor();
    await expect(page.locator(`[data-cell="${firstActualCell}"]`).getAttribute("data-selected")).resolves.toBe("true");
  });

  it("writes the Reconciliation sheet as a plan and undoes it", async () => {
    await panel().getByRole("button", { name: "Write the Reconciliation sheet" }).click();
    await expect(panel().getByRole("button", { name: "Undo" }).isEnabled()).resolves.toBe(true);
    const sheetTab = () => page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name: "Reconciliation", exact: true });
    await sheetTab().waitFor({ timeout: 30_000 });
    await panel().getByRole("button", { name: "Undo" }).click();
    await sheetTab().waitFor({ state: "detached", timeout: 30_000 });
  });
});
