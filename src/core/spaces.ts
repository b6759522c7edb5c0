/**
 * Text with each run of white space as one space and none at either end, as
 * people read a cell. Most texts are that already (words between single
 * spaces): that is tested for first, without making a copy, since a replace
 * over them builds a new string for every single space it meets. Detection
 * and the rollup ask this of every text cell they look at.
 */
const SINGLE_SPACED = /^\S+(?: \S+)*$/;

export function singleSpaced(text: string): string {
  return SINGLE_SPACED.test(text) ? text : text.replace(/\s+/g, " ").trim();
}
