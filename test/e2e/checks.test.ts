/**
 * The Checks panel in the playground: its code arrives only when the tab is
 * first opened; it lists the sample's findings by rule at 320 px with no
 * serious accessibility problems; a finding reached and chosen with the
 * keyboard alone shows its cell in the sheet view; the safe fixes apply as
 * one plan and Undo takes them back; a cell edited in the sheet view is
 * checked again without asking.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { playgroundForTests, seriousAxeViolations, textSettles } from "./browser";
import { openPanel } from "./navigation";
import { SCREENSHOTS } from "./paths";

let page: Page;

const { scripts, pane, panel, status } = playgroundForTests(320, (opened) => (page = opened));
/** A date typed as text in the sample's NDU issue log: read one way, so it has a safe fix. */
const FINDING = /^Warning NDU Issues!B5 /;

describe("the Checks panel", () => {
  it("loads its code when first opened, then lists the findings by rule with counts", async () => {
    const before = scripts.length;
    await openPanel(page, pane(), "checks");
    await status().filter({ hasText: /registers? checked/ }).waitFor({ timeout: 60_000 });
    expect(scripts.length).toBeGreaterThan(before);
    const headings = await panel().getByRole("heading", { level: 3 }).allTextContents();
    expect(headings.length).toBeGreaterThan(2);
    for (const h of headings) expect(h).toMatch(/\(\d+\)$/);
    await expect(panel().getByRole("button", { name: FINDING }).count()).resolves.toBe(1);
  });

  it("fits 320 px and has no serious or critical accessibility problems", async () => {
    const overflow = await pane().evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await pane().screenshot({ path: path.join(SCREENSHOTS, "panel-checks-findings-320.png") });
  });

  it("takes the keyboard to a finding and shows its cell in the sheet view", async () => {
    await panel().getByRole("button", { name: "Check again" }).focus();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate((source) => new RegExp(source).test(document.activeElement?.textContent ?? ""), FINDING.source);
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="sheet-view"][data-sheet="NDU Issues"]').waitFor();
    await expect(page.locator('[data-cell="B5"]').getAttribute("data-selected")).resolves.toBe("true");
    await expect(page.locator('[data-selected="true"]').count()).resolves.toBe(1);
  });

  it("fixes the safe ones through a previewed plan and undoes them", async () => {
    const text = await page.locator('[data-cell="B5"]').textContent();
    await panel().getByRole("button", { name: /^Fix \d+ safely/ }).click();
    await panel().getByRole("button", { name: "Fix them" }).click();
    await expect(panel().getByRole("button", { name: "Undo" }).isEnabled()).resolves.toBe(true);
    await panel().getByRole("button", { name: FINDING }).waitFor({ state: "detached" });
    // The sheet view draws the workbook as read again after the apply.
    await textSettles(page, `[data-cell="B5"]`, (t) => t !== text);
    await expect(page.locator('[data-cell="B5"]').textContent()).resolves.not.toBe(text);
    await panel().getByRole("button", { name: "Undo" }).click();
    await panel().getByRole("button", { name: FINDING }).waitFor();
    await textSettles(page, `[data-cell="B5"]`, (t) => t === text);
    await expect(page.locator('[data-cell="B5"]').textContent()).resolves.toBe(text);
  });

  it("checks again by itself after a cell is edited in the sheet view", async () => {
    await page.locator('[data-testid="sheet-view"][data-sheet="NDU Issues"] td[data-cell="B5"]').click();
    const value = page.getByRole("textbox", { name: "Value of B5" });
    await value.fill("sometime soon");
    await value.press("Enter");
    await textSettles(page, `[data-cell="B5"]`, (t) => t === "sometime soon");
    await expect(page.locator('[data-cell="B5"]').textContent()).resolves.toBe("sometime soon");
    // No "Check again": the panel heard the edit.
    await panel().getByRole("button", { name: /NDU Issues!B5 .*“sometime soon”/ }).waitFor({ timeout: 20_000 });
    // The old finding about the date typed as text has gone: B5's only finding is about what was typed.
    await expect(panel().getByRole("button", { name: /NDU Issues!B5 / }).count()).resolves.toBe(1);
  });
});
