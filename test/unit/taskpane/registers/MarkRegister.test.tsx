/** @jest-environment jsdom */
import { render, screen, waitFor, within } from "@testing-library/react";
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
  const { user, form } = await openFormOver(missedRegister());
  const row = within(form).getByRole("spinbutton", { name: "Header row" });
  await user.clear(row);
  await user.type(row, headerRow);
  return { user, form };
}

async function openFormOver(host: XlsxHost, sheet = "Team") {
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <WorkbookHostProvider host={host}>
        <RegistersPanel onReady={jest.fn()} saveFile={jest.fn()} />
      </WorkbookHostProvider>
    </FluentProvider>,
  );
  await user.click(await screen.findByRole("button", { name: /This is a register/ }, TIMEOUT));
  const form = await screen.findByRole("region", { name: "Say where a register is" }, TIMEOUT);
  await screen.findByRole("option", { name: sheet }, TIMEOUT);
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

describe("when the person has selected a cell of the register", () => {
  const headerRowField = (form: HTMLElement) => within(form).getByRole("spinbutton", { name: "Header row" }) as HTMLInputElement;

  it("a record's cell fills in the sheet and the header row of its block", async () => {
    const host = missedRegister();
    host.workbook.addWorksheet("Other").getCell("A1").value = "x";
    await host.selectCell("Team", "C7");
    const { user, form } = await openFormOver(host);
    await waitFor(() => expect(headerRowField(form).value).toBe("4"), TIMEOUT);
    expect((within(form).getByRole("combobox", { name: "Sheet" }) as HTMLSelectElement).value).toBe("Team");
    expect(within(form).getByRole("status").textContent).toMatch(/selected cell C7 on “Team”: its register's header is row 4/);

    await user.selectOptions(within(form).getByRole("combobox", { name: "Kind of register" }), "Issue log");
    await user.click(within(form).getByRole("button", { name: "Use this register" }));
    const list = await screen.findByRole("list", { name: "Registers found" }, TIMEOUT);
    expect(list.textContent).toContain("header in row 4");
  }, 30_000);

  it("a cell chosen after the form opened is read again on request", async () => {
    const host = missedRegister();
    const other = host.workbook.addWorksheet("Actions");
    ["Action", "Owner", "Due"].forEach((h, i) => (other.getCell(2, i + 1).value = h));
    ["Call vendor", "Ana", "Monday"].forEach((v, i) => (other.getCell(3, i + 1).value = v));
    const { user, form } = await openFormOver(host);
    expect(headerRowField(form).value).toBe("1");
    await host.selectCell("Actions", "B3");
    await user.click(within(form).getByRole("button", { name: "Use the selected cell" }));
    await waitFor(() => expect(headerRowField(form).value).toBe("2"), TIMEOUT);
    expect((within(form).getByRole("combobox", { name: "Sheet" }) as HTMLSelectElement).value).toBe("Actions");
  }, 30_000);

  it("a cell inside a register the toolkit found brings its kind too", async () => {
    const host = XlsxHost.create("Risks.xlsx");
    const ws = host.workbook.addWorksheet("Risks");
    ["Risk ID", "Risk description", "Likelihood", "Impact", "Owner", "Status"].forEach((h, i) => (ws.getCell(3, i + 2).value = h));
    for (let r = 0; r < 6; r++) [`R-${r + 1}`, `Supplier may fail ${r}`, (r % 5) + 1, ((r + 2) % 5) + 1, "Ann Lee", "Open"].forEach((v, i) => (ws.getCell(4 + r, i + 2).value = v));
    await host.selectCell("Risks", "D8");
    const { form } = await openFormOver(host, "Risks");
    await waitFor(() => expect(headerRowField(form).value).toBe("3"), TIMEOUT);
    expect((within(form).getByRole("combobox", { name: "Kind of register" }) as HTMLSelectElement).selectedOptions[0]?.textContent).toMatch(/Risk register/);
  }, 30_000);
});
