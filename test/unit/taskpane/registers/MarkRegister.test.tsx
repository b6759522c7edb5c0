/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { WorkbookHostProvider } from "../../../../src/taskpane/hostContext";
import { RegistersPanel } from "../../../../src/taskpane/panels/registers";
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";

const TIMEOUT = { timeout: 10_000 };

/** A log whose header no template names well, under a note: detection does not find it. */
function missedRegister(): XlsxHost {
  const host = XlsxHost.create("Weekly.xlsx");
  const ws = host.workbook.addWorksheet("Team");
  ws.getCell("A1").value = "Weekly catch-up";
  ["Item", "Who", "By When", "Where We Are"].forEach((h, i) => (ws.getCell(4, i + 1).value = h));
  for (let r = 0; r < 4; r++) ["Thing " + (r + 1), "Jo", "Friday", "Started"].forEach((v, i) => (ws.getCell(5 + r, i + 1).value = v));
  return host;
}

/** The panel over that workbook, with "This is a register" opened and the header row typed in. */
async function openForm(headerRow: string) {
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <WorkbookHostProvider host={missedRegister()}>
        <RegistersPanel onReady={jest.fn()} saveFile={jest.fn()} />
      </WorkbookHostProvider>
    </FluentProvider>,
  );
  await user.click(await screen.findByRole("button", { name: /This is a register/ }, TIMEOUT));
  const form = await screen.findByRole("region", { name: "Say where a register is" }, TIMEOUT);
  await screen.findByRole("option", { name: "Team" }, TIMEOUT);
  const row = within(form).getByRole("spinbutton", { name: "Header row" });
  await user.clear(row);
  await user.type(row, headerRow);
  return { user, form };
}

describe("when detection misses a register", () => {
  it("the person says where its header is and what kind it is; the register opens with its mapping, to be remembered on apply", async () => {
    const { user, form } = await openForm("4");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Kind of register" }), "Issue log");
    await user.click(within(form).getByRole("button", { name: "Use this register" }));

    const list = await screen.findByRole("list", { name: "Registers found" }, TIMEOUT);
    expect(within(list).getByRole("button", { name: "Team" })).toBeTruthy();
    expect(list.textContent).toContain("header in row 4");
    expect(((await screen.findByRole("checkbox", { name: /Remember this mapping/ }, TIMEOUT)) as HTMLInputElement).checked).toBe(true);
  }, 30_000);

  it("a row with no header is said so, and nothing is added", async () => {
    const { user, form } = await openForm("3");
    await user.click(within(form).getByRole("button", { name: "Use this register" }));
    expect(await within(form).findByText(/Row 3 of “Team” holds no header/, {}, TIMEOUT)).toBeTruthy();
  }, 30_000);
});
