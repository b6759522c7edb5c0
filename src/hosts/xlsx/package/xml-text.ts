/**
 * Editing XML as text: the package writer changes a part by splicing the
 * elements a plan touches and copying every other byte as it came, so it
 * needs only to find elements, read and set attributes, and escape text.
 */
import { decodeEntities } from "../mini-xml";

export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

// One compiled pattern per attribute name: a sheet pass reads the same few attributes of a million cells.
const ATTR_PATTERNS = new Map<string, RegExp>();

function attrPattern(name: string): RegExp {
  let re = ATTR_PATTERNS.get(name);
  if (!re) ATTR_PATTERNS.set(name, (re = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  return re;
}

/** The value of attribute `name` in a start tag (entities decoded), or undefined. */
export function attrOf(tag: string, name: string): string | undefined {
  const m = attrPattern(name).exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? "") : undefined;
}

/** The start tag with attribute `name` set to `value` (added before the end when absent), or removed when value is undefined. */
export function withAttr(tag: string, name: string, value: string | undefined): string {
  const re = attrPattern(name);
  if (re.test(tag)) return value === undefined ? tag.replace(re, "") : tag.replace(re, () => ` ${name}="${escapeAttr(value)}"`);
  if (value === undefined) return tag;
  const end = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end).replace(/\s+$/, "")} ${name}="${escapeAttr(value)}"${tag.slice(end)}`;
}

/**
 * The patterns below by element name, made once: a reader that opens
 * hundreds of small packages asks for the same few names in each. A global
 * pattern's lastIndex is set by each search before it runs (the searches
 * are synchronous, so none interleaves with another).
 */
const prefixPatterns = new Map<string, RegExp>();
const openPatterns = new Map<string, RegExp>();

function patternFor(patterns: Map<string, RegExp>, name: string, make: () => RegExp): RegExp {
  let re = patterns.get(name);
  if (!re) {
    // Names come from the toolkit's own code and from prefixes found in a part: a few dozen; bounded all the same.
    if (patterns.size >= 256) patterns.clear();
    patterns.set(name, (re = make()));
  }
  return re;
}

/** The namespace prefix ("x:" or "") an element name is written with in `xml`, from its first occurrence. */
export function prefixOf(xml: string, local: string): string {
  const m = patternFor(prefixPatterns, local, () => new RegExp(`<([\\w.-]+:)?${local}[\\s/>]`)).exec(xml);
  return m?.[1] ?? "";
}

/** The prefix bound to a namespace URI on the root element ("r:"), or undefined. */
export function namespacePrefix(xml: string, uri: string): string | undefined {
  const root = /<[\w.-:]+[^?!][^>]*>/.exec(xml.replace(/^<\?[\s\S]*?\?>/, ""))?.[0] ?? "";
  const re = /\sxmlns:([\w.-]+)\s*=\s*"([^"]*)"/g;
  for (let m = re.exec(root); m; m = re.exec(root)) if (m[2] === uri) return `${m[1]}:`;
  return undefined;
}

export interface ElementSpan {
  start: number;
  end: number; // exclusive
  /** The start tag as written. */
  tag: string;
  selfClosing: boolean;
}

/**
 * Every element named `qname` in `xml` from `from`, outermost, as spans.
 * Elements of that name do not nest in the parts this is used on.
 */
export function findElements(xml: string, qname: string, from = 0, until = xml.length, limit = Infinity): ElementSpan[] {
  const out: ElementSpan[] = [];
  const open = patternFor(openPatterns, qname, () => new RegExp(`<${qname.replace(/[.:]/g, "\\$&")}(?=[\\s/>])`, "g"));
  const close = `</${qname}>`;
  open.lastIndex = from;
  // The limit is checked before the next search: a search that finds nothing more reads to the end of the text.
  for (let m = open.exec(xml); m && m.index < until; m = out.length < limit ? open.exec(xml) : null) {
    const start = m.index;
    const tagEnd = xml.indexOf(">", start);
    if (tagEnd < 0) break;
    const tag = xml.slice(start, tagEnd + 1);
    if (xml[tagEnd - 1] === "/") {
      out.push({ start, end: tagEnd + 1, tag, selfClosing: true });
      open.lastIndex = tagEnd + 1;
      continue;
    }
    const endAt = xml.indexOf(close, tagEnd);
    if (endAt < 0) break;
    out.push({ start, end: endAt + close.length, tag, selfClosing: false });
    open.lastIndex = endAt + close.length;
  }
  return out;
}

/** The first element named `qname` from `from`; the search stops there (a sheet's cells can be most of 100 MB of text after it). */
export function findElement(xml: string, qname: string, from = 0): ElementSpan | undefined {
  return findElements(xml, qname, from, xml.length, 1)[0];
}

/** The text between an element's start and end tags ("" for a self-closed one). */
export function innerOf(xml: string, span: ElementSpan): string {
  if (span.selfClosing) return "";
  const close = xml.lastIndexOf("</", span.end - 1);
  return xml.slice(span.start + span.tag.length, close);
}

/** `xml` with the span replaced. */
export function splice(xml: string, span: { start: number; end: number }, text: string): string {
  return xml.slice(0, span.start) + text + xml.slice(span.end);
}
