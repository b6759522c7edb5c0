/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { WorkbookHostProvider } from "../../../src/taskpane/hostContext";
import { RollupSettings } from "../../../src/taskpane/panels/settings/RollupSettings";
import { FakeHost, outlineOf } from "./fakeHost";

describe("rollup settings", () => {
  it("saves whose RAG is shown and the CPI/SPI lines, keeping every other setting", async () => {
    const host = new FakeHost(outlineOf());
    const stored = { currency: "EUR", rollupIndexAmber: 0.95 };
    render(
      <FluentProvider theme={webLightTheme}>
        <WorkbookHostProvider host={host}>
          <RollupSettings stored={stored} />
        </WorkbookHostProvider>
      </FluentProvider>,
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole("combobox", { name: /RAG shown/ }), "stated");
    const red = screen.getByRole("textbox", { name: /Red below/ });
    await user.clear(red);
    await user.type(red, "0.99");
    expect(await screen.findByText("The red line must be at or below the amber one.")).toBeTruthy();
    await user.clear(red);
    await user.type(red, "0.85");
    await user.click(screen.getByRole("button", { name: "Save rollup settings" }));
    await screen.findByRole("button", { name: "Undo" });
    expect(host.applied).toHaveLength(1);
    expect(host.applied[0].edits).toEqual([{ type: "setMetadata", key: "settings", value: { currency: "EUR", rollupIndexAmber: 0.95, rollupRagSource: "stated", rollupIndexRed: 0.85 } }]);
  });
});
