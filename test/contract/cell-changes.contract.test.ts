/**
 * The port's change events: a listener hears of cells that change (in Excel
 * through worksheets.onChanged, from the person's typing and pasting; in a
 * file, from every apply, the playground's cell edits included) until it
 * stops listening.
 */
import type { CellsChanged } from "../../src/hosts/host";
import { XlsxHost } from "../../src/hosts/xlsx/xlsx-host";
import { FakeExcel } from "./fake-excel/fake-excel";
import { excelHostOver } from "./fake-excel/host-over-fake";
import { xlsxBytes } from "./hosts-under-test";
import type { WorkbookSeed } from "./workbook-seed";

const seed: WorkbookSeed = { sheets: [{ name: "Notes", rows: [["x"]] }, { name: "Q1, risks", rows: [["ID", "Status"], ["R-1", "Open"]] }] };

test("in Excel: the person's edits are heard with their sheet and range, until the listener stops; registering costs one sync", async () => {
  const fake = FakeExcel.fromSeed(seed);
  const host = excelHostOver(fake);
  const heard: CellsChanged[] = [];
  const before = fake.runs.length;
  const stop = await host.onCellsChanged((c) => heard.push(c));
  expect(fake.runs.slice(before).reduce((n, r) => n + r.syncs.length, 0)).toBe(1);
  await fake.userEdits("Q1, risks", "B2:B3", [["Closed"], ["Open"]], "paste");
  await fake.userEdits("Notes", "A1", [["y"]]);
  expect(heard).toEqual([
    { sheet: "Q1, risks", address: "B2:B3" },
    { sheet: "Notes", address: "A1" },
  ]);
  await stop();
  await fake.userEdits("Notes", "A1", [["z"]]);
  expect(heard).toHaveLength(2);
});

test("in Excel: a sheet added after the listener started is named too", async () => {
  const fake = FakeExcel.fromSeed(seed);
  const host = excelHostOver(fake);
  const heard: CellsChanged[] = [];
  await host.onCellsChanged((c) => heard.push(c));
  await host.apply({ title: "add", edits: [{ type: "addSheet", sheet: "Later", hidden: "visible" }] });
  await fake.userEdits("Later", "C3", [[1]]);
  expect(heard).toEqual([{ sheet: "Later", address: "C3" }]);
});

test("in a file: every apply is heard, cell by range, until the listener stops", async () => {
  const host = await XlsxHost.open(await xlsxBytes(seed), "changes.xlsx");
  const heard: CellsChanged[] = [];
  const stop = await host.onCellsChanged((c) => heard.push(c));
  await host.apply({ title: "edit", edits: [{ type: "setCells", sheet: "q1, RISKS", address: "B2", cells: [["Closed"]] }] });
  expect(heard).toEqual([{ sheet: "Q1, risks", address: "B2" }]);
  await stop();
  await host.apply({ title: "edit", edits: [{ type: "setCells", sheet: "Notes", address: "A1", cells: [["y"]] }] });
  expect(heard).toHaveLength(1);
});
