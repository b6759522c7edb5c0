import { choosePaneTheme } from "../../../src/taskpane/theme";

describe("choosePaneTheme", () => {
  it.each([
    [{ bodyBackgroundColor: "#1F1F1F" }, false, "dark"],
    [{ bodyBackgroundColor: "#FFFFFF" }, false, "light"],
    [{ bodyBackgroundColor: "#e6e6e6" }, false, "light"],
    [{ bodyBackgroundColor: "not a colour" }, false, "light"],
    [undefined, false, "light"],
    [{ bodyBackgroundColor: "#FFFFFF" }, true, "highContrast"],
    [{ bodyBackgroundColor: "#000000" }, true, "highContrast"],
    [{ bodyBackgroundColor: "#FFFFFF", isDarkTheme: true }, false, "dark"],
    [{ bodyBackgroundColor: "#1F1F1F", isDarkTheme: false }, false, "light"],
    [{ isDarkTheme: true }, true, "highContrast"],
  ])("Office background %j with forced colours %s gives the %s theme", (office, forced, expected) => {
    expect(choosePaneTheme(office, forced)).toBe(expected);
  });
});
