/**
 * The compile cache is turned on only where Node has one (22.1 and later);
 * on Node 20 nothing is called and nothing changes, and a cache that cannot
 * be set up never stops a run.
 */
import * as nodeModule from "node:module";
import { useCompileCache } from "../../../src/cli/compile-cache";

describe("the compile cache", () => {
  it("is turned on where Node has one", () => {
    const enableCompileCache = jest.fn();
    expect(useCompileCache({ enableCompileCache })).toBe(true);
    expect(enableCompileCache).toHaveBeenCalledTimes(1);
  });

  it("is left alone where Node has none", () => {
    expect(useCompileCache({})).toBe(false);
  });

  it("does not stop a run when it cannot be set up", () => {
    expect(useCompileCache({ enableCompileCache: () => { throw new Error("EACCES"); } })).toBe(false);
  });

  it("asks this Node's own module system by default", () => {
    const has = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === "function";
    // Not called here on a Node that has it: a test run should not write a cache folder.
    if (!has) expect(useCompileCache()).toBe(false);
  });
});
