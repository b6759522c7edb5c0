/**
 * The heat map and variance jobs over every corpus workbook they find a
 * register in, with the package as the truth: the same edits as over the
 * whole workbook model (the cells written may differ only where the package
 * reader reads a cached formula result the model drops, such as a shared
 * formula's cached 0), the same package saved for the same plan, every part
 * the plan does not write kept byte for byte, and a consistent package.
 */
import type { Plan } from "../../src/core/plan/plan";
import { planVariance } from "../../src/jobs/finance/variance";
import { planHeatMaps } from "../../src/jobs/heatmap/heatmap";
import { bothSavesAsParts, runOverBothHosts, unwrittenPartsChanged, type FileJob } from "../unit/hosts/xlsx/job-outputs";
import { packageProblems } from "../unit/hosts/xlsx/package-checks";
import { corpusBytes, corpusFiles } from "../corpus-files";

const files = corpusFiles();

const jobs: Record<string, FileJob> = {
  heatmap: async (host) => {
    const drawing = await planHeatMaps(host, {});
    return drawing.ok ? drawing.plan : null;
  },
  variance: async (host) => {
    const report = await planVariance(host);
    return report.trackers.length ? report.plan : null;
  },
};

/** Where each edit goes, without the cells it writes. */
function shape(plan: Plan): unknown[] {
  return plan.edits.map((e) => [e.type, "sheet" in e ? e.sheet : null, "address" in e ? e.address : null]);
}

describe.each(Object.keys(jobs))("pmo %s over the package host", (job) => {
  test.each(files)("%s", async (file) => {
    const bytes = corpusBytes(file);
    const outputs = await runOverBothHosts(bytes, file, jobs[job]);
    if (!outputs) return;
    expect(shape(outputs.packagePlan)).toEqual(shape(outputs.wholePlan));
    const [pkg, whole] = await bothSavesAsParts(outputs);
    expect(pkg).toEqual(whole);
    expect(await unwrittenPartsChanged(bytes, outputs.packageSaved, outputs.packagePlan)).toEqual([]);
    expect(await packageProblems(outputs.packageSaved)).toEqual([]);
  });
});
