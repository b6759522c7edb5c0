/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { EmptyState } from "../../../src/taskpane/components";

describe("EmptyState", () => {
  it("names what is missing as a heading and says what to do", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <EmptyState title="No registers found" action="Open a workbook that holds a risk or issue register.">
          <button type="button">Open the sample</button>
        </EmptyState>
      </FluentProvider>,
    );
    const region = screen.getByRole("region", { name: "No registers found" });
    expect(screen.getByRole("heading", { name: "No registers found" })).toBeTruthy();
    expect(region.textContent).toContain("Open a workbook that holds a risk or issue register.");
    expect(screen.getByRole("button", { name: "Open the sample" })).toBeTruthy();
  });
});
