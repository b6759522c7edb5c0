/**
 * The Finance panel in the playground: its code arrives only when the tab is
 * first opened; it shows the sample's projects with RAG in words and an
 * S-curve at 320 px with no serious accessibility problems; the summary sheet
 * is written through a previewed plan reached with the keyboard, and Undo
 * takes it back.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { playgroundForTests, seriousAxeViolations } from "./browser";
import { openPanel } from "./navigation";
import { SCREENSHOTS } from "./paths";

let page: Page;

const { scripts, pane, panel, status } = playgroundForTests(320, (opened) => (page = opened));

describe("the Finance panel", () => {
  it("loads its code when first opened, then shows each project's figures with RAG in words and an S-curve", async () => {
    const before = scripts.length;
    await openPanel(page, pane(), "finance");
    await status().filter({ hasText: /projects? from \d+ trackers?/ }).waitFor({ timeout: 60_000 });
    expect(scripts.length).toBeGreaterThan(before);
    const headings = await panel().getByRole("heading", { level: 3 }).allTextContents();
    expect(headings).toEqual(expect.arrayContaining(["NDU Budget", "FSC EVM"]));
    const fsc = panel().locator('[data-project="FSC EVM"]');
    await expect(fsc.getByText(/^Red: past the red threshold$/).count()).resolves.toBe(1);
    await expect(fsc.locator("dd").first().textContent()).resolves.toBe("1,450,000");
    const curve = fsc.getByRole("img");
    await expect(curve.count()).resolves.toBe(1);
    await expect(curve.locator("path").count()).resolves.toBe(3);
  });

  it("fits 320 px and has no serious or critical accessibility problems", async () => {
    const overflow = await pane().evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await pane().screenshot({ path: path.join(SCREENSHOTS, "panel-finance-320.png") });
    await panel().locator('[data-project="FSC EVM"]').screenshot({ path: path.join(SCREENSHOTS, "panel-finance-s-curve-320.png") });
  });

  it("writes the summary sheet through a preview reached with the keyboard, and Undo takes it back", async () => {
    await panel().getByRole("button", { name: "Compute again" }).focus();
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => /Write the summary sheet/.test(document.activeElement?.textContent ?? ""));
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    await panel().getByText(/Adds sheet “PMO Finance”/).waitFor();
    await panel().getByRole("button", { name: "Write it" }).click();
    await expect(panel().getByRole("button", { name: "Undo" }).isEnabled()).resolves.toBe(true);
    const sheetTab = () => page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name: "PMO Finance" });
    await sheetTab().waitFor();
    await panel().getByRole("button", { name: "Undo" }).click();
    await sheetTab().waitFor({ state: "detached" });
  });
});
