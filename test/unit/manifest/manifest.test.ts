/**
 * The manifest checked offline (the Office validator is a web service; `npm
 * run validate` calls it where there is a network): what
 * Excel needs to accept and load the add-in, and that every URL it names is a
 * file the build produces.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { PNG } from "pngjs";
import { execFileSync, spawnSync } from "node:child_process";
import { DEV_BASE_URL } from "../../../scripts/manifest-url";
import { EXIT, validationOutcome } from "../../../scripts/validate-manifest";

const repo = path.resolve(__dirname, "../../..");
const manifestText = fs.readFileSync(path.join(repo, "manifest.xml"), "utf8");

type XmlNode = { [key: string]: XmlValue };
type XmlValue = string | XmlNode | XmlValue[];

// Elements that may repeat are always arrays, so the tests never branch on "one or many".
const repeated = new Set(["Set", "Host", "Image", "Url", "String", "Group", "Control", "ExtensionPoint", "OfficeTab"]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => repeated.has(name),
});
const app = (parser.parse(manifestText) as XmlNode).OfficeApp as XmlNode;

function node(value: XmlValue | undefined, what: string): XmlNode {
  if (value === undefined || typeof value === "string" || Array.isArray(value)) {
    throw new Error(`manifest.xml: expected one <${what}> element`);
  }
  return value;
}
function list(value: XmlValue | undefined): XmlNode[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v, i) => node(v, `item ${i}`));
}
function text(value: XmlValue | undefined): string {
  if (typeof value === "string") return value.trim();
  if (value && !Array.isArray(value) && typeof value["#text"] === "string") return value["#text"].trim();
  throw new Error(`manifest.xml: expected text, got ${JSON.stringify(value)}`);
}
const attr = (n: XmlNode, name: string): string | undefined => {
  const v = n[`@_${name}`];
  return typeof v === "string" ? v : undefined;
};

/** Every element in the tree, with the chain of element names above it. */
function* walk(n: XmlNode, trail: string[] = []): Generator<{ node: XmlNode; trail: string[] }> {
  yield { node: n, trail };
  for (const [key, value] of Object.entries(n)) {
    if (key.startsWith("@_") || key === "#text") continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (typeof child !== "string") yield* walk(child as XmlNode, [...trail, key]);
    }
  }
}

const versionOverrides = node(app.VersionOverrides, "VersionOverrides");
const resources = node(versionOverrides.Resources, "Resources");
/** Resource id → DefaultValue, for one kind of resource (<bt:Images><bt:Image id=… DefaultValue=…/>). */
function resourceIds(group: string, element: string): Map<string, string> {
  const entries = list(node(resources[group], group)[element]);
  return new Map(entries.map((e) => [attr(e, "id") ?? "", attr(e, "DefaultValue") ?? ""]));
}
const images = resourceIds("Images", "Image");
const urls = resourceIds("Urls", "Url");
const shortStrings = resourceIds("ShortStrings", "String");
const longStrings = resourceIds("LongStrings", "String");

/** The pages webpack writes, read from the real config so the test follows it. */
async function builtPages(): Promise<string[]> {
  // The config is plain JavaScript; only its plugin list is read here.
  const makeConfig = require(path.join(repo, "webpack.config.js")) as (
    env: Record<string, unknown>,
    options: { mode: string },
  ) => Promise<{ plugins: { constructor: { name: string }; userOptions?: { filename?: string; template?: string } }[] }>;
  const config = await makeConfig({}, { mode: "development" });
  const pages = config.plugins.filter((p) => p.constructor.name === "HtmlWebpackPlugin").map((p) => p.userOptions ?? {});
  for (const page of pages) {
    if (page.template) expect({ template: page.template, exists: fs.existsSync(path.join(repo, page.template)) }).toEqual({ template: page.template, exists: true });
  }
  return pages.map((p) => p.filename ?? "").filter((f) => f !== "");
}

/** A manifest URL on the dev server, as a path inside dist/ ("assets/icon-16.png"). */
function servedPath(url: string): string {
  expect(url.startsWith(DEV_BASE_URL)).toBe(true);
  return url.slice(DEV_BASE_URL.length);
}

