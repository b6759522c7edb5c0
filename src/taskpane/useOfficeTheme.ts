import * as React from "react";
import { choosePaneTheme, forcedColorsActive, type OfficeThemeColours, type PaneThemeName } from "./theme";

/** What tells the pane it may be looked at again after a person was elsewhere in Excel. */
const BACK_IN_VIEW_EVENTS = ["focus", "pageshow"] as const;

/**
 * The pane's theme, kept in step with Office's while the pane is open.
 *
 * Excel raises no event when a person changes the Office theme
 * (Office.EventType.OfficeThemeChanged is Outlook's alone, Mailbox 1.14), and
 * the theme is changed from File > Account, outside the pane. So
 * `readOfficeTheme` (Office.context.officeTheme) is read again whenever the
 * pane comes back: it gets focus, becomes visible, or the pointer enters it.
 * The system's forced colours are followed through their media query.
 */
export function useOfficeTheme(readOfficeTheme: (() => OfficeThemeColours | undefined) | undefined): PaneThemeName {
  const [forced, setForced] = React.useState(forcedColorsActive);
  const [office, setOffice] = React.useState(() => readOfficeTheme?.());
  React.useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const query = window.matchMedia("(forced-colors: active)");
    const listener = (e: MediaQueryListEvent) => setForced(e.matches);
    query.addEventListener?.("change", listener);
    return () => query.removeEventListener?.("change", listener);
  }, []);
  React.useEffect(() => {
    if (!readOfficeTheme) return;
    // A new object each time would render again for nothing: only a change of the theme chosen counts.
    const reread = () => {
      if (document.visibilityState === "hidden") return;
      const now = readOfficeTheme();
      setOffice((before) => (choosePaneTheme(before, false) === choosePaneTheme(now, false) ? before : now));
    };
    for (const type of BACK_IN_VIEW_EVENTS) window.addEventListener(type, reread);
    document.addEventListener("visibilitychange", reread);
    document.documentElement.addEventListener("pointerenter", reread);
    return () => {
      for (const type of BACK_IN_VIEW_EVENTS) window.removeEventListener(type, reread);
      document.removeEventListener("visibilitychange", reread);
      document.documentElement.removeEventListener("pointerenter", reread);
    };
  }, [readOfficeTheme]);
  return choosePaneTheme(office, forced);
}
