/**
 * Which panel the pane opened on last time, kept per workbook. It is the
 * add-in's own state, not the user's data, so it is not written into the
 * workbook through a plan (that would need a preview and an undo step for a
 * click on a tab). Inside Excel it lives in the document's add-in settings
 * (Office.context.document.settings: stored in the workbook, visible only to
 * this add-in); in the playground, in the browser's storage under the file's
 * name.
 */

/** Where the pane remembers its last panel. */
export interface PanelMemory {
  /** The id remembered for this workbook, if any. */
  recall(): string | undefined;
  /** Remember `id` for this workbook. Never throws: a failure only means the pane opens on its first panel next time. */
  remember(id: string): void;
}

/** The setting's name in the document's add-in settings. */
export const LAST_PANEL_SETTING = "pmoToolkit.lastPanel";

/** The part of Office.Settings the memory uses, so tests hand in a plain object. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } }) => void): void;
}

export function documentSettingsMemory(settings: DocumentSettings, onError?: (message: string) => void): PanelMemory {
  return {
    recall() {
      try {
        const v = settings.get(LAST_PANEL_SETTING);
        return typeof v === "string" ? v : undefined;
      } catch {
        return undefined;
      }
    },
    remember(id) {
      try {
        if (settings.get(LAST_PANEL_SETTING) === id) return;
        settings.set(LAST_PANEL_SETTING, id);
        settings.saveAsync((result) => {
          if (result.status !== "succeeded" && result.error) onError?.(result.error.message ?? "the document settings were not saved");
        });
      } catch (e) {
        onError?.(e instanceof Error ? e.message : String(e));
      }
    },
  };
}

/** The part of the Web Storage API the memory uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Per workbook name, in browser storage (the playground has no document settings). */
export function storageMemory(storage: KeyValueStorage | undefined, workbookName: string): PanelMemory {
  const key = `${LAST_PANEL_SETTING}:${workbookName}`;
  return {
    recall() {
      try {
        return storage?.getItem(key) ?? undefined;
      } catch {
        return undefined;
      }
    },
    remember(id) {
      try {
        storage?.setItem(key, id);
      } catch {
        // Storage full or blocked (private mode): the pane still works, it just forgets.
      }
    },
  };
}

/** The browser's local storage where the page may use it, else undefined. */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return typeof window !== "undefined" ? window.localStorage : undefined;
  } catch {
    return undefined;
  }
}

/** The panel to open first: the remembered one if it still exists, else the first. */
export function initialPanel(ids: readonly string[], memory: PanelMemory | undefined): string | undefined {
  const remembered = memory?.recall();
  return remembered !== undefined && ids.includes(remembered) ? remembered : ids[0];
}
