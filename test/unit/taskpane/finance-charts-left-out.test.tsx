/** @jest-environment jsdom */
/**
 * Where Excel has no chart API, the Finance panel says before writing that
 * the S-curve will not be drawn, and after writing that it was left out.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Plan } from "../../../src/core/plan/plan";
import { chartsNotDrawn } from "../../../src/hosts/excel/charts";
import type { ApplyResult, Progress } from "../../../src/hosts/host";
import { XlsxHost } from "../../../src/hosts/xlsx/xlsx-host";
import { samplePortfolioBytes } from "../../../src/sample/portfolioWorkbook";
import { WorkbookHostProvider } from "../../../src/taskpane/hostContext";
import { FinancePanel } from "../../../src/taskpane/panels/finance/FinancePanel";

/** The sample behind a host that, like an Excel without ExcelApi 1.7, applies everything but the charts. */
async function hostWithoutCharts() {
  const host = await XlsxHost.open(await samplePortfolioBytes(), "sample.xlsx");
  return Object.assign(host, {
    notDoneBy: (p: Plan) => chartsNotDrawn(p),
    apply: async (p: Plan, progress?: Progress): Promise<ApplyResult> => {
      const rest = { ...p, edits: p.edits.filter((e) => e.type !== "setChart" && e.type !== "removeChart") };
      const result = await XlsxHost.prototype.apply.call(host, rest, progress);
      return { ...result, notDone: chartsNotDrawn(p) };
    },
  });
}

describe("the Finance panel where charts cannot be drawn", () => {
  it("says so in the preview and after writing", async () => {
    const host = await hostWithoutCharts();
    render(
      <FluentProvider theme={webLightTheme}>
        <WorkbookHostProvider host={host}>
          <FinancePanel />
        </WorkbookHostProvider>
      </FluentProvider>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: /Write the summary sheet/ }, { timeout: 20000 }));
    expect(screen.getByText(/Draws line chart “S-curve: FSC EVM”.*: not done, as this version of Excel has no chart API/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Write it" }));
    expect(await screen.findByText(/^Written without: Draws line chart “S-curve: FSC EVM”/, undefined, { timeout: 20000 })).toBeTruthy();
  }, 60000);
});
