/**
 * A workbook's shared strings, found in one pass over the part and each
 * decoded only when a cell asks for it: a rollup reads the first rows of
 * every sheet, which use a part of a workbook's strings, and a string
 * written plainly (<si><t>text</t></si>, most of them) is found without a
 * regular expression and cut out of the part when asked for.
 */
import { hasAt, isDelimiter, textOf, xmlText, type StringList } from "./sheet-scan";
import { decodeXstring } from "./package/xstring";

export class SharedStringTable implements StringList {
  /** Per string: where its text (plain) or its whole element (otherwise) starts and ends in the part. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Per string: whether [start, end) is the text of a plain string rather than a whole <si> element. */
  private readonly plain: boolean[] = [];
  private readonly decoded: (string | undefined)[] = [];

  /** `xml`: the shared-strings part; `p`: the prefix its elements are written with ("" or "x:"). */
  constructor(
    private readonly xml: string,
    p: string,
  ) {
    // The same elements, in the same order, as findElements(xml, `${p}si`) gives (package/xml-text.ts).
    const open = `<${p}si`;
    const close = `</${p}si>`;
    const tOpen = `<${p}t`;
    const tClose = `</${p}t>`;
    const search = new RegExp(`<${`${p}si`.replace(/[.:]/g, "\\$&")}(?=[\\s/>])`, "g");
    let at = 0;
    for (;;) {
      // Plain: "<si>", then "<t>" or "<t …>", its text, "</t></si>"; read along, each piece a few characters from the last.
      if (hasAt(xml, at, open) && xml.charCodeAt(at + open.length) === 62) {
        const next = this.plainAt(xml, at + open.length + 1, tOpen, tClose, close);
        if (next > 0) {
          at = next;
          continue;
        }
      }
      let start: number;
      if (hasAt(xml, at, open) && isDelimiter(xml.charCodeAt(at + open.length))) {
        start = at;
      } else {
        search.lastIndex = at;
        const m = search.exec(xml);
        if (!m) return;
        start = m.index;
      }
      const tagEnd = xml.indexOf(">", start);
      if (tagEnd < 0) return;
      if (xml.charCodeAt(tagEnd - 1) === 47) {
        this.add(start, tagEnd + 1, false);
        at = tagEnd + 1;
        continue;
      }
      const endAt = xml.indexOf(close, tagEnd);
      if (endAt < 0) return;
      this.add(start, endAt + close.length, false);
      at = endAt + close.length;
    }
  }

  /** A plain string's text element at xml[t], noted; where its </si> ends, or -1 when it is not written plainly. */
  private plainAt(xml: string, t: number, tOpen: string, tClose: string, close: string): number {
    if (!hasAt(xml, t, tOpen)) return -1;
    let i = t + tOpen.length;
    let c = xml.charCodeAt(i);
    if (c !== 62) {
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return -1;
      // Its attributes (xml:space): to the ">", giving up on a "/" (a self-closed <t/>) or anything odd.
      while (c !== 62) {
        if (c === 47 || c === 60 || i >= xml.length) return -1;
        c = xml.charCodeAt(++i);
      }
    }
    const textStart = i + 1;
    let textEnd = textStart;
    while (textEnd < xml.length && xml.charCodeAt(textEnd) !== 60) textEnd++;
    if (!hasAt(xml, textEnd, tClose) || !hasAt(xml, textEnd + tClose.length, close)) return -1;
    this.add(textStart, textEnd, true);
    return textEnd + tClose.length + close.length;
  }

  private add(start: number, end: number, plain: boolean): void {
    this.starts.push(start);
    this.ends.push(end);
    this.plain.push(plain);
  }

  get length(): number {
    return this.starts.length;
  }

  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.starts.length && Number.isInteger(index))) return undefined;
    const known = this.decoded[index];
    if (known !== undefined) return known;
    const part = this.xml.slice(this.starts[index], this.ends[index]);
    const text = this.plain[index] ? decodeXstring(xmlText(part)) : textOf(part);
    this.decoded[index] = text;
    return text;
  }
}
