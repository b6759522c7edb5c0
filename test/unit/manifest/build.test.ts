/**
 * The production build's manifest rewrite and page measuring, tested without
 * running webpack: the functions the config uses, and the config's own wiring.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { DEV_BASE_URL, resolveBaseUrl, rewriteManifestUrls } from "../../../scripts/manifest-url";
import { measurePage, pageScripts } from "../../../scripts/bundle-size";
import { PANELS } from "../../../src/taskpane/panels";

const repo = path.resolve(__dirname, "../../..");
const manifestText = fs.readFileSync(path.join(repo, "manifest.xml"), "utf8");
const devUrlCount = manifestText.split(DEV_BASE_URL).length - 1;

describe("resolveBaseUrl", () => {
  it("keeps the dev URL and warns when ADDIN_BASE_URL is unset or blank", () => {
    for (const env of [{}, { ADDIN_BASE_URL: "" }, { ADDIN_BASE_URL: "   " }]) {
      const result = resolveBaseUrl(env);
      expect(result.baseUrl).toBe(DEV_BASE_URL);
      expect(result.warning).toMatch(/ADDIN_BASE_URL is not set/);
    }
  });

  it("accepts an https folder URL", () => {
    expect(resolveBaseUrl({ ADDIN_BASE_URL: "https://pmo.example.org/addin/" })).toEqual({
      baseUrl: "https://pmo.example.org/addin/",
      warning: null,
    });
    expect(resolveBaseUrl({ ADDIN_BASE_URL: "https://pmo.example.org/" }).baseUrl).toBe("https://pmo.example.org/");
  });

  it.each([
    ["pmo.example.org/addin/", /not a URL/],
    ["http://pmo.example.org/addin/", /must start with https/],
    ["https://pmo.example.org/addin", /must end with "\/"/],
    ["https://pmo.example.org/addin/?v=2", /query/],
  ])("refuses %s with a message saying what to change", (value, message) => {
    expect(() => resolveBaseUrl({ ADDIN_BASE_URL: value })).toThrow(message);
  });
});

describe("rewriteManifestUrls", () => {
  it("points every dev URL in the manifest at the production folder, and the result is still valid XML", () => {
    const rewritten = rewriteManifestUrls(manifestText, "https://pmo.example.org/addin/");
    expect(devUrlCount).toBeGreaterThanOrEqual(8);
    expect(rewritten).not.toContain("localhost");
    expect(rewritten.split("https://pmo.example.org/addin/").length - 1).toBe(devUrlCount);
    expect(rewritten).toContain('DefaultValue="https://pmo.example.org/addin/taskpane.html"');
    expect(rewritten).toContain('DefaultValue="https://pmo.example.org/addin/assets/icon-80.png"');
    expect(XMLValidator.validate(rewritten)).toBe(true);
  });

  it("changes nothing for the dev URL", () => {
    expect(rewriteManifestUrls(manifestText, DEV_BASE_URL)).toBe(manifestText);
  });

  it("escapes characters that would break an XML attribute", () => {
    const rewritten = rewriteManifestUrls(manifestText, "https://example.org/a&b/");
    expect(rewritten).toContain('"https://example.org/a&amp;b/taskpane.html"');
    expect(XMLValidator.validate(rewritten)).toBe(true);
  });
});

describe("webpack.config.js", () => {
  type CopyPattern = { from: string; to: string; transform?: (content: Buffer) => string };
  type Config = {
    mode: string;
    entry: Record<string, string>;
    plugins: { constructor: { name: string }; patterns?: CopyPattern[]; userOptions?: { filename?: string; chunks?: string[] } }[];
  };
  // The config is plain JavaScript (webpack loads it without a TypeScript step).
  const makeConfig = require(path.join(repo, "webpack.config.js")) as (env: object, options: { mode: string }) => Promise<Config>;

  async function productionConfig(baseUrl: string | undefined): Promise<Config> {
    const saved = process.env.ADDIN_BASE_URL;
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      if (baseUrl === undefined) delete process.env.ADDIN_BASE_URL;
      else process.env.ADDIN_BASE_URL = baseUrl;
      return await makeConfig({}, { mode: "production" });
    } finally {
      warn.mockRestore();
      if (saved === undefined) delete process.env.ADDIN_BASE_URL;
      else process.env.ADDIN_BASE_URL = saved;
    }
  }

  function manifestPattern(config: Config): CopyPattern {
    const CopyWebpackPlugin = require("copy-webpack-plugin") as new () => object;
    const copy = config.plugins.find((p) => p instanceof CopyWebpackPlugin);
    const pattern = copy?.patterns?.find((p) => p.from === "manifest.xml");
    if (!pattern?.transform) throw new Error("webpack.config.js no longer copies manifest.xml through a transform");
    return pattern;
  }

  it("copies the manifest into dist/ rewritten to ADDIN_BASE_URL in a production build", async () => {
    const config = await productionConfig("https://pmo.example.org/addin/");
    const out = manifestPattern(config).transform!(Buffer.from(manifestText));
    expect(out).not.toContain("localhost");
    expect(out).toContain("https://pmo.example.org/addin/commands.html");
  });

  it("keeps localhost and warns when ADDIN_BASE_URL is unset", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const saved = process.env.ADDIN_BASE_URL;
    delete process.env.ADDIN_BASE_URL;
    try {
      const config = await makeConfig({}, { mode: "production" });
      expect(manifestPattern(config).transform!(Buffer.from(manifestText))).toBe(manifestText);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ADDIN_BASE_URL is not set/));
    } finally {
      warn.mockRestore();
      if (saved !== undefined) process.env.ADDIN_BASE_URL = saved;
    }
  });

  it("refuses to build with an unusable ADDIN_BASE_URL", async () => {
    await expect(productionConfig("http://pmo.example.org/addin/")).rejects.toThrow(/https/);
  });

  it("builds one page per surface, each loading only its own entry", async () => {
    const config = await makeConfig({}, { mode: "development" });
    expect(Object.keys(config.entry).sort()).toEqual(["commands", "playground", "taskpane"]);
    const pages = config.plugins
      .filter((p) => p.constructor.name === "HtmlWebpackPlugin" && p.userOptions?.chunks)
      .map((p) => [p.userOptions!.filename, p.userOptions!.chunks]);
    expect(pages).toEqual([
      ["taskpane.html", ["taskpane"]],
      ["commands.html", ["commands"]],
      ["playground.html", ["playground"]],
    ]);
  });
});

describe("bundle-size", () => {
  it("lists a page's local scripts in order, skipping the office.js CDN, quoted or not", () => {
    const html =
      '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>' +
      "<script defer src=vendor-react.1a2b.js></script><script defer=\"defer\" src='./taskpane.9f.js'></script>";
    expect(pageScripts(html)).toEqual(["vendor-react.1a2b.js", "taskpane.9f.js"]);
  });

  it("counts the scripts a page preloads as fetched at start, and nothing else it links", () => {
    const html =
      "<script defer src=taskpane.9f.js></script><link rel=preload as=script href=excel-host.1c.js>" +
      '<link href="overview-panel.2d.js" as="script" rel="preload"><link rel="stylesheet" href="x.css"><link rel="preload" as="font" href="f.woff2">' +
      "<link rel=prefetch as=script href=later.3e.js><link rel=preload as=script href=taskpane.9f.js>";
    expect(pageScripts(html)).toEqual(["taskpane.9f.js", "excel-host.1c.js", "overview-panel.2d.js"]);
  });

  it("preloads the Excel host and the panel the pane opens on when nothing is remembered", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the webpack config is CommonJS
    const { EXCEL_START_GROUPS } = require("../../../webpack.config.js") as { EXCEL_START_GROUPS: string[] };
    // Panel chunks are named "<id>-panel" (src/taskpane/panels/index.ts).
    expect(EXCEL_START_GROUPS).toEqual(["excel-host", `${PANELS[0]!.id}-panel`]);
  });

  it("adds up the gzipped size of what a page loads", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pmo-size-"));
    try {
      fs.writeFileSync(path.join(dir, "a.js"), "x".repeat(10_000));
      fs.writeFileSync(path.join(dir, "b.js"), "let y = 1;");
      fs.writeFileSync(path.join(dir, "page.html"), "<script src=a.js></script><script src=b.js></script>");
      const size = measurePage(dir, "page.html");
      expect(size.files.map((f) => f.file)).toEqual(["a.js", "b.js"]);
      expect(size.raw).toBe(10_010);
      // 10,000 repeated bytes compress to a few dozen.
      expect(size.gzip).toBeLessThan(200);
      expect(size.gzip).toBe(size.files[0]!.gzip + size.files[1]!.gzip);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("office.js for offline development (OFFICE_JS=local npm start)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the dev-server helper is CommonJS
  const local = require("../../../scripts/office-js-local") as {
    CDN_OFFICE_JS: string;
    wantsLocalOfficeJs: (env: Record<string, string | undefined>) => boolean;
    officeJsDist: () => string;
    pointAtLocalOfficeJs: (html: string) => string;
  };

  it("is asked for only by OFFICE_JS=local", () => {
    expect(local.wantsLocalOfficeJs({ OFFICE_JS: "local" })).toBe(true);
    expect(local.wantsLocalOfficeJs({ OFFICE_JS: "LOCAL" })).toBe(true);
    expect(local.wantsLocalOfficeJs({})).toBe(false);
    expect(local.wantsLocalOfficeJs({ OFFICE_JS: "cdn" })).toBe(false);
  });

  it("serves the package's office.js and points the pages' CDN script at it", () => {
    expect(fs.existsSync(path.join(local.officeJsDist(), "office.js"))).toBe(true);
    const page = fs.readFileSync(path.join(repo, "src/taskpane/taskpane.html"), "utf8");
    expect(page).toContain(local.CDN_OFFICE_JS);
    const rewritten = local.pointAtLocalOfficeJs(page);
    expect(rewritten).not.toContain("appsforoffice.microsoft.com");
    expect(rewritten).toContain('src="/office-js/office.js"');
  });

  it("leaves a production build's pages on the CDN", async () => {
    const previous = process.env.OFFICE_JS;
    process.env.OFFICE_JS = "local";
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS
      const factory = require(path.join(repo, "webpack.config.js")) as (env: object, options: { mode: string }) => Promise<{ plugins: { constructor: { name: string } }[]; devServer?: unknown }>;
      const config = await factory({}, { mode: "production" });
      expect(config.plugins.some((p) => p.constructor.name === "LocalOfficeJsPlugin")).toBe(false);
      expect(config.devServer).toBeUndefined();
    } finally {
      if (previous === undefined) delete process.env.OFFICE_JS;
      else process.env.OFFICE_JS = previous;
    }
  });
});
