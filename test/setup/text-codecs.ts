/**
 * jsdom (the task pane's unit-test environment) has no TextEncoder or
 * TextDecoder, which every browser the pane runs in has; the xlsx host uses
 * them to read sheet XML. Node's own are the same WHATWG classes.
 */
import { TextDecoder, TextEncoder } from "node:util";

const g = globalThis as unknown as Record<string, unknown>;
if (typeof g.TextEncoder === "undefined") g.TextEncoder = TextEncoder;
if (typeof g.TextDecoder === "undefined") g.TextDecoder = TextDecoder;
