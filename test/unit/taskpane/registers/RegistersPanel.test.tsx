/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { WorkbookHostProvider } from "../../../../src/taskpane/hostContext";
import { RegistersPanel } from "../../../../src/taskpane/panels/registers";
import { detectRegisters } from "../../../../src/jobs/registers/detect";
import type { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";
import { emptyWorkbook, riskWorkbook, scheduleWorkbook, unsureWorkbook, RISK_HEADERS, RISK_ROWS } from "./smallWorkbook";
import { MappingEditor } from "../../../../src/taskpane/panels/registers/MappingEditor";
import { builtInTemplate } from "../../../../src/core/templates/catalogue";

function renderPanel(host: XlsxHost, saveFile = jest.fn()) {
  const onReady = jest.fn();
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <WorkbookHostProvider host={host}>
        <RegistersPanel onReady={onReady} saveFile={saveFile} />
      </WorkbookHostProvider>
    </FluentProvider>,
  );
  return { ...utils, onReady, saveFile };
}

const TIMEOUT = { timeout: 10_000 };

async function applyButton(): Promise<HTMLElement> {
  const button = await screen.findByRole("button", { name: "Apply template" }, TIMEOUT);
  // Enabled once the plan for the current choices has arrived.
  await screen.findByRole("region", { name: /^Apply Risk register/ }, TIMEOUT);
  return button;
}

