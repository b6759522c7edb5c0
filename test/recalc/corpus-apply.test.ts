/**
 * Every register detection finds in the real workbooks of ../shared/corpus,
 * applied with its template, then recalculated in LibreOffice: no cell that
 * held a value turns into an error, and no value a person typed changes
 * (header cells the preview names aside). Registers the planner refuses (no
 * room for the added columns, repeated headers) are listed, not applied.
 */
import { applyEveryRegister } from "./apply-every-register";
import { sofficePath } from "./libreoffice";
import { corpusBytes, corpusFiles } from "../corpus-files";

const files = corpusFiles();
const maybe = sofficePath() && files.length ? describe : describe.skip;

maybe("applying every register of the corpus", () => {
  const lines: string[] = [];
  afterAll(() => console.log(["| file | applied | refused | new errors | typed values changed |", "|---|---|---|---|---|", ...lines].join("\n")));

  test.each(files)("%s: no new error cells, no typed value changed", async (file) => {
    const r = await applyEveryRegister(corpusBytes(file), file);
    lines.push(`| ${file} | ${r.applied.length} | ${r.refused.length} | ${r.newErrors.length} | ${r.typedChanged.length} |`);
    expect({ newErrors: r.newErrors.slice(0, 10), typedChanged: r.typedChanged.slice(0, 10) }).toEqual({ newErrors: [], typedChanged: [] });
  });
});
