/** @jest-environment jsdom */
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ApplyPlan } from "../../../src/taskpane/components";
import { WorkbookError } from "../../../src/hosts/host";
import { plan } from "../../../src/core/plan/plan";
import { FakeHost } from "./fakeHost";
import { WorkbookHostProvider } from "../../../src/taskpane/hostContext";
import { FakeExcel } from "../../contract/fake-excel/fake-excel";
import { excelHostOver } from "../../contract/fake-excel/host-over-fake";

const formatRisks = plan("Format the risk register", [
  { type: "setStyle", sheet: "Risks", address: "A1:K1", style: { bold: true } },
  { type: "setNumberFormat", sheet: "Risks", address: "D2:D40", format: "dd/mm/yyyy" },
  { type: "setColumnWidths", sheet: "Risks", widths: [{ column: "B", width: 40 }] },
]);

function renderApply(host: FakeHost, onChanged = jest.fn()) {
  render(
    <FluentProvider theme={webLightTheme}>
      <ApplyPlan plan={formatRisks} apply={(p, progress) => host.apply(p, progress)} onChanged={onChanged} />
    </FluentProvider>,
  );
  return onChanged;
}

describe("ApplyPlan", () => {
  describe("when Apply is pressed and the host works through the plan", () => {
    it("shows progress while it runs, then says it applied and offers Undo", async () => {
      const host = new FakeHost();
      host.autoFinish = false;
      const onChanged = renderApply(host);
      await userEvent.click(screen.getByRole("button", { name: "Apply" }));

      expect(screen.getByRole("button", { name: "Applying…" }).hasAttribute("disabled")).toBe(true);
      act(() => host.report(2, 3));
      const bar = screen.getByRole("progressbar", { name: "Apply progress" });
      expect(bar.getAttribute("aria-valuenow")).toBe(String(2 / 3));
      expect(screen.getByText("2 of 3 changes")).toBeTruthy();

      await act(async () => host.finish());
      expect(screen.queryByRole("progressbar")).toBeNull();
      expect(screen.getByRole("status").textContent).toContain("3 changes made. Use Undo here to reverse them.");
      expect(host.applied).toEqual([formatRisks]);
      expect(onChanged).toHaveBeenCalledTimes(1);
      // Keyboard users land on Undo, the next thing they may want.
      expect(document.activeElement).toBe(screen.getByRole("button", { name: "Undo" }));
    });
  });

  describe("when Undo is pressed after an apply", () => {
    it("applies the host's inverse plan and says it is undone", async () => {
      const host = new FakeHost();
      const onChanged = renderApply(host);
      await userEvent.click(screen.getByRole("button", { name: "Apply" }));
      await userEvent.click(await screen.findByRole("button", { name: "Undo" }));

      expect(host.applied.map((p) => p.title)).toEqual(["Format the risk register", "Undo Format the risk register"]);
      expect(screen.getByRole("status").textContent).toContain("Undone");
      expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
      expect(onChanged).toHaveBeenCalledTimes(2);
    });

    it("works from the keyboard alone: Enter applies, Space undoes", async () => {
      const host = new FakeHost();
      renderApply(host);
      const user = userEvent.setup();
      await user.tab();
      expect(document.activeElement).toBe(screen.getByRole("button", { name: "Apply" }));
      await user.keyboard("{Enter}");
      await screen.findByRole("button", { name: "Undo" });
      await user.keyboard(" ");
      expect(host.applied).toHaveLength(2);
    });
  });

  describe("when Excel keeps the apply as one undo step", () => {
    it("says Ctrl+Z in Excel undoes it too", async () => {
      const host = new FakeHost();
      host.excelUndoGroup = true;
      renderApply(host);
      await userEvent.click(screen.getByRole("button", { name: "Apply" }));
      expect((await screen.findByRole("status")).textContent).toContain("Use Undo here, or press Ctrl+Z in Excel.");
    });
  });

  describe("when the apply fails", () => {
    it("shows a WorkbookError's message as it is", async () => {
      const host = new FakeHost();
      host.autoFinish = false;
      renderApply(host);
      await userEvent.click(screen.getByRole("button", { name: "Apply" }));
      await act(async () => host.fail(new WorkbookError("Sheet “Risks” is protected. Unprotect it (Review > Unprotect Sheet) and apply again.", { sheet: "Risks" })));
      const alert = screen.getByRole("alert");
      expect(alert.textContent).toBe("Could not apply the changesSheet “Risks” is protected. Unprotect it (Review > Unprotect Sheet) and apply again.");
      expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
      expect(screen.getByRole("button", { name: "Apply" }).hasAttribute("disabled")).toBe(false);
    });

    it("explains an unexpected error in a plain sentence and keeps the original as detail", async () => {
      const host = new FakeHost();
      host.autoFinish = false;
      renderApply(host);
      await userEvent.click(screen.getByRole("button", { name: "Apply" }));
      await act(async () => host.fail(new TypeError("Cannot read properties of undefined (reading 'getRange')")));
      const alert = screen.getByRole("alert");
      expect(alert.textContent).toContain("Something unexpected went wrong. Nothing further was changed");
      expect(alert.textContent).toContain("Details: Cannot read properties of undefined (reading 'getRange')");
    });
  });

  describe("when the plan is empty", () => {
    it("keeps Apply disabled", () => {
      render(
        <FluentProvider theme={webLightTheme}>
          <ApplyPlan plan={plan("Nothing", [])} apply={jest.fn()} />
        </FluentProvider>,
      );
      expect(screen.getByRole("button", { name: "Apply" }).hasAttribute("disabled")).toBe(true);
    });
  });

  describe("when part of the plan is outside what one Ctrl+Z in Excel reverses", () => {
    it("says so before Apply and after it, and the pane's Undo reverses all of it", async () => {
      const fake = FakeExcel.fromSeed({ sheets: [{ name: "Risks", rows: [["ID"], ["R1"]] }] }, "windows");
      // jsdom has no structuredClone, which the fake's Ctrl+Z snapshots use.
      fake.keepUndoSnapshots = false;
      const host = excelHostOver(fake, { supportsUndoGroup: true });
      const withLists = plan("Add a lookup list", [
        { type: "addSheet", sheet: "Lists", hidden: "hidden" },
        { type: "setCells", sheet: "Lists", address: "A1:A2", cells: [["Open"], ["Closed"]] },
        { type: "setCells", sheet: "Risks", address: "B1", cells: [["Status"]] },
      ]);
      render(
        <FluentProvider theme={webLightTheme}>
          <WorkbookHostProvider host={host}>
            <ApplyPlan plan={withLists} apply={(p, progress) => host.apply(p, progress)} />
          </WorkbookHostProvider>
        </FluentProvider>,
      );
      expect(screen.getByText(/Ctrl\+Z in Excel will not reverse: adds hidden sheet “Lists”\. Undo here reverses all of it\./)).toBeTruthy();
      await userEvent.click(screen.getByRole("button", { name: "Apply" }));
      await screen.findByRole("button", { name: "Undo" });
      expect(screen.getByRole("status").textContent).toContain("Use Undo here to reverse them all. Ctrl+Z in Excel will not reverse: adds hidden sheet “Lists”.");
      await userEvent.click(screen.getByRole("button", { name: "Undo" }));
      await screen.findByText(/The workbook is back/);
      expect(fake.dump().map((s) => s.name)).toEqual(["Risks"]);
    });
  });
});
