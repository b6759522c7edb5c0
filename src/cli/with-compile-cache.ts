/**
 * Imported first by each entry (main.ts, the rollup's worker): turns on
 * Node's compile cache (compile-cache.ts) before the modules after it load,
 * so that theirs is the code the cache keeps. Nothing where Node has none.
 */
import { useCompileCache } from "./compile-cache";

useCompileCache();
