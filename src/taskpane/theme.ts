/**
 * Which Fluent theme the pane uses: Office's own theme where Excel reports
 * one, the high-contrast theme when the system forces colours, light otherwise.
 */
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

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

export const paneThemes: Record<PaneThemeName, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  highContrast: teamsHighContrastTheme,
};

export function forcedColorsActive(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("(forced-colors: active)").matches;
}
