import { DEFAULT_SETTINGS, readSettings, RISK_BAND_SETS } from "../../../../src/core/metadata/settings";

describe("readSettings", () => {
  it("fills defaults for settings the workbook has not stored", () => {
    expect(readSettings({})).toEqual({ settings: DEFAULT_SETTINGS, other: {}, issues: [] });
  });

  it("keeps valid stored values and unknown keys, and reports each bad value while using its default", () => {
    const r = readSettings({ currency: "eur", riskBands: "npsa", varianceAmberPercent: 7, owner: "PMO" });
    expect(r.settings).toEqual({ currency: "GBP", riskBands: "npsa", riskMatrix: "5x5", varianceAmberPercent: 7, varianceRedPercent: 10, varianceAmberAmount: 0, varianceRedAmount: 0, eacMethod: "cpi" });
    expect(r.other).toEqual({ owner: "PMO" });
    expect(r.issues).toEqual([{ key: "currency", message: "stored setting “currency” (\"eur\") is not valid: a currency is a three-letter ISO code such as GBP; the default is used" }]);
  });

  it("falls back to the default thresholds when amber is above red", () => {
    const r = readSettings({ varianceAmberPercent: 20, varianceRedPercent: 10 });
    expect([r.settings.varianceAmberPercent, r.settings.varianceRedPercent]).toEqual([5, 10]);
    expect(r.issues.map((i) => i.key)).toEqual(["varianceAmberPercent"]);
  });

  it("keeps variance amounts and the EAC method, and falls back when an amount or method is not valid", () => {
    expect(readSettings({ varianceAmberAmount: 1000, varianceRedAmount: 5000, eacMethod: "cpiSpi" }).settings).toMatchObject({ varianceAmberAmount: 1000, varianceRedAmount: 5000, eacMethod: "cpiSpi" });
    const r = readSettings({ varianceAmberAmount: 9000, varianceRedAmount: 5000, eacMethod: "guess" });
    expect(r.settings).toMatchObject({ varianceAmberAmount: 0, varianceRedAmount: 0, eacMethod: "cpi" });
    expect(r.issues.map((i) => i.key).sort()).toEqual(["eacMethod", "varianceAmberAmount"]);
  });
});

describe("RISK_BAND_SETS", () => {
  it.each(Object.entries(RISK_BAND_SETS))("%s puts every score from 1 to 25 in exactly one band", (_, set) => {
    for (let score = 1; score <= 25; score++) {
      expect(set.bands.filter((b) => score >= b.min && score <= b.max)).toHaveLength(1);
    }
  });
});
