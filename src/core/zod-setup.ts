/**
 * zod set up once for the whole toolkit, before any schema is built (every
 * module that imports zod imports this first). Jitless: zod v4 compiles fast
 * object parsers with `new Function` where a page allows it, and the toolkit
 * never runs generated code, in the pane, the playground or the CLI. English
 * messages: full zod installs them when imported, zod/mini leaves them to its
 * user, and the pane's start path uses mini.
 */
import "./zod-setup";
import * as z from "zod/mini";
import { en } from "zod/locales";

z.config({ ...en(), jitless: true });
