/** Chromium from the system (never a downloaded one), headless, with the flags these machines need. */
import { readFileSync } from "node:fs";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { SERVER_FILE } from "./paths";

export function baseUrl(): string {
  return process.env.E2E_BASE_URL ?? (JSON.parse(readFileSync(SERVER_FILE, "utf8")) as { url: string }).url;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Nothing leaves the machine: office.js and any other outside request is refused. */
export async function offline(page: Page): Promise<void> {
  const base = baseUrl();
  await page.route("**/*", (route) => (route.request().url().startsWith(base) || route.request().url().startsWith("data:") || route.request().url().startsWith("blob:") ? route.continue() : route.abort()));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string; html?: string }[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!hasAxe) await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html })) }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isTabsterDummy(v.id, n.html)).map(({ target, failureSummary }) => ({ target, failureSummary })) }))
    .filter((v) => v.nodes.length > 0);
}

/**
 * Fluent UI's focus manager (tabster) puts aria-hidden, focusable <i> elements
 * around tab lists and menus that pass focus straight on; axe reports them as
 * aria-hidden-focus. This is a known false positive (microsoft/tabster#288,
 * microsoft/fluentui#25133), also suppressed by Accessibility Insights; only
 * those exact elements are excused, any other aria-hidden-focus still fails.
 */
function isTabsterDummy(rule: string, html: string | undefined): boolean {
  return rule === "aria-hidden-focus" && html !== undefined && /^<i [^>]*data-tabster-dummy/.test(html);
}

/**
 * A page on the playground with the pane at `paneWidth` px, once the pane is
 * ready; `scripts` collects every script URL fetched, so a test can tell that
 * a panel's chunk arrived only when its tab was opened.
 */
export async function openPlayground(browser: Browser, paneWidth: number, scripts?: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await offline(page);
  if (scripts) page.on("request", (r) => (r.resourceType() === "script" ? void scripts.push(r.url()) : undefined));
  await page.goto(`${baseUrl()}/playground.html`);
  await page.waitForSelector('body[data-pane-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="sheet-view"]');
  await page.getByTestId("pane").evaluate((el, w) => (el.style.width = `${w}px`), paneWidth);
  return page;
}

/**
 * What `read` gives once it passes `ok`, or after `timeoutMs` whatever it gave
 * last: for what the page shows again after an apply, not at once (the
 * playground's sheet view and the panels read the workbook again first).
 */
export async function settled<T>(page: Page, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last) && Date.now() < until) {
    await page.waitForTimeout(100);
    last = await read();
  }
  return last;
}

/** Waits until the text of the element `selector` finds passes `ok`, as settled does. */
export async function textSettles(page: Page, selector: string, ok: (text: string | null) => boolean, timeoutMs = 10_000): Promise<void> {
  await settled(page, () => page.locator(selector).textContent(), ok, timeoutMs);
}

/** One playground page shared by a test file's tests, and the pane's parts they look at. */
export interface PlaygroundForTests {
  /** Every script the page requested, in order: a panel's code is seen arriving when it is first opened. */
  scripts: string[];
  pane(): Locator;
  /** The open panel. */
  panel(): Locator;
  /** The open panel's status line. */
  status(): Locator;
}

/**
 * Opens the playground with the pane `paneWidth` wide before a test file's
 * tests and closes it after them; `use` receives the page once it is open.
 */
export function playgroundForTests(paneWidth: number, use: (page: Page) => void): PlaygroundForTests {
  let browser: Browser | undefined;
  let page: Page | undefined;
  const scripts: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPlayground(browser, paneWidth, scripts);
    use(page);
  });
  afterAll(async () => {
    await browser?.close();
  });
  const opened = (): Page => {
    if (!page) throw new Error("the playground is not open yet: use the page inside a test");
    return page;
  };
  const pane = () => opened().getByTestId("pane");
  const panel = () => pane().getByRole("tabpanel");
  return { scripts, pane, panel, status: () => panel().getByRole("status") };
}
