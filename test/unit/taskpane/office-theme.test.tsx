/** @jest-environment jsdom */
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { PaneRoot } from "../../../src/taskpane/PaneRoot";
import type { OfficeThemeColours } from "../../../src/taskpane/theme";
import { useOfficeTheme } from "../../../src/taskpane/useOfficeTheme";
import { FakeHost } from "./fakeHost";

const LIGHT: OfficeThemeColours = { bodyBackgroundColor: "#FFFFFF", isDarkTheme: false };
const DARK: OfficeThemeColours = { bodyBackgroundColor: "#262626", isDarkTheme: true };

/** Office.context.officeTheme as a test sets it: Excel changes it while the pane is open, without telling. */
function officeThemeSource(initial: OfficeThemeColours | undefined) {
  let current = initial;
  const read = jest.fn(() => current);
  return { read, set: (t: OfficeThemeColours | undefined) => (current = t) };
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
}

afterEach(() => setVisibility("visible"));

describe("useOfficeTheme", () => {
  it("starts in the theme Office reports", () => {
    const office = officeThemeSource(DARK);
    const { result } = renderHook(() => useOfficeTheme(office.read));
    expect(result.current).toBe("dark");
  });

  it("is light where Office reports no theme", () => {
    const { result } = renderHook(() => useOfficeTheme(undefined));
    expect(result.current).toBe("light");
  });

  it.each([
    ["the pane gets focus", () => fireEvent.focus(window)],
    ["the pointer comes back into the pane", () => fireEvent.pointerEnter(document.documentElement)],
    ["the pane becomes visible again", () => fireEvent(document, new Event("visibilitychange"))],
  ])("follows a theme changed while the pane was open when %s", (_when, comeBack) => {
    const office = officeThemeSource(LIGHT);
    const { result } = renderHook(() => useOfficeTheme(office.read));
    office.set(DARK);
    expect(result.current).toBe("light");
    act(comeBack);
    expect(result.current).toBe("dark");
    office.set(LIGHT);
    act(comeBack);
    expect(result.current).toBe("light");
  });

  it("does not read the theme while the pane is hidden", () => {
    const office = officeThemeSource(LIGHT);
    const { result } = renderHook(() => useOfficeTheme(office.read));
    const readsBefore = office.read.mock.calls.length;
    office.set(DARK);
    setVisibility("hidden");
    act(() => void fireEvent(document, new Event("visibilitychange")));
    expect(office.read.mock.calls.length).toBe(readsBefore);
    expect(result.current).toBe("light");
  });

  it("stops listening once the pane is gone", () => {
    const office = officeThemeSource(LIGHT);
    const { unmount } = renderHook(() => useOfficeTheme(office.read));
    unmount();
    const readsBefore = office.read.mock.calls.length;
    fireEvent.focus(window);
    fireEvent.pointerEnter(document.documentElement);
    expect(office.read.mock.calls.length).toBe(readsBefore);
  });
});

describe("PaneRoot", () => {
  it("redraws in Office's new theme when the pane comes back into view", async () => {
    const office = officeThemeSource(LIGHT);
    const { container } = render(<PaneRoot host={new FakeHost()} readOfficeTheme={office.read} />);
    await screen.findByRole("heading", { level: 2 }, { timeout: 30_000 });
    const pane = () => container.querySelector("[data-pane-theme]");
    expect(pane()?.getAttribute("data-pane-theme")).toBe("light");
    office.set(DARK);
    act(() => void fireEvent.focus(window));
    // The dark theme is fetched the first time it is needed; the pane stays light until it is there.
    expect(pane()?.getAttribute("data-pane-theme")).toBe("light");
    await waitFor(() => expect(pane()?.getAttribute("data-pane-theme")).toBe("dark"));
    office.set(LIGHT);
    act(() => void fireEvent.focus(window));
    expect(pane()?.getAttribute("data-pane-theme")).toBe("light");
  });

  it("keeps the theme chosen in the playground whatever Office reports", async () => {
    const office = officeThemeSource(DARK);
    const { container } = render(<PaneRoot host={new FakeHost()} readOfficeTheme={office.read} themeName="highContrast" />);
    await screen.findByRole("heading", { level: 2 }, { timeout: 30_000 });
    act(() => void fireEvent.focus(window));
    await waitFor(() => expect(container.querySelector("[data-pane-theme]")?.getAttribute("data-pane-theme")).toBe("highContrast"));
  });
});
