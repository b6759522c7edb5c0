/**
 * Which Fluent theme the pane uses: Office's own theme where Excel reports
 * one, the high-contrast theme when the system forces colours, light otherwise.
 */
import * as React from "react";
import { webLightTheme, type Theme } from "@fluentui/react-components";

export type PaneThemeName = "light" | "dark" | "highContrast";

/** The part of Office.context.officeTheme the choice depends on. */
export interface OfficeThemeColours {
  bodyBackgroundColor?: string;
  /** Reported by newer Office builds; where present it decides light or dark. */
  isDarkTheme?: boolean;
}

/** Perceived lightness (0–255) of a #RRGGBB colour; undefined for anything else. */
function lightness(colour: string): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  if (!m) return undefined;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16));
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

export function choosePaneTheme(officeTheme: OfficeThemeColours | undefined, forcedColors: boolean): PaneThemeName {
  if (forcedColors) return "highContrast";
  if (typeof officeTheme?.isDarkTheme === "boolean") return officeTheme.isDarkTheme ? "dark" : "light";
  const l = officeTheme?.bodyBackgroundColor ? lightness(officeTheme.bodyBackgroundColor) : undefined;
  return l !== undefined && l < 128 ? "dark" : "light";
}

/** The themes a person can choose in the playground, with their names. */
export const PANE_THEME_LABELS: Record<PaneThemeName, string> = { light: "Light", dark: "Dark", highContrast: "High contrast" };

let allThemes: Record<PaneThemeName, Theme> | undefined;

/** The theme when it is already at hand (light always is); undefined while it still has to be fetched. */
export function paneThemeNow(name: PaneThemeName): Theme | undefined {
  return name === "light" ? webLightTheme : allThemes?.[name];
}

/** The theme, fetching the dark and high-contrast themes the first time one is needed. */
export async function loadPaneTheme(name: PaneThemeName): Promise<Theme> {
  const now = paneThemeNow(name);
  if (now) return now;
  allThemes ??= (await import(/* webpackChunkName: "pane-themes" */ "./paneThemes")).paneThemes;
  return allThemes[name];
}

/**
 * The theme to draw `name` in: until a theme not yet fetched arrives, the one
 * shown before stays (light at first), so a change of theme never blanks the pane.
 */
export function usePaneTheme(name: PaneThemeName): { name: PaneThemeName; theme: Theme } {
  const ready = paneThemeNow(name);
  const shown = React.useRef<{ name: PaneThemeName; theme: Theme }>({ name: "light", theme: webLightTheme });
  const [, arrived] = React.useState(0);
  React.useEffect(() => {
    if (ready) return;
    let live = true;
    loadPaneTheme(name).then(
      () => live && arrived((n) => n + 1),
      () => undefined, // Offline or refused: the pane stays in the theme it has.
    );
    return () => {
      live = false;
    };
  }, [name, ready]);
  if (ready) shown.current = { name, theme: ready };
  return shown.current;
}

export function forcedColorsActive(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("(forced-colors: active)").matches;
}