describe("the Registers panel", () => {
  describe("when the workbook holds a risk register kept by hand", () => {
    it("lists it with its kind, rows, confidence and how far it is from the template", async () => {
      const { onReady } = renderPanel(riskWorkbook());
      const list = await screen.findByRole("list", { name: "Registers found" }, TIMEOUT);
      const card = within(list).getByRole("button", { name: "Risks" });
      const item = card.closest("li") as HTMLElement;
      expect(within(item).getByText("Sure")).toBeTruthy();
      // The details are the button's description, so a screen reader hears them with the name.
      const details = document.getElementById(card.getAttribute("aria-describedby") ?? "")?.textContent;
      expect(details).toContain("Risk register · Rows 4–7 · columns A–H · header in row 3");
      expect(details).toContain("Found with fair confidence (77%)");
      expect(details).toContain("Not standard: 17 columns missing, Status drop-down lost");
      expect(onReady).toHaveBeenCalled();
    });

    it("opens the only register, previews the template and applies it as a table, then undoes it", async () => {
      const host = riskWorkbook();
      renderPanel(host);
      const user = userEvent.setup();
      expect(((await screen.findByRole("combobox", { name: "Bring it to this template" }, TIMEOUT)) as HTMLSelectElement).value).toBe("risk");
      const apply = await applyButton();
      const preview = screen.getByRole("region", { name: /^Apply Risk register/ });
      expect(preview.textContent).toContain("17 changes");
      // The live band columns are named in the preview like any added column.
      expect(preview.textContent).toMatch(/Adds 17 columns .*“Band”/);
      expect(preview.textContent).toContain("4 colour rule sets");
      expect(screen.getByText(/^Not yet: 17 columns missing, Status drop-down lost\.$/)).toBeTruthy();

      await user.click(apply);
      await screen.findByText("Applied", undefined, TIMEOUT);
      const tables = (await host.outline()).sheets.find((s) => s.name === "Risks")?.tables ?? [];
      expect(tables.map((t) => t.headers.slice(0, RISK_HEADERS.length))).toEqual([RISK_HEADERS]);
      // Re-read after the apply: nothing left to change.
      await screen.findByText("Nothing to change: this register already follows the Risk register template.", undefined, TIMEOUT);
      expect(screen.getByText("Yes: it follows the Risk register template.")).toBeTruthy();

      await user.click(screen.getByRole("button", { name: "Undo" }));
      await screen.findByText("Undone", undefined, TIMEOUT);
      expect((await host.outline()).sheets.find((s) => s.name === "Risks")?.tables).toEqual([]);
      await screen.findByText(/^Not yet: 17 columns missing/, undefined, TIMEOUT);
    });
  });

  describe("when the person corrects the mapping", () => {
    it("plans with their columns and records the mapping as confirmed, which detection then uses", async () => {
      const host = riskWorkbook();
      renderPanel(host);
      const user = userEvent.setup();
      await applyButton();
      await user.click(screen.getByRole("button", { name: /Column mapping/ }));
      // The Notes column holds the mitigation; detection left it unmapped.
      const mitigation = screen.getByRole("combobox", { name: "Mitigation" }) as HTMLSelectElement;
      expect(mitigation.value).toBe("");
      await user.selectOptions(mitigation, "H");
      expect((screen.getByRole("checkbox", { name: /Remember this mapping/ }) as HTMLInputElement).checked).toBe(true);
      const preview = await screen.findByRole("region", { name: /^Apply Risk register/ }, TIMEOUT);
      expect(preview.textContent).not.toMatch(/adds columns[^.]*Mitigation/);

      await user.click(screen.getByRole("button", { name: "Apply template" }));
      await screen.findByText("Applied", undefined, TIMEOUT);
      const record = (await host.outline()).metadata.registers.find((r) => r.sheet === "Risks");
      expect(record).toMatchObject({ confirmed: true, templateId: "risk", headerRow: 3 });
      expect(record?.mapping.mitigation).toBe("Notes");
      const again = await detectRegisters(host);
      expect(again[0].columns.mitigation).toMatchObject({ column: "H", source: "stored" });
    });

    it("refuses two fields on one column and says which field has it", async () => {
      renderPanel(riskWorkbook());
      const user = userEvent.setup();
      await applyButton();
      await user.click(screen.getByRole("button", { name: /Column mapping/ }));
      await user.selectOptions(screen.getByRole("combobox", { name: "Title" }), "B");
      expect(screen.getByText("Column B (“Risk Description”) is also chosen for Description. A column holds one field: choose another, or “not in this register”.")).toBeTruthy();
      expect(screen.getByText("Column B (“Risk Description”) is also chosen for Title. A column holds one field: choose another, or “not in this register”.")).toBeTruthy();
      expect((screen.getByRole("button", { name: "Apply template" }) as HTMLButtonElement).disabled).toBe(true);
      await user.click(screen.getByRole("button", { name: "Go back to the detected mapping" }));
      expect((await applyButton()).hasAttribute("disabled")).toBe(false);
    });
  });

  describe("when detection is unsure of the register", () => {
    it("asks for a check, opens the mapping at once, and records the person's correction as confirmed", async () => {
      const host = unsureWorkbook();
      renderPanel(host);
      const user = userEvent.setup();
      const card = await screen.findByRole("button", { name: "Log" }, TIMEOUT);
      expect(within(card.closest("li") as HTMLElement).getByText("Check the mapping")).toBeTruthy();
      expect(document.getElementById(card.getAttribute("aria-describedby") ?? "")?.textContent).toContain("Found with low confidence (56%): it may not be a register");
      // Open without a click: the person has to look at it.
      const owner = (await screen.findByRole("combobox", { name: "Owner" }, TIMEOUT)) as HTMLSelectElement;
      expect(owner.value).toBe("");
      await user.selectOptions(owner, "E");
      await screen.findByRole("region", { name: /^Apply Risk register/ }, TIMEOUT);
      await user.click(screen.getByRole("button", { name: "Apply template" }));
      await screen.findByText("Applied", undefined, TIMEOUT);
      const record = (await host.outline()).metadata.registers[0];
      expect(record).toMatchObject({ sheet: "Log", confirmed: true });
      expect(record.mapping.owner).toBe("Who");
      // Detection now trusts the confirmed mapping.
      expect(await screen.findByText("Mapping confirmed earlier in this workbook", { exact: false }, TIMEOUT)).toBeTruthy();
    });
  });

  describe("the mapping editor", () => {
    it("marks a field detection was unsure of, and offers every header column or none", async () => {
      const template = builtInTemplate("risk");
      if (!template) throw new Error("no risk template");
      const onChange = jest.fn();
      render(
        <FluentProvider theme={webLightTheme}>
          <MappingEditor
            template={template}
            headers={[
              { column: "A", header: "Ref" },
              { column: "B", header: "Who" },
            ]}
            detected={{ owner: { header: "Who", column: "B", confidence: 0.45, lowConfidence: true, source: "content" } }}
            mapping={{ id: "A", owner: "B" }}
            lowFields={new Set(["owner"])}
            problems={{}}
            onChange={onChange}
            corrected={false}
            remember={false}
            onRemember={jest.fn()}
            onReset={jest.fn()}
            defaultOpen
          />
        </FluentProvider>,
      );
      const owner = screen.getByRole("combobox", { name: "Owner" });
      expect(within(owner.closest(".fui-Field") as HTMLElement).getByText("Check this: low confidence (45%).")).toBeTruthy();
      expect(within(owner).getAllByRole("option").map((o) => o.textContent)).toEqual(["Not in this register", "A: Ref", "B: Who"]);
      await userEvent.setup().selectOptions(owner, "Not in this register");
      expect(onChange).toHaveBeenCalledWith("owner", null);
      expect(screen.getByRole("button", { name: /Column mapping/ }).textContent).toContain("2 of 24 columns found · 1 to check");
    });
  });

  describe("templates from files", () => {
    it("names the bad field of a template file, and offers a good file's template", async () => {
      renderPanel(riskWorkbook());
      const user = userEvent.setup();
      await applyButton();
      const input = screen.getByLabelText("Template file") as HTMLInputElement;
      const bad = JSON.stringify({ id: "pmo-risk", extends: "risk", columns: [{ id: "status", type: "colour" }] });
      await user.upload(input, new File([bad], "pmo-risk.json", { type: "application/json" }));
      const alert = await screen.findByRole("alert");
      expect(alert.textContent).toContain("“pmo-risk.json” cannot be used as a template");
      expect(alert.textContent).toContain("columns[0].type");

      const good = JSON.stringify({ id: "pmo-risk", extends: "risk", name: "PMO risk register", columns: [{ id: "status", allowedValues: ["Open", "Monitoring", "Closed"] }] });
      await user.upload(input, new File([good], "pmo-risk.json", { type: "application/json" }));
      await screen.findByRole("option", { name: "PMO risk register 1.0.0" }, TIMEOUT);
      expect(screen.queryByRole("alert")).toBeNull();
    });

    it("exports the chosen template as a JSON file that names it", async () => {
      const { saveFile } = renderPanel(riskWorkbook());
      const user = userEvent.setup();
      await applyButton();
      await user.click(screen.getByRole("button", { name: "Export template" }));
      expect(saveFile).toHaveBeenCalledWith("risk.template.json", expect.any(String));
      const json = JSON.parse(saveFile.mock.calls[0][1] as string) as { id: string; columns: { id: string }[] };
      expect(json.id).toBe("risk");
      expect(json.columns.map((c) => c.id)).toContain("residualScore");
    });
  });

  describe("when a block is shaped like a register but of no clear kind", () => {
    it("says its kind is uncertain, naming the best fit only as that", async () => {
      const { onReady } = renderPanel(scheduleWorkbook());
      const card = await screen.findByRole("button", { name: "Schedule" }, TIMEOUT);
      expect(within(card.closest("li") as HTMLElement).getByText("Check the mapping")).toBeTruthy();
      const details = document.getElementById(card.getAttribute("aria-describedby") ?? "")?.textContent ?? "";
      expect(details).toMatch(/^Kind uncertain \(.+ fits best\) · Rows 2–9 · columns A–J · header in row 1/);
      expect(details).toContain("Shaped like a register, but of uncertain kind");
      expect(onReady).toHaveBeenCalled();
    });
  });

  describe("when no register is found", () => {
    it("offers a new register from a template on a new sheet, and makes it", async () => {
      const host = emptyWorkbook();
      renderPanel(host);
      const user = userEvent.setup();
      expect(await screen.findByRole("heading", { name: "No registers found" }, TIMEOUT)).toBeTruthy();
      await user.selectOptions(screen.getByRole("combobox", { name: "Template" }), "issue");
      await screen.findByRole("region", { name: /^New Issue log/ }, TIMEOUT);
      await user.click(screen.getByRole("button", { name: "Create register" }));
      await screen.findByText("Applied", undefined, TIMEOUT);
      const sheet = (await host.outline()).sheets.find((s) => s.name === "Issue log");
      expect(sheet?.tables[0]?.headers.slice(0, 3)).toEqual(["ID", "Title", "Description"]);
      // The new register is found, and the Undo stays on screen.
      await screen.findByRole("button", { name: "Issue log" }, TIMEOUT);
      expect(screen.getByRole("button", { name: "Undo" })).toBeTruthy();
    });
  });

  it("keeps every original cell of the register where it was", async () => {
    const host = riskWorkbook();
    renderPanel(host);
    const user = userEvent.setup();
    await user.click(await applyButton());
    await screen.findByText("Applied", undefined, TIMEOUT);
    const grid = await host.read("Risks", "A3:H7");
    expect(grid.values[0]).toEqual(RISK_HEADERS);
    RISK_ROWS.forEach((row, r) => row.forEach((v, c) => RISK_HEADERS[c] !== "Score" && expect([`${"ABCDEFGH"[c]}${r + 4}`, grid.values[r + 1][c]]).toEqual([`${"ABCDEFGH"[c]}${r + 4}`, v === "" ? null : v])));
  });
});
