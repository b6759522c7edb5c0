import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { PaneThemeName } from "./theme";

/**
 * Every theme the pane can be drawn in. Inside Excel this module is a chunk
 * fetched only when Office reports a dark theme or the system forces colours
 * (theme.ts, loadPaneTheme); light ships with the pane.
 */
export const paneThemes: Record<PaneThemeName, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  highContrast: teamsHighContrastTheme,
};
