/**
 * The Rollup panel in the playground: its code arrives only when the tab is
 * first opened; it finds the sample's three projects, reads a project
 * workbook picked from disk in the pane (and says why a bad one cannot be
 * read), fits 320 px with no serious accessibility problems, works from the
 * keyboard, and writes the Portfolio sheet through a previewed plan that
 * Undo takes back.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { projectWorkbook } from "../rollup-fixtures/project-workbook";
import { playgroundForTests, seriousAxeViolations } from "./browser";
import { openPanel } from "./navigation";
import { SCREENSHOTS } from "./paths";

let page: Page;

const { scripts, pane, panel } = playgroundForTests(320, (opened) => (page = opened));

describe("the Rollup panel", () => {
  it("loads its code when first opened and finds the sample's projects", async () => {
    const before = scripts.length;
    await openPanel(page, pane(), "rollup");
    await panel().getByRole("heading", { name: "In this workbook (3)" }).waitFor({ timeout: 60_000 });
    expect(scripts.some((s, i) => i >= before && /rollup-panel/.test(s))).toBe(true);
    const names = await panel().getByRole("list").first().getByRole("listitem").allTextContents();
    expect(names.join(" ")).toMatch(/Northgate Depot Upgrade.*Customer Portal Replatform.*Finance System Consolidation/);
  });

  it("reads picked project workbooks in the pane, and says why one cannot be read", async () => {
    const { bytes, truth } = await projectWorkbook(3);
    await panel().getByTestId("rollup-file-input").setInputFiles([
      { name: "east project.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(bytes) },
      { name: "broken.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("not a zip") },
    ]);
    await panel().getByRole("heading", { name: "From other workbooks (1)" }).waitFor({ timeout: 60_000 });
    const picked = panel().getByRole("list", { name: "Picked workbooks" });
    await expect(picked.textContent()).resolves.toContain(truth.name);
    await expect(picked.textContent()).resolves.toMatch(/broken\.xlsx.*Not rolled up/);
  });

  it("fits 320 px, has no serious accessibility problems and is reached by keyboard", async () => {
    await panel().getByRole("button", { name: "Write the Portfolio sheet" }).waitFor();
    const overflow = await pane().evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await panel().getByRole("button", { name: "Read again" }).focus();
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.textContent === "Write the Portfolio sheet");
    }
    expect(reached).toBe(true);
    await pane().screenshot({ path: path.join(SCREENSHOTS, "panel-rollup-320.png") });
  });

  it("writes the Portfolio sheet through the previewed plan, and Undo takes it back", async () => {
    await expect(panel().textContent()).resolves.toMatch(/Portfolio rollup/);
    await page.keyboard.press("Enter");
    await panel().getByRole("button", { name: "Undo" }).waitFor({ timeout: 60_000 });
    await page.getByRole("tab", { name: "Portfolio rollup" }).click();
    await page.locator('[data-testid="sheet-view"][data-sheet="Portfolio rollup"]').waitFor();
    await expect(page.locator('[data-testid="sheet-view"]').textContent()).resolves.toMatch(/Northgate Depot Upgrade[\s\S]*Total/);
    // The Total row's formulas show their figures (cached in the file), not blanks: the budget total is the projects' budgets added.
    const shown = await page.locator('[data-testid="sheet-view"] [data-cell]').evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.getAttribute("data-cell"), td.textContent ?? ""])));
    const rowOf = (text: string) => Object.entries(shown).find(([ref, t]) => /^A\d+$/.test(ref) && t === text)?.[0].slice(1);
    const budget = Object.entries(shown).find(([ref, t]) => /^[A-Z]+4$/.test(ref) && t === "Budget")?.[0].replace(/\d+$/, "");
    const totalRow = Number(rowOf("Total"));
    expect(budget && totalRow).toBeTruthy();
    const amount = (t: string | undefined) => Number((t ?? "").replace(/,/g, ""));
    const projects = Object.entries(shown).filter(([ref]) => ref.startsWith("B") && Number(ref.slice(1)) > 4 && Number(ref.slice(1)) < totalRow && shown[ref] !== "");
    expect(projects.length).toBeGreaterThanOrEqual(3); // the sample's three and the workbook picked above
    const total = shown[`${budget}${totalRow}`];
    expect(total).toMatch(/^\d{1,3}(,\d{3})+$/);
    expect(amount(total)).toBe(projects.reduce((n, [ref]) => n + amount(shown[`${budget}${ref.slice(1)}`]), 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, "rollup-sheet.png") });
    await panel().getByRole("button", { name: "Undo" }).click();
    await page.getByRole("tab", { name: "Portfolio rollup" }).waitFor({ state: "detached" });
  });
});
