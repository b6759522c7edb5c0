/**
 * Node's on-disk cache of compiled code (module.enableCompileCache, Node
 * 22.1 and later): a process that loads the toolkit again (every `pmo` run,
 * every rollup worker) reads its modules' compiled code back instead of
 * compiling them again. Where Node has no such cache (Node 20, which the
 * toolkit supports), nothing is done and nothing changes. Node itself
 * honours NODE_DISABLE_COMPILE_CACHE and NODE_COMPILE_CACHE (the folder).
 */
import * as nodeModule from "node:module";

interface WithCompileCache {
  enableCompileCache?: () => unknown;
}

/** Turns the cache on where Node has it; `modules` is node:module (given in tests). Modules loaded after this are cached. */
export function useCompileCache(modules: WithCompileCache = nodeModule as WithCompileCache): boolean {
  if (typeof modules.enableCompileCache !== "function") return false;
  try {
    modules.enableCompileCache();
    return true;
  } catch {
    // A cache folder that cannot be written is no reason not to run: the code is compiled as it always was.
    return false;
  }
}
