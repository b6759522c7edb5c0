/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { PlanPreview } from "../../../src/taskpane/components";
import { plan } from "../../../src/core/plan/plan";
import type { Edit } from "../../../src/core/plan/edits";

const risksEdits: Edit[] = [
  { type: "addTableColumns", sheet: "Risks", table: "RiskRegister", columns: [{ header: "Owner" }, { header: "Proximity" }] },
  { type: "setDataValidation", sheet: "Risks", address: "F2:F40", validation: { rule: { kind: "list", values: ["Open", "Closed"] }, allowBlank: true }, label: "Status" },
  { type: "setCells", sheet: "Risks", address: "A1:B1", cells: [["ID", "Title"]] },
];

function renderPreview(edits: Edit[], maxLinesPerGroup?: number) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <PlanPreview plan={plan("Apply Risk register v1 to ‘Risks’", edits)} maxLinesPerGroup={maxLinesPerGroup} />
    </FluentProvider>,
  );
}

describe("PlanPreview", () => {
  describe("when the plan changes several sheets", () => {
    it("groups the lines by sheet in plan order, with a count on each group", () => {
      renderPreview([...risksEdits, { type: "addSheet", sheet: "Lists", hidden: "hidden" }, { type: "setMetadata", key: "settings", value: { currency: "EUR" } }]);
      const risks = screen.getByRole("region", { name: "Sheet “Risks”" });
      expect(within(risks).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
        "Adds 2 columns “Owner”, “Proximity” at the end of table “RiskRegister”",
        "Adds a drop-down to F2:F40 (Status) (2 values)",
        "Writes 2 cells in A1:B1",
      ]);
      expect(within(risks).getByLabelText("3 changes")).toBeTruthy();
      expect(within(screen.getByRole("region", { name: "Sheet “Lists”" })).getByRole("listitem").textContent).toBe("Adds hidden sheet “Lists”");
      expect(within(screen.getByRole("region", { name: "Workbook" })).getByRole("listitem").textContent).toBe("Records “settings” in the workbook");
    });

    it("says how many changes there are of each kind", () => {
      renderPreview([...risksEdits, { type: "setCells", sheet: "Risks", address: "C1", cells: [["Owner"]] }]);
      expect(screen.getByText("4 changes")).toBeTruthy();
      const kinds = within(screen.getByRole("list", { name: "Changes by kind" })).getAllByRole("listitem").map((li) => li.textContent);
      expect(kinds).toEqual(["1 column addition", "1 drop-down or rule", "2 cell writes"]);
    });
  });

  describe("when a sheet has more lines than the limit", () => {
    it("shows the first lines and reveals the rest on request", async () => {
      const edits: Edit[] = Array.from({ length: 5 }, (_, i) => ({ type: "setCells" as const, sheet: "Risks", address: `A${i + 1}`, cells: [[`R${i}`]] }));
      renderPreview(edits, 2);
      const group = screen.getByRole("region", { name: "Sheet “Risks”" });
      expect(within(group).getAllByRole("listitem")).toHaveLength(2);
      const more = within(group).getByRole("button", { name: "Show all 5 (3 more)" });
      expect(more.getAttribute("aria-expanded")).toBe("false");
      await userEvent.click(more);
      expect(within(group).getAllByRole("listitem")).toHaveLength(5);
      await userEvent.click(within(group).getByRole("button", { name: "Show fewer" }));
      expect(within(group).getAllByRole("listitem")).toHaveLength(2);
    });
  });

  describe("when the plan is empty", () => {
    it("says there is nothing to change instead of listing groups", () => {
      renderPreview([]);
      expect(screen.getByText("Nothing to change: the workbook already matches.")).toBeTruthy();
      expect(screen.queryByRole("list", { name: "Changes by kind" })).toBeNull();
    });
  });
});
