/**
 * The port's selection read: every host says which sheet and cell the person
 * points at, and a cell the toolkit selected (a finding chosen) reads back the
 * same on every host. In Excel it costs one sync.
 */
import { FakeExcel } from "./fake-excel/fake-excel";
import { excelHostOver } from "./fake-excel/host-over-fake";
import { expectAllAgree, HOST_KINDS, hostFrom } from "./hosts-under-test";
import type { WorkbookSeed } from "./workbook-seed";

const seed: WorkbookSeed = {
  sheets: [
    { name: "Old", visibility: "hidden", rows: [["archived"]] },
    { name: "Risk Log", origin: "B2", rows: [["ID", "Risk", "Owner"], ["R-1", "Vendor", "Ana"]] },
    { name: "Q1, risks", rows: [["ID", "Risk"], ["R-2", "Staff"]] },
  ],
};

describe("the person's selection, on every host", () => {
  it("a workbook just opened points at A1 of its first visible sheet", async () => {
    const states = [];
    for (const kind of HOST_KINDS) {
      const { host } = await hostFrom(kind, seed);
      states.push(await host.selection?.());
    }
    expectAllAgree(states);
    expect(states[0]).toEqual({ sheet: "Risk Log", address: "A1" });
  });

  it("a cell the toolkit selected is the selection read back, on sheets whose names Excel quotes too", async () => {
    const states = [];
    for (const kind of HOST_KINDS) {
      const { host } = await hostFrom(kind, seed);
      await host.selectCell?.("Risk Log", "D3");
      const first = await host.selection?.();
      await host.selectCell?.("Q1, risks", "B2");
      states.push([first, await host.selection?.()]);
    }
    expectAllAgree(states);
    expect(states[0]).toEqual([
      { sheet: "Risk Log", address: "D3" },
      { sheet: "Q1, risks", address: "B2" },
    ]);
  });
});

describe("the selection in Excel (fake)", () => {
  const excel = () => {
    const fake = FakeExcel.fromSeed(seed);
    return { fake, host: excelHostOver(fake) };
  };

  it("is read in one sync: the selected range and its sheet", async () => {
    const { fake, host } = excel();
    fake.userSelects("Risk Log", "B2:D2");
    expect(await host.selection()).toEqual({ sheet: "Risk Log", address: "B2:D2" });
    expect(fake.lastRun.syncs).toHaveLength(1);
  });

  it("with several areas selected (which getSelectedRange refuses), the active cell stands for it", async () => {
    const { fake, host } = excel();
    fake.userSelects("Q1, risks", "A1:B1,A5", "B1");
    expect(await host.selection()).toEqual({ sheet: "Q1, risks", address: "B1" });
    expect(fake.lastRun.syncs).toHaveLength(2);
  });
});
