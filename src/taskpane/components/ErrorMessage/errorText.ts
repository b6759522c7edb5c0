import { WorkbookError } from "../../../hosts/host";

export interface ErrorText {
  /** Short heading for the message bar. */
  title: string;
  /** The sentence the user reads: a WorkbookError's own message, or a plain fallback. */
  message: string;
}

/**
 * Words for an error. WorkbookErrors are written for users (they name the
 * sheet and cell and say what to do), so they are shown as they are. Anything
 * else is a fault on our side or in Excel: a short sentence, with the original
 * text kept as detail for a support request.
 */
export function errorText(error: unknown, doing: string): ErrorText & { detail?: string } {
  if (error instanceof WorkbookError || (error instanceof Error && error.name === "WorkbookError")) {
    return { title: `Could not ${doing}`, message: error.message };
  }
  const detail = error instanceof Error ? error.message : typeof error === "string" ? error : undefined;
  return {
    title: `Could not ${doing}`,
    message: "Something unexpected went wrong. Nothing further was changed; try again, and if it keeps happening, send the details below to your PMO support contact.",
    detail: detail || undefined,
  };
}
