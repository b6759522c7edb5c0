/**
 * A workbook's shared strings, found in one pass over the part and each
 * decoded only when a cell asks for it: a rollup reads the first rows of
 * every sheet, which use a part of a workbook's strings, and a string
 * written plainly (<si><t>text</t></si>, most of them) is found without a
 * regular expression and cut out of the part when asked for.
 */
import { hasAt, isDelimiter, textOf, xmlText, type StringList } from "./sheet-scan";

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
      // Plain: "<si>", then "<t>" or "<t …>", its text, "</t></si>".
      const t = tagEnd + 1;
      if (tagEnd === start + open.length && hasAt(xml, t, tOpen) && isDelimiter(xml.charCodeAt(t + tOpen.length)) && xml.charCodeAt(t + tOpen.length) !== 47) {
        const tGt = xml.indexOf(">", t);
        const textEnd = tGt < 0 ? -1 : xml.indexOf("<", tGt);
        if (textEnd > 0 && xml.charCodeAt(tGt - 1) !== 47 && hasAt(xml, textEnd, tClose) && hasAt(xml, textEnd + tClose.length, close)) {
          this.add(tGt + 1, textEnd, true);
          at = textEnd + tClose.length + close.length;
          continue;
        }
      }
      const endAt = xml.indexOf(close, tagEnd);
      if (endAt < 0) return;
      this.add(start, endAt + close.length, false);
      at = endAt + close.length;
    }
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
    const text = this.plain[index] ? xmlText(part) : textOf(part);
    this.decoded[index] = text;
    return text;
  }
}