function pngSize(file: string): { width: number; height: number } {
  const png = PNG.sync.read(fs.readFileSync(file));
  return { width: png.width, height: png.height };
}

describe("manifest.xml", () => {
  it("is well-formed XML", () => {
    expect(XMLValidator.validate(manifestText)).toBe(true);
  });

  it("is a task-pane add-in with a GUID id, a four-part version and a default locale", () => {
    expect(attr(app, "type")).toBe("TaskPaneApp");
    expect(text(app.Id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(text(app.Version)).toMatch(/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/);
    expect(text(app.ProviderName)).not.toBe("");
    expect(text(app.DefaultLocale)).toBe("en-US");
    expect(attr(node(app.DisplayName, "DisplayName"), "DefaultValue")).toBe("PMO Toolkit");
    const description = attr(node(app.Description, "Description"), "DefaultValue") ?? "";
    expect(description.length).toBeGreaterThan(40);
    expect(description.length).toBeLessThanOrEqual(2000);
  });

  it("keeps the base elements in the order the schema requires", () => {
    // The schema is a sequence: Office refuses a manifest whose elements are out of order.
    const schemaOrder = [
      "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description",
      "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements",
      "DefaultSettings", "Permissions", "Dictionary", "VersionOverrides",
    ];
    const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: true }).parse(manifestText) as Record<string, unknown>[];
    const officeApp = ordered.find((n) => "OfficeApp" in n)!.OfficeApp as Record<string, unknown>[];
    const children = officeApp.map((n) => Object.keys(n)[0]!).filter((k) => k !== "#comment" && k !== "#text");
    for (const child of children) expect(schemaOrder).toContain(child);
    const positions = children.map((c) => schemaOrder.indexOf(c));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("runs in Excel only, and asks to read and write the workbook", () => {
    expect(list(node(app.Hosts, "Hosts").Host).map((h) => attr(h, "Name"))).toEqual(["Workbook"]);
    expect(text(app.Permissions)).toBe("ReadWriteDocument");
    const overrideHosts = list(node(versionOverrides.Hosts, "Hosts").Host);
    expect(overrideHosts.map((h) => attr(h, "type"))).toEqual(["Workbook"]);
  });

  it("requires the ExcelApi version the Excel host needs, no more and no less", () => {
    const sets = list(node(node(app.Requirements, "Requirements").Sets, "Sets").Set);
    const excelApi = sets.find((s) => attr(s, "Name") === "ExcelApi");
    expect(excelApi).toBeDefined();
    const minVersion = attr(excelApi!, "MinVersion") ?? "";
    expect(minVersion).toMatch(/^1\.\d+$/);

    // Office.js members the Excel host calls, and the ExcelApi set each arrived in.
    // Members the host only uses after Office.context.requirements.isSetSupported
    // are optional: Excel without them still loads the add-in.
    const apiSets: { member: RegExp; minor: number; optional?: boolean }[] = [
      { member: /\.resize\(/, minor: 13 },
      { member: /\bgetMergedAreasOrNullObject\(/, minor: 13, optional: true },
      { member: /\bmergeUndoGroup\b/, minor: 20, optional: true },
      { member: /\bdataValidation\b/, minor: 8 },
      { member: /\bconditionalFormats\b/, minor: 6 },
      { member: /\bsuspendApiCalculationUntilNextSync\(/, minor: 6 },
      { member: /\bcustomXmlParts\b/, minor: 5 },
      { member: /\bgetUsedRangeOrNullObject\(/, minor: 4 },
      { member: /\bgetItemOrNullObject\(/, minor: 4 },
    ];
    const hostDir = path.join(repo, "src/hosts/excel");
    const hostSource = fs
      .readdirSync(hostDir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => fs.readFileSync(path.join(hostDir, f), "utf8"))
      .join("\n");
    const used = apiSets.filter((a) => a.member.test(hostSource));
    expect(used.length).toBeGreaterThan(0);
    const needed = Math.max(...used.filter((a) => !a.optional).map((a) => a.minor));
    expect(minVersion).toBe(`1.${needed}`);
    for (const optional of used.filter((a) => a.optional)) {
      expect(hostSource).toContain(`"1.${optional.minor}"`);
    }
  });

  it("names only https URLs", () => {
    const found: string[] = [];
    for (const { node: n } of walk(app)) {
      for (const [key, value] of Object.entries(n)) {
        if (key.startsWith("@_") && typeof value === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) found.push(value);
        if (key === "#text" && typeof value === "string" && /:\/\//.test(value)) found.push(value);
      }
    }
    expect(found.length).toBeGreaterThanOrEqual(8);
    for (const url of found) expect(new URL(url).protocol).toBe("https:");
  });

  it("points every page URL at a page the webpack build writes", async () => {
    const pages = await builtPages();
    expect(pages).toEqual(expect.arrayContaining(["taskpane.html", "commands.html", "playground.html"]));
    const sourceLocation = attr(node(node(app.DefaultSettings, "DefaultSettings").SourceLocation, "SourceLocation"), "DefaultValue")!;
    expect(sourceLocation).toBe(`${DEV_BASE_URL}taskpane.html`);
    const pageUrls = [sourceLocation, attr(node(app.SupportUrl, "SupportUrl"), "DefaultValue")!, ...urls.values()];
    for (const url of pageUrls) expect(pages).toContain(servedPath(url));
  });

  it("points every icon URL at a PNG in assets/ of the size it claims", () => {
    const check = (url: string, size: number): void => {
      const file = path.join(repo, servedPath(url));
      expect(fs.existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    };
    check(attr(node(app.IconUrl, "IconUrl"), "DefaultValue")!, 32);
    check(attr(node(app.HighResolutionIconUrl, "HighResolutionIconUrl"), "DefaultValue")!, 64);

    const sizeByResid = new Map<string, number>();
    for (const { node: n, trail } of walk(versionOverrides)) {
      if (trail[trail.length - 1] === "Image" && trail.includes("Icon")) {
        sizeByResid.set(attr(n, "resid")!, Number(attr(n, "size")));
      }
    }
    // The ribbon needs 16, 32 and 80; 64 serves high-DPI screens.
    expect([...new Set(sizeByResid.values())].sort((a, b) => a - b)).toEqual([16, 32, 64, 80]);
    for (const [resid, size] of sizeByResid) check(images.get(resid)!, size);
  });

  it("puts an Open PMO Toolkit button in a PMO Toolkit group on the Home tab that shows the task pane", () => {
    const workbook = list(node(versionOverrides.Hosts, "Hosts").Host)[0]!;
    const desktop = node(workbook.DesktopFormFactor, "DesktopFormFactor");
    expect(urls.get(attr(node(desktop.FunctionFile, "FunctionFile"), "resid")!)).toBe(`${DEV_BASE_URL}commands.html`);

    const surface = list(desktop.ExtensionPoint).find((e) => attr(e, "type") === "PrimaryCommandSurface")!;
    const tab = list(surface.OfficeTab)[0]!;
    expect(attr(tab, "id")).toBe("TabHome");
    const group = list(tab.Group)[0]!;
    expect(shortStrings.get(attr(node(group.Label, "Label"), "resid")!)).toBe("PMO Toolkit");

    const button = list(group.Control)[0]!;
    expect(attr(button, "type")).toBe("Button");
    expect(shortStrings.get(attr(node(button.Label, "Label"), "resid")!)).toBe("Open PMO Toolkit");
    const action = node(button.Action, "Action");
    expect(attr(action, "type")).toBe("ShowTaskpane");
    expect(text(action.TaskpaneId)).not.toBe("");
    expect(urls.get(attr(node(action.SourceLocation, "SourceLocation"), "resid")!)).toBe(`${DEV_BASE_URL}taskpane.html`);
  });

  it("resolves every resid to a resource of the right kind, within Office's length limits, and defines none unused", () => {
    const kindOf = (trail: string[]): Map<string, string> => {
      const element = trail[trail.length - 1]!;
      if (element === "Image") return images;
      if (["SourceLocation", "FunctionFile", "LearnMoreUrl"].includes(element)) return urls;
      if (element === "Label" || element === "Title") return shortStrings;
      if (element === "Description") return longStrings;
      throw new Error(`manifest.xml: no resource kind known for <${element}>`);
    };
    const used = new Set<string>();
    for (const { node: n, trail } of walk(versionOverrides)) {
      const resid = attr(n, "resid");
      if (resid === undefined) continue;
      expect({ resid, resolved: kindOf(trail).has(resid) }).toEqual({ resid, resolved: true });
      // Office truncates or rejects longer ids.
      expect(resid.length).toBeLessThanOrEqual(32);
      used.add(resid);
    }
    const defined = [...images.keys(), ...urls.keys(), ...shortStrings.keys(), ...longStrings.keys()];
    expect(defined.filter((id) => !used.has(id))).toEqual([]);
    for (const value of shortStrings.values()) expect(value.length).toBeLessThanOrEqual(125);
    for (const value of longStrings.values()) expect(value.length).toBeLessThanOrEqual(250);
  });
});

describe.each(["src/commands/commands.html", "src/taskpane/taskpane.html"])("%s, a page Excel opens", (page) => {
  it("loads office.js from Microsoft's CDN over https, and nothing else from outside", () => {
    const html = fs.readFileSync(path.join(repo, page), "utf8");
    const external = [...html.matchAll(/\bsrc="([^"]+)"/g)].map((m) => m[1]).filter((src) => /^(https?:)?\/\//.test(src!));
    expect(external).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
  });
});

describe("manifest.xml read through office-addin-manifest (offline)", () => {
  // The package's own reader (OfficeAddinManifest.readManifestFile), run by `npm run validate --
  // --offline --json` in a Node process of its own: the package loads ES-module dependencies that
  // jest's module system cannot require, and Node itself can.
  const validateScript = path.join(repo, "scripts/validate-manifest.js");
  const read = (file: string) => JSON.parse(execFileSync(process.execPath, [validateScript, file, "--offline", "--json"], { encoding: "utf8" })) as Record<string, unknown>;

  it("agrees with the file: a TaskPaneApp for workbooks with the same id, version and name", () => {
    const info = read(path.join(repo, "manifest.xml"));
    expect(info).toMatchObject({
      manifestType: "xml",
      officeAppType: "TaskPaneApp",
      id: text(app.Id),
      version: text(app.Version),
      displayName: "PMO Toolkit",
      hosts: ["Workbook"],
      permissions: "ReadWriteDocument",
      defaultLocale: "en-US",
      defaultSettings: { sourceLocation: `${DEV_BASE_URL}taskpane.html` },
      iconUrl: `${DEV_BASE_URL}assets/icon-32.png`,
    });
  });

  it("names a manifest it cannot read, exit code 2", () => {
    const run = spawnSync(process.execPath, [validateScript, path.join(os.tmpdir(), "no-such-manifest.xml"), "--offline"], { encoding: "utf8" });
    expect(run.status).toBe(EXIT.unreadable);
    expect(run.stderr).toMatch(/no-such-manifest\.xml: cannot be read as an add-in manifest/);
  });
});

describe("npm run validate's verdicts", () => {
  it("says plainly that full validation was not done when the service cannot be reached (exit 3)", () => {
    const offline = validationOutcome(new Error("Unable to contact the manifest validation service.\nFetchError: getaddrinfo ENOTFOUND validationgateway.omex.office.net"));
    expect(offline.code).toBe(EXIT.unreachable);
    expect(offline.lines[0]).toMatch(/^Full validation NOT done: .* could not be reached/);
    expect(validationOutcome(new Error("no answer within 30 s")).code).toBe(EXIT.unreachable);
  });

  it("passes on the service's errors and warnings with their lines, and accepts only an accepted manifest", () => {
    const invalid = validationOutcome({ isValid: false, report: { status: "Rejected", errors: [{ line: 12, title: "Schema", content: "bad element" }], warnings: [{ title: "Icon", content: "too small" }] } });
    expect(invalid).toEqual({ code: EXIT.invalid, lines: ["The manifest is NOT valid:", "  error (line 12): Schema bad element", "  warning: Icon too small"] });
    expect(validationOutcome({ isValid: true, report: { status: "Accepted" } }).code).toBe(EXIT.valid);
    expect(validationOutcome({ isValid: false, status: 500, statusText: "Server Error" }).lines[0]).toMatch(/HTTP 500/);
    expect(validationOutcome(new Error("something else broke")).code).toBe(EXIT.invalid);
  });
});
