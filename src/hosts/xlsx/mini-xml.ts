/**
 * A small XML reader for the few fragments of a sheet part the host reads
 * itself (validations, newer-format colour rules): elements, attributes and
 * text, with the standard entities. Not a general parser: no DTDs, and
 * processing instructions and comments are skipped.
 */

export interface XmlElement {
  /** Qualified name as written, e.g. "x14:cfRule". */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element (entities decoded). */
  text: string;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, code: string) => {
    if (code[0] === "#") {
      const n = code[1] === "x" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : whole;
    }
    return NAMED[code] ?? whole;
  });
}

const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;

/** The elements at the top of `xml` (a fragment may hold several). Throws on tags that do not match. */
export function parseXmlFragment(xml: string): XmlElement[] {
  const root: XmlElement = { name: "", attrs: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const top = stack[stack.length - 1];
    if (m[1] !== undefined) top.text += m[1];
    else if (m[2] !== undefined) {
      if (stack.length === 1 || top.name !== m[2]) throw new Error(`unexpected </${m[2]}>`);
      stack.pop();
    } else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(m[4]); a; a = ATTR.exec(m[4])) attrs[a[1]] = decodeEntities(a[2] ?? a[3] ?? "");
      const el: XmlElement = { name: m[3], attrs, children: [], text: "" };
      top.children.push(el);
      if (m[5] !== "/") stack.push(el);
    } else if (m[6] !== undefined) top.text += decodeEntities(m[6]);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  return root.children;
}

/** Children named `name` (qualified name as written). */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/**
 * The complete elements named `name` in `xml` as source text (outermost only),
 * found without parsing the rest of the part (a sheet's cell data can be
 * hundreds of megabytes).
 */
export function elementSources(xml: string, name: string): string[] {
  const out: string[] = [];
  const open = new RegExp(`<${name.replace(/[.:]/g, "\\$&")}(?=[\\s/>])`, "g");
  const close = `</${name}>`;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const start = m.index;
    const tagEnd = xml.indexOf(">", start);
    if (tagEnd < 0) break;
    if (xml[tagEnd - 1] === "/") {
      out.push(xml.slice(start, tagEnd + 1));
      open.lastIndex = tagEnd + 1;
      continue;
    }
    const end = xml.indexOf(close, tagEnd);
    if (end < 0) break;
    out.push(xml.slice(start, end + close.length));
    open.lastIndex = end + close.length;
  }
  return out;
}
