/**
 * Text in Unicode compatibility form (NFKC), as matching compares words:
 * full-width letters, ligatures and the like read as the plain ones. ASCII
 * text is its own NFKC form, and nearly every header and cell is ASCII:
 * that is tested for first, which costs about half what the normaliser does
 * on text it leaves unchanged (detection and the rollup ask this of every
 * cell they compare).
 */
const ASCII = /^[\x00-\x7f]*$/;

export function nfkc(text: string): string {
  return ASCII.test(text) ? text : text.normalize("NFKC");
}
