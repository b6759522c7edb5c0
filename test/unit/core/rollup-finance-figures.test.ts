import { financeFigures, type MappedAmounts } from "../../../src/core/rollup";

const none: MappedAmounts = { budget: null, actual: null, forecastAtCompletion: null, earnedValue: null, plannedValue: null, actualCostEv: null };

describe("rollup finance figures", () => {
  it("gives CPI, SPI, % complete and EAC = BAC / CPI from earned value", () => {
    const f = financeFigures({ ...none, budget: 1000, earnedValue: 400, plannedValue: 500, actualCostEv: 500 });
    expect(f.cpi).toBeCloseTo(0.8);
    expect(f.spi).toBeCloseTo(0.8);
    expect(f.percentComplete).toBeCloseTo(0.4);
    expect(f.forecast?.value).toBeCloseTo(1250);
    expect(f.forecast?.how).toBe("EAC = BAC / CPI (cost performance persists)");
    expect(f.variance).toBeCloseTo(-250);
    expect(f.variancePercent).toBeCloseTo(-0.25);
  });

  it("takes the tracker's forecast at completion before working one out", () => {
    const f = financeFigures({ ...none, budget: 1000, forecastAtCompletion: 900, earnedValue: 400, actualCostEv: 500 });
    expect(f.forecast).toEqual({ value: 900, how: "forecast at completion as the tracker states it" });
    expect(f.variance).toBe(100);
  });

  it("gives no figure where a divisor is zero or CPI is not positive", () => {
    expect(financeFigures({ ...none, budget: 0, earnedValue: 0, plannedValue: 0, actualCostEv: 0 })).toEqual({
      forecast: null, variance: null, variancePercent: null, cpi: null, spi: null, percentComplete: null,
    });
    const negative = financeFigures({ ...none, budget: 1000, earnedValue: -100, actualCostEv: 50 });
    expect(negative.cpi).toBe(-2);
    expect(negative.forecast).toBeNull();
  });
});
