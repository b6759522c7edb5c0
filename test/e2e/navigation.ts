/**
 * The pane's navigation as a user drives it: a panel's tab when it is shown,
 * the More menu when it is not. Works for any number of panels.
 */
import type { Locator, Page } from "playwright-core";

export const jobsNavigation = (scope: Locator | Page): Locator => scope.getByRole("navigation", { name: "Jobs" });
const tabOf = (scope: Locator | Page, id: string): Locator => jobsNavigation(scope).locator(`[role="tab"][data-panel="${id}"]`);
const moreButton = (scope: Locator | Page): Locator => jobsNavigation(scope).getByTestId("more-panels");

/** Every panel's id, in order, whether its tab is shown or under More. */
export function panelIds(scope: Locator | Page): Promise<string[]> {
  return jobsNavigation(scope)
    .locator('[role="tab"][data-panel]')
    .evaluateAll((tabs) => tabs.map((t) => t.getAttribute("data-panel") ?? ""));
}

export function moreIsShown(scope: Locator | Page): Promise<boolean> {
  return moreButton(scope).isVisible();
}

/** Waits until `id` is the open panel, its region labelled by its tab. */
export async function waitForOpenPanel(scope: Locator | Page, id: string): Promise<void> {
  await scope.locator(`[role="tabpanel"][aria-labelledby="pane-tab-${id}"]`).waitFor();
}

/**
 * Opens a panel with the mouse: its tab, or More and then its menu entry.
 * The strip moves tabs under More some frames after the pane's width
 * changes, so a tab seen a moment ago may be gone when clicked: then it
 * looks again, as a person would.
 */
export async function openPanel(page: Page, scope: Locator | Page, id: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await tabOf(scope, id).isVisible()) await tabOf(scope, id).click({ timeout: 5_000 });
      else {
        await moreButton(scope).click({ timeout: 5_000 });
        await page.locator(`[role="menuitemradio"][data-panel="${id}"]`).click({ timeout: 5_000 });
      }
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      // A menu left open by a try that lost the race is closed before the next.
      await page.keyboard.press("Escape");
    }
  }
  await waitForOpenPanel(scope, id);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { panel: el?.getAttribute("data-panel") ?? null, more: el?.getAttribute("data-testid") === "more-panels", inNav: el?.closest('nav[aria-label="Jobs"]') !== null, role: el?.getAttribute("role") ?? null };
  });

/**
 * Opens a panel with the keyboard alone: Tab into the tab strip, arrow keys
 * along it, Enter on the panel's tab, or Enter on More, arrow keys down the
 * menu and Enter on the panel's entry.
 */
export async function openPanelWithKeyboard(page: Page, scope: Locator | Page, id: string): Promise<void> {
  let at = await focused(page);
  for (let i = 0; i < 40 && !(at.inNav && (at.role === "tab")); i++) {
    await page.keyboard.press("Tab");
    at = await focused(page);
  }
  if (!at.inNav) throw new Error("Tab never reached the pane's navigation");
  const count = (await panelIds(scope)).length + 1;
  for (let i = 0; i <= 2 * count; i++) {
    if (at.panel === id && at.role === "tab") {
      await page.keyboard.press("Enter");
      return waitForOpenPanel(scope, id);
    }
    if (at.more && !(await tabOf(scope, id).isVisible())) {
      await page.keyboard.press("Enter");
      await page.getByRole("menu", { name: "More panels" }).waitFor();
      for (let j = 0; j < count; j++) {
        if ((await focused(page)).panel === id) {
          await page.keyboard.press("Enter");
          return waitForOpenPanel(scope, id);
        }
        await page.keyboard.press("ArrowDown");
      }
      throw new Error(`panel ${id} is not in the More menu`);
    }
    await page.keyboard.press("ArrowRight");
    at = await focused(page);
  }
  throw new Error(`the arrow keys never reached panel ${id}`);
}
