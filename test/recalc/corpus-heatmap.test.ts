/**
 * Every risk register the registers job finds in the real workbooks of
 * ../shared/corpus: its heat map drawn, recalculated in LibreOffice, shows the
 * counts core placed. The maps are printed as a table for the record.
 */
import { drawAndRecalculate, mapText } from "./heatmap-counts";
import { sofficePath } from "./libreoffice";
import { corpusBytes, corpusFiles } from "../corpus-files";

const files = corpusFiles();
const maybe = sofficePath() && files.length ? describe : describe.skip;

maybe("heat maps of the corpus' risk registers, recalculated in LibreOffice", () => {
  const lines: string[] = [];
  afterAll(() => console.log(["| file | map | size | inherent (high → low) | residual |", "|---|---|---|---|---|", ...lines].join("\n")));

  test.each(files)("%s: the sheet's counts are core's", async (file) => {
    const maps = await drawAndRecalculate(corpusBytes(file), file);
    if (typeof maps === "string") {
      lines.push(`| ${file} | none: ${maps} | | | |`);
      return;
    }
    for (const m of maps) {
      lines.push(`| ${file} | ${m.subject} | ${m.size.join("×")} | ${mapText(m.core.inherent)} | ${m.core.residual ? mapText(m.core.residual) : "–"} |`);
      expect({ map: m.subject, counts: m.recalculated.inherent }).toEqual({ map: m.subject, counts: m.core.inherent });
      expect({ map: m.subject, counts: m.recalculated.residual }).toEqual({ map: m.subject, counts: m.core.residual });
    }
  });
});
