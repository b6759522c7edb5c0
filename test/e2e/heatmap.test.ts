/**
 * The Heat Map panel in the playground: its code arrives only when the tab is
 * first opened; the sample's first risk register is drawn as a grid whose
 * cells say their count and band in words, at 320 px with no serious
 * accessibility problems; a cell and one of its risks, reached with the
 * keyboard alone, show the risk in the sheet view; the residual map of a
 * register that records one; the map drawn on a sheet as a previewed plan
 * that Undo takes back.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { playgroundForTests, seriousAxeViolations } from "./browser";
import { openPanel } from "./navigation";
import { SCREENSHOTS } from "./paths";

let page: Page;

const { scripts, pane, panel, status } = playgroundForTests(320, (opened) => (page = opened));
/** NDU Risks holds one open risk at probability 4 (Likely), impact 4 (Major), score 16: the Critical band. */
const CELL = /^1 Critical: risk at probability 4 Likely, impact 4 Major$/;

describe("the Heat Map panel", () => {
  it("loads its code when first opened, then draws the first register's map with counts and band names", async () => {
    const before = scripts.length;
    await openPanel(page, pane(), "heatmap");
    await status().filter({ hasText: /on the inherent map \(5 × 5\)/ }).waitFor({ timeout: 60_000 });
    expect(scripts.length).toBeGreaterThan(before);
    const cells = panel().getByRole("table").getByRole("button");
    await expect(cells.count()).resolves.toBe(25);
    const texts = await cells.allTextContents();
    for (const t of texts) expect(t).toMatch(/^\d+ (Low|Medium|High|Critical)$/);
    await expect(panel().getByRole("button", { name: CELL }).count()).resolves.toBe(1);
  });

  it("fits 320 px and has no serious or critical accessibility problems", async () => {
    await panel().getByRole("button", { name: CELL }).click();
    const overflow = await pane().evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
    // An axis label may wrap between words, never inside one ("Catastrop / hic").
    const brokenWords = await panel()
      .getByRole("table")
      .evaluate((table) => {
        const broken: string[] = [];
        for (const th of Array.from(table.querySelectorAll("th"))) {
          const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? "";
            for (const m of text.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(node, m.index ?? 0);
              range.setEnd(node, (m.index ?? 0) + m[0].length);
              if (range.getClientRects().length > 1) broken.push(m[0]);
            }
          }
        }
        return broken;
      });
    expect(brokenWords).toEqual([]);
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await pane().screenshot({ path: path.join(SCREENSHOTS, "panel-heatmap-320.png") });
  });

  it("takes the keyboard to a cell, lists its risks and shows the chosen one in the sheet view", async () => {
    await panel().getByRole("button", { name: "Read again" }).focus();
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate((source) => new RegExp(source).test(document.activeElement?.getAttribute("aria-label") ?? ""), CELL.source);
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    const risk = panel().getByRole("region", { name: "Risks in the chosen cell" }).getByRole("button");
    await expect(risk.count()).resolves.toBe(1);
    await risk.focus();
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="sheet-view"][data-sheet="NDU Risks"]').waitFor();
    const selected = page.locator('[data-selected="true"]');
    await expect(selected.count()).resolves.toBe(1);
    const label = (await risk.textContent()) ?? "";
    const address = /!([A-Z]+\d+)\)$/.exec(label)?.[1];
    await expect(selected.getAttribute("data-cell")).resolves.toBe(address);
  });

  it("switches to the residual map of a register that records one", async () => {
    await panel().getByRole("combobox", { name: "Register" }).selectOption({ label: "FSC Risk Log" });
    await panel().getByRole("button", { name: "Residual" }).click();
    await status().filter({ hasText: /on the residual map/ }).waitFor();
    await pane().screenshot({ path: path.join(SCREENSHOTS, "panel-heatmap-residual-320.png") });
  });

  it("draws the map on a sheet through a previewed plan, and Undo takes it back", async () => {
    await panel().getByRole("button", { name: "Draw on a sheet…" }).click();
    await panel().getByRole("button", { name: "Draw the map" }).click();
    await expect(panel().getByRole("button", { name: "Undo" }).isEnabled()).resolves.toBe(true);
    // The sheet tabs follow once the playground has read the workbook again.
    await page.getByRole("tab", { name: /^Heat Map NDU Risks/ }).first().waitFor();
    await panel().getByRole("button", { name: "Undo" }).click();
    await page.getByRole("tab", { name: /^Heat Map NDU Risks/ }).waitFor({ state: "detached" });
  });
});
