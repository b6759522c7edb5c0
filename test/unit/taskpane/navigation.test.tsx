/** @jest-environment jsdom */
import * as React from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../../src/taskpane/App";
import { PANELS, lazyPanel, preloadPanel, type PanelDefinition, type PanelProps } from "../../../src/taskpane/panels";
import { documentSettingsMemory, initialPanel, LAST_PANEL_SETTING, storageMemory, type PanelMemory } from "../../../src/taskpane/panelMemory";

/** A panel whose code "arrives" when the test says so, as a lazy chunk would. */
function deferredPanel(id: string): { panel: PanelDefinition; arrive: () => void } {
  let arrive = () => {};
  const loaded = new Promise<{ Panel: React.ComponentType<PanelProps> }>((resolve) => {
    arrive = () => resolve({ Panel: ({ onReady }: PanelProps) => (React.useEffect(() => onReady?.(), [onReady]), <h2>{`${id} content`}</h2>) });
  });
  return {
    panel: { id, label: `Job ${id}`, purpose: `What ${id} is for.`, icon: <span />, component: lazyPanel(() => loaded, "Panel") },
    arrive,
  };
}

function eightPanels() {
  const made = ["a", "b", "c", "d", "e", "f", "g", "h"].map(deferredPanel);
  return { panels: made.map((m) => m.panel), arrive: (i: number) => made[i].arrive() };
}

function memoryOf(initial?: string): PanelMemory & { saved: string[] } {
  const saved: string[] = [];
  let value = initial;
  return {
    saved,
    recall: () => value,
    remember: (id) => {
      value = id;
      saved.push(id);
    },
  };
}

const renderApp = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

describe("the pane's navigation", () => {
  it("offers every panel of a list of eight, says what the open one is for, and shows a spinner until its code arrives", async () => {
    const { panels, arrive } = eightPanels();
    renderApp(<App panels={panels} />);
    expect(screen.getAllByRole("tab").map((t) => t.getAttribute("data-panel"))).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"]);
    const region = screen.getByRole("tabpanel");
    expect(region.getAttribute("aria-labelledby")).toBe("pane-tab-a");
    expect(screen.getByText("What a is for.")).toBeTruthy();
    expect(screen.getByText("Opening Job a…")).toBeTruthy();
    arrive(0);
    expect(await screen.findByRole("heading", { name: "a content" })).toBeTruthy();
    expect(screen.queryByText("Opening Job a…")).toBeNull();
  });

  it("opens on the panel remembered for the workbook, and remembers the one chosen", async () => {
    const { panels, arrive } = eightPanels();
    const memory = memoryOf("f");
    renderApp(<App panels={panels} memory={memory} />);
    expect(screen.getByRole("tab", { selected: true }).getAttribute("data-panel")).toBe("f");
    arrive(5);
    await screen.findByRole("heading", { name: "f content" });
    await userEvent.click(screen.getAllByRole("tab").find((t) => t.getAttribute("data-panel") === "c")!);
    expect(memory.saved).toEqual(["c"]);
    expect(screen.getByText("What c is for.")).toBeTruthy();
  });

  it("opens on the first panel when the remembered one no longer exists", () => {
    expect(initialPanel(["a", "b"], memoryOf("gone"))).toBe("a");
    expect(initialPanel(["a", "b"], memoryOf(undefined))).toBe("a");
    expect(initialPanel(["a", "b"], undefined)).toBe("a");
    expect(initialPanel([], memoryOf("a"))).toBeUndefined();
  });
});

/** About what one line holds at 320 px in the caption font. */
const PURPOSE_MAX_LENGTH = 55;

describe("the registered panels", () => {
  it("each say in one line what they are for", () => {
    for (const p of PANELS) {
      expect({ id: p.id, purpose: p.purpose.length > 10 && p.purpose.length <= PURPOSE_MAX_LENGTH && !p.purpose.includes("\n") }).toEqual({ id: p.id, purpose: true });
    }
    expect(new Set(PANELS.map((p) => p.id)).size).toBe(PANELS.length);
  });
});

describe("where the last panel is remembered", () => {
  it("in Excel: the document's add-in settings, saved only when the choice changes", () => {
    const store = new Map<string, unknown>();
    let saves = 0;
    const memory = documentSettingsMemory({ get: (k) => store.get(k) ?? null, set: (k, v) => store.set(k, v), saveAsync: (cb) => (saves++, cb?.({ status: "succeeded" })) });
    expect(memory.recall()).toBeUndefined();
    memory.remember("checks");
    memory.remember("checks");
    expect(store.get(LAST_PANEL_SETTING)).toBe("checks");
    expect(saves).toBe(1);
    expect(memory.recall()).toBe("checks");
  });

  it("in Excel: a failed save is reported, not thrown", () => {
    const errors: string[] = [];
    const memory = documentSettingsMemory(
      { get: () => null, set: () => {}, saveAsync: (cb) => cb?.({ status: "failed", error: { message: "settings are read-only" } }) },
      (m) => errors.push(m),
    );
    expect(() => memory.remember("checks")).not.toThrow();
    expect(errors).toEqual(["settings are read-only"]);
  });

  it("in the playground: browser storage, one entry per workbook name", () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    storageMemory(storage, "Q3 risks.xlsx").remember("settings");
    expect(storageMemory(storage, "Q3 risks.xlsx").recall()).toBe("settings");
    expect(storageMemory(storage, "Other.xlsx").recall()).toBeUndefined();
    const blocked = { getItem: () => { throw new Error("blocked"); }, setItem: () => { throw new Error("blocked"); } };
    expect(storageMemory(blocked, "x.xlsx").recall()).toBeUndefined();
    expect(() => storageMemory(blocked, "x.xlsx").remember("a")).not.toThrow();
  });
});

describe("a lazy panel's code", () => {
  it("is fetched once, whether preloaded before it renders or not", async () => {
    let loads = 0;
    const Panel = lazyPanel(async () => {
      loads++;
      return { Panel: () => <h2>loaded</h2> };
    }, "Panel");
    preloadPanel({ id: "x", label: "X", purpose: "What x is for.", icon: <span />, component: Panel });
    preloadPanel({ id: "x", label: "X", purpose: "What x is for.", icon: <span />, component: Panel });
    renderApp(<App panels={[{ id: "x", label: "X", purpose: "What x is for.", icon: <span />, component: Panel }]} />);
    expect(await screen.findByRole("heading", { name: "loaded" })).toBeTruthy();
    expect(loads).toBe(1);
  });
});

describe("a panel whose code does not arrive", () => {
  it("says so, naming the panel, and the other panels still open", async () => {
    const failing = lazyPanel<{ Panel: React.ComponentType<PanelProps> }, "Panel">(() => Promise.reject(new Error("Loading chunk 7 failed")), "Panel");
    const { panels, arrive } = eightPanels();
    const list = [{ id: "broken", label: "Heat map", purpose: "What the heat map is for.", icon: <span />, component: failing }, ...panels];
    jest.spyOn(console, "error").mockImplementation(() => {});
    renderApp(<App panels={list} />);
    expect((await screen.findByRole("alert", {}, { timeout: 10_000 })).textContent).toMatch(/Could not open Heat map.*Loading chunk 7 failed/);
    await userEvent.click(screen.getAllByRole("tab").find((t) => t.getAttribute("data-panel") === "a")!);
    arrive(0);
    expect(await screen.findByRole("heading", { name: "a content" })).toBeTruthy();
  });
});
