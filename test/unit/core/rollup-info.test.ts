import { findProjectList, labelledInfo, ragOf } from "../../../src/core/rollup/project-info";
import type { SheetCells } from "../../../src/core/detect/sheet-cells";

function cells(values: SheetCells["values"], top = 1): SheetCells {
  return { sheet: "S", top, left: 1, values, merges: [] };
}

describe("project facts outside the registers", () => {
  it("reads labels with their values beside them or after a colon, naming the cell", () => {
    const info = labelledInfo(cells([["Project manager:", null, "Tom Okafor"], ["Programme: Estates renewal"], ["Overall RAG", "amber/red"], ["Last updated", "12 March 2025"]]), "p.xlsx");
    expect(info.manager).toEqual({ value: "Tom Okafor", source: { file: "p.xlsx", sheet: "S", cell: "C1" } });
    expect(info.programme?.value).toBe("Estates renewal");
    expect(info.statedRag?.value).toBe("Amber/Red");
    expect(info.lastUpdated?.value).toBe(45728);
  });

  it("reads a label padded for alignment, the same text again in the next file, and no sentence that merely ends in a label", () => {
    const padded = cells([["*** Project   Manager ***          :", "Tom Okafor"], ["Notes on how the project manager is chosen, for the project", "x"]]);
    expect(labelledInfo(padded, "a.xlsx").manager?.value).toBe("Tom Okafor");
    expect(labelledInfo(padded, "b.xlsx").manager?.source).toEqual({ file: "b.xlsx", sheet: "S", cell: "B1" });
    expect(Object.keys(labelledInfo(cells([["A note that runs on well past any label's length: Project manager", "Tom"]]), "p.xlsx"))).toEqual([]);
  });

  it("does not read a header row's neighbouring headers as a label and its value", () => {
    expect(labelledInfo(cells([["ID", "Code", "Description", "Amount"]]), "p.xlsx").code).toBeUndefined();
  });

  it("finds a list of projects and stops at its total line", () => {
    const list = findProjectList(cells([["Portfolio status"], [null], ["Project", "Code", "Project manager", "Overall RAG"], ["Alpha", "A1", "Ann", "G"], ["Beta", "B2", "Bo", "Red"], ["Total", null, null, null]]), "p.xlsx");
    expect(list?.headerRow).toBe(3);
    expect(list?.projects.map((p) => [p.project?.value, p.code?.value, p.statedRag?.value])).toEqual([
      ["Alpha", "A1", "Green"],
      ["Beta", "B2", "Red"],
    ]);
  });

  it("reads the five-point RAG and leaves other words alone", () => {
    expect(["Green", "A/G", "amber-red", "R", "Complete", "on track"].map(ragOf)).toEqual(["Green", "Amber/Green", "Amber/Red", "Red", "Blue", null]);
  });
});
