import { readPeriod } from "../../../../src/core/reconcile/period";

const READS: [string | number, string, string | undefined][] = [
  ["2026-03", "2026-03", undefined],
  ["Mar-26", "2026-03", undefined],
  ["March 2026", "2026-03", undefined],
  ["03/2026", "2026-03", undefined],
  ["2026/3", "2026-03", undefined],
  ["202603", "2026-03", undefined],
  ["2026 Mar", "2026-03", undefined],
  ["15/03/2026", "2026-03", undefined],
  ["2026-03-31", "2026-03", undefined],
  ["05/05/2026", "2026-05", undefined],
  [46096, "2026-03", undefined],
  [46082, "2026-03", "dd/mm/yyyy"],
  ["001/2024", "FY2024-P01", undefined],
  ["FY26 P03", "FY2026-P03", undefined],
  ["P3 FY2026", "FY2026-P03", undefined],
];

describe("readPeriod", () => {
  it("reads one month written many ways to one key", () => {
    for (const [value, key, format] of READS) expect([value, readPeriod(value, format)]).toEqual([value, expect.objectContaining({ kind: "period", key })]);
  });

  it("calls a text that reads as two months ambiguous, never guessing", () => {
    for (const value of ["03/04/2026", "03/04/26", 3]) expect([value, readPeriod(value).kind]).toEqual([value, "ambiguous"]);
  });

  it("reads nothing from what is not a period", () => {
    for (const value of ["Q1 2026", "next month", "", null, 2.5, "13/2026"]) expect([value, readPeriod(value).kind]).toEqual([value, "none"]);
  });
});
