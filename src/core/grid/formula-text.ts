/** Text as a string literal inside a formula: in quotes, with its own quotes doubled, so it is never read as formula. */
export function stringLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
