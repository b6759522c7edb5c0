/** The ribbon's function file: commands are registered by name and always tell Office they finished. */
import fs from "node:fs";
import path from "node:path";
import { functionCommands, registerFunctionCommands, type FunctionCommand } from "../../../src/commands/commands";

function fakeOffice() {
  const handlers = new Map<string, (event: Office.AddinCommands.Event) => unknown>();
  const office = {
    actions: {
      associate: (name: string, handler: (event: Office.AddinCommands.Event) => unknown) => {
        handlers.set(name, handler);
      },
    },
  } as unknown as Pick<typeof Office, "actions">;
  return { office, handlers };
}

function fakeEvent() {
  const completed = jest.fn();
  return { event: { completed } as unknown as Office.AddinCommands.Event, completed };
}

describe("registerFunctionCommands", () => {
  it("registers each command under the name the manifest's FunctionName uses", () => {
    const { office, handlers } = fakeOffice();
    const names = registerFunctionCommands(office, { refreshHeatMap: () => undefined, validateRegister: () => undefined });
    expect(names).toEqual(["refreshHeatMap", "validateRegister"]);
    expect([...handlers.keys()]).toEqual(["refreshHeatMap", "validateRegister"]);
  });

  describe("when a command runs", () => {
    it("calls it with the event, then completes the event", async () => {
      const { office, handlers } = fakeOffice();
      const calls: string[] = [];
      const { event, completed } = fakeEvent();
      completed.mockImplementation(() => calls.push("completed"));
      const command: FunctionCommand = async (e) => {
        expect(e).toBe(event);
        calls.push("ran");
      };
      registerFunctionCommands(office, { command });
      await handlers.get("command")!(event);
      expect(calls).toEqual(["ran", "completed"]);
    });

    it("still completes the event when the command fails, so the button does not spin", async () => {
      const { office, handlers } = fakeOffice();
      const { event, completed } = fakeEvent();
      registerFunctionCommands(office, {
        broken: () => {
          throw new Error("no register found");
        },
      });
      await expect(Promise.resolve(handlers.get("broken")!(event))).rejects.toThrow("no register found");
      expect(completed).toHaveBeenCalledTimes(1);
    });
  });

  it("registers exactly the function commands the manifest declares", () => {
    const manifest = fs.readFileSync(path.resolve(__dirname, "../../../manifest.xml"), "utf8");
    const declared = [...manifest.matchAll(/<FunctionName>\s*([^<\s]+)\s*<\/FunctionName>/g)].map((m) => m[1]);
    const { office } = fakeOffice();
    expect(registerFunctionCommands(office).sort()).toEqual(declared.sort());
    expect(Object.keys(functionCommands).sort()).toEqual(declared.sort());
  });
});
