/**
 * Checks over a saved package, shared by the unit and corpus tests: every
 * part's text, every internal relationship's target present, every part
 * with a content type and every override naming a part that exists.
 */
import JSZip from "jszip";

/** Part name → text (binary parts as base64, so any change shows). */
export async function partsOf(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name];
    if (f.dir) continue;
    out.set(name, /\.(xml|rels|vml)$/i.test(name) ? await f.async("string") : await f.async("base64"));
  }
  return out;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function resolve(source: string, target: string): string {
  const base = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const p of target.replace(/^\//, "").split("/")) {
    if (p === "..") base.pop();
    else if (p !== "." && p !== "") base.push(p);
  }
  return base.join("/");
}

/** What is inconsistent in a package: missing relationship targets, parts without a content type, overrides for missing parts, duplicate ids. */
export async function packageProblems(bytes: Uint8Array): Promise<string[]> {
  const parts = await partsOf(bytes);
  const lower = new Set([...parts.keys()].map((p) => p.toLowerCase()));
  const problems: string[] = [];
  for (const [name, xml] of parts) {
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(name);
    if (!m) continue;
    const source = `${m[1]}${m[2]}`;
    const ids = new Set<string>();
    for (const tag of xml.match(/<Relationship\b[^>]*>/g) ?? []) {
      const id = attr(tag, "Id") ?? "";
      if (ids.has(id)) problems.push(`${name}: relationship id ${id} is used twice`);
      ids.add(id);
      if (attr(tag, "TargetMode") === "External") continue;
      const target = resolve(source, decodeURIComponent(attr(tag, "Target") ?? ""));
      if (!lower.has(target.toLowerCase())) problems.push(`${name}: ${id} points at ${target}, which is not in the package`);
    }
  }
  const types = parts.get("[Content_Types].xml") ?? "";
  const defaults = new Set((types.match(/<Default\b[^>]*>/g) ?? []).map((t) => (attr(t, "Extension") ?? "").toLowerCase()));
  const overrides = new Set((types.match(/<Override\b[^>]*>/g) ?? []).map((t) => (attr(t, "PartName") ?? "").replace(/^\//, "").toLowerCase()));
  for (const o of overrides) if (!lower.has(o)) problems.push(`[Content_Types].xml names ${o}, which is not in the package`);
  for (const name of parts.keys()) {
    if (name === "[Content_Types].xml") continue;
    const ext = name.split(".").pop()?.toLowerCase() ?? "";
    if (!overrides.has(name.toLowerCase()) && !defaults.has(ext)) problems.push(`${name} has no content type`);
  }
  return problems;
}

/** The workbook's defined names as written (name, scope and every attribute), in order. */
export function definedNamesOf(workbookXml: string): string[] {
  return workbookXml.match(/<definedName\b[^>]*>[^<]*<\/definedName>/g) ?? [];
}
