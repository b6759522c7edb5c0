import {
  decodeMetadataRows,
  encodeMetadataRow,
  METADATA_CHUNK,
  metadataRowFor,
} from "../../../src/core/metadata/schema";

const register = {
  sheet: "Risks",
  kind: "risk",
  templateId: "risk",
  templateVersion: "1.0.0",
  headerRow: 4,
  mapping: { probability: "Likelihood", impact: "Impact" },
  confirmed: true,
};

describe("the workbook record", () => {
  it("reads back what was written, over several cells when long", () => {
    const long = { note: "x".repeat(METADATA_CHUNK * 2 + 10) };
    const rows = [encodeMetadataRow("registers", [register]), encodeMetadataRow("settings", long)];
    expect(rows[1]).toHaveLength(4);
    const { metadata, issues } = decodeMetadataRows(rows);
    expect(issues).toEqual([]);
    expect(metadata.registers).toEqual([register]);
    expect(metadata.settings).toEqual(long);
  });

  it("reports damaged JSON by cell and keeps the rest", () => {
    const rows = [encodeMetadataRow("registers", [register]), ["settings", "{not json"]];
    const { metadata, issues } = decodeMetadataRows(rows);
    expect(metadata.registers).toHaveLength(1);
    expect(metadata.settings).toEqual({});
    expect(issues).toEqual([
      { sheet: "PMO Toolkit Data", cell: "B3", key: "settings", message: "the stored value of “settings” is not valid JSON; it was ignored" },
    ]);
  });

  it("drops a key that fails its schema and says where", () => {
    const rows = [encodeMetadataRow("settings", {}), encodeMetadataRow("registers", [{ ...register, headerRow: -1 }])];
    const { metadata, issues } = decodeMetadataRows(rows);
    expect(metadata.registers).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ cell: "B3", key: "registers" });
    expect(issues[0].message).toContain("0.headerRow");
    // The reason is in words a person reads, not zod's bare "Invalid input".
    expect(issues[0].message).toMatch(/0\.headerRow: Too small: expected number to be >0/);
  });

  it("keeps keys it does not know, for newer versions of the add-in", () => {
    const { metadata } = decodeMetadataRows([encodeMetadataRow("heatmapSnapshot", { at: "2026-11-01" })]);
    expect(metadata.heatmapSnapshot).toEqual({ at: "2026-11-01" });
  });

  it("finds a key's row or the next free one", () => {
    expect(metadataRowFor(["registers", "settings"], "settings")).toBe(3);
    expect(metadataRowFor(["registers", null, ""], "templates")).toBe(3);
    expect(metadataRowFor([], "registers")).toBe(2);
  });
});
