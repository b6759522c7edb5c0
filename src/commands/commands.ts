/**
 * The ribbon's function file. The manifest's only button, "Open PMO Toolkit",
 * is a ShowTaskpane action that Excel handles itself, so no function command
 * is declared yet; Excel still requires a FunctionFile for the ribbon group,
 * and this page must call Office.onReady so Excel knows it loaded.
 *
 * A function command added to the manifest later (an ExecuteFunction action)
 * goes in `functionCommands` below: each is registered by the name the
 * manifest's <FunctionName> uses, and must call event.completed().
 */

export type FunctionCommand = (event: Office.AddinCommands.Event) => void | Promise<void>;

export const functionCommands: Readonly<Record<string, FunctionCommand>> = {};

/** Registers every function command with Office; returns the names registered. */
export function registerFunctionCommands(
  office: Pick<typeof Office, "actions">,
  commands: Readonly<Record<string, FunctionCommand>> = functionCommands,
): string[] {
  const names = Object.keys(commands);
  for (const name of names) {
    const command = commands[name]!;
    office.actions.associate(name, async (event: Office.AddinCommands.Event) => {
      try {
        await command(event);
      } finally {
        // Without completed() Excel shows a spinner on the button until it times out.
        event.completed();
      }
    });
  }
  return names;
}

// office.js is absent when this bundle is loaded outside Office (a browser test, the playground).
if (typeof Office !== "undefined") {
  void Office.onReady(() => {
    registerFunctionCommands(Office);
  });
}
