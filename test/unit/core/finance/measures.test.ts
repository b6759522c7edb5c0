import { evmMeasures, measureDefinitions, measureFormula, sheetSub } from "../../../../src/core/finance/measures";
import { ragOf } from "../../../../src/core/finance/thresholds";
import { readAmount } from "../../../../src/core/finance/amounts";
import { readPeriod } from "../../../../src/core/finance/periods";

describe("earned value measures", () => {
  test("every measure of PMO reference §3 from one set of figures", () => {
    const v = evmMeasures({ bac: 1000, pv: 500, ev: 400, ac: 500, etcEstimate: 700 }, "cpi");
    expect(v.cv).toBe(-100);
    expect(v.sv).toBe(-100);
    expect(v.cvPercent).toBeCloseTo(-0.25);
    expect(v.svPercent).toBeCloseTo(-0.2);
    expect(v.cpi).toBeCloseTo(0.8);
    expect(v.spi).toBeCloseTo(0.8);
    expect(v.eacCpi).toBeCloseTo(1250);
    expect(v.eacAtypical).toBe(1100);
    expect(v.eacCpiSpi).toBeCloseTo(500 + 600 / 0.64);
    expect(v.eacBottomUp).toBe(1200);
    expect(v.eac).toBeCloseTo(1250);
    expect(v.etc).toBeCloseTo(750);
    expect(v.vac).toBeCloseTo(-250);
    expect(v.tcpiBac).toBeCloseTo(600 / 500);
    expect(v.tcpiEac).toBeCloseTo(600 / 750);
    expect(v.percentComplete).toBeCloseTo(0.4);
    expect(evmMeasures({ bac: 1000, pv: 500, ev: 400, ac: 500, etcEstimate: 700 }, "bottomUp").eac).toBe(1200);
  });

  test("a difference lost in the last bits is zero, as in the spreadsheet, so TCPI (EAC) is empty rather than -0", () => {
    // BAC/CPI comes back as 81199.99999999999 for an AC of 81200.
    const v = evmMeasures({ bac: 85000, pv: 85000, ev: 85000, ac: 81200, etcEstimate: 0 }, "cpi");
    expect(v.eac).not.toBe(81200);
    expect(v.etc).toBe(0);
    expect(v.tcpiEac).toBeNull();
    expect(sheetSub(0.3, 0.1 + 0.2)).toBe(0);
    expect(sheetSub(1, 1 - 1e-12)).not.toBe(0);
    expect(sheetSub(-5, 5)).toBe(-10);
  });

  test("division by zero gives no value, never NaN or Infinity", () => {
    const v = evmMeasures({ bac: 100, pv: 0, ev: 0, ac: 100, etcEstimate: null }, "cpiSpi");
    expect([v.spi, v.svPercent, v.cvPercent, v.eacCpi, v.eacCpiSpi, v.tcpiBac, v.eac, v.etc, v.vac, v.eacBottomUp]).toEqual([null, null, null, null, null, null, null, null, null, null]);
    expect(v.cpi).toBe(0);
  });

  test("each formula tests its operands before it divides, so no cell shows #DIV/0! or #VALUE!", () => {
    const cpi = measureDefinitions("cpi").find((d) => d.id === "eacCpiSpi");
    expect(cpi && measureFormula(cpi, (o) => o.toUpperCase() + "1")).toBe('=IF(OR(AC1="",BAC1="",EV1="",CPI1="",SPI1=""),"",IF(CPI1*SPI1=0,"",AC1+(BAC1-EV1)/(CPI1*SPI1)))');
  });

  test("RAG: whichever of amount and percentage is greater", () => {
    const t = { amberPercent: 5, redPercent: 10, amberAmount: 7500, redAmount: 15000 };
    expect(ragOf(-8000, 100000, t)).toBe("Amber"); // past 7,500 and past 5%
    expect(ragOf(-7000, 100000, t)).toBe("Green"); // 7% but under 7,500
    expect(ragOf(60000, 500000, t)).toBe("Red");
    expect(ragOf(40000, 500000, t)).toBe("Amber"); // 8%: past 25,000, not past 50,000
    expect(ragOf(null, 1, t)).toBeNull();
  });

  test("amounts typed as text, negatives in brackets or with a trailing minus; unreadable text is not zero", () => {
    expect(readAmount("331,250 GBP")).toMatchObject({ kind: "text", value: 331250 });
    expect(readAmount("(1.234,56)")).toMatchObject({ kind: "text", value: -1234.56 });
    expect(readAmount("1,234-")).toMatchObject({ kind: "text", value: -1234 });
    expect(readAmount("tbc")).toEqual({ kind: "unreadable", text: "tbc" });
  });

  test("periods sort in time order whatever their spelling", () => {
    expect(["Mar 2025", "2025-01", "Feb-25"].map((p) => readPeriod(p)?.key).sort()).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(readPeriod("003/2024")?.key).toBe("2024-P003");
  });
});
