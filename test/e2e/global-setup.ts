/**
 * Builds the pages with the project's webpack config (development mode: the
 * tests need behaviour, not minified size) into test-results/e2e-dist and
 * serves them; builds the simulated Excel the task pane tests run in
 * (excel-simulator/). Fails loudly on a build error, naming it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpack from "webpack";
import { serveFolder } from "./server";
import { buildExcelSimulator } from "./excel-simulator/build";
import { E2E_DIST, EXCEL_SIMULATOR, REPO, SCREENSHOTS, SERVER_FILE } from "./paths";

type ConfigFactory = (env: Record<string, unknown>, options: { mode: string }) => Promise<webpack.Configuration> | webpack.Configuration;

export default async function globalSetup(): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS and loaded at run time
  const factory = require(`${REPO}/webpack.config.js`) as ConfigFactory;
  const config = await factory({}, { mode: "development" });
  config.output = { ...config.output, path: E2E_DIST };
  config.devtool = false;
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err ?? new Error("webpack gave no stats")) : resolve(s))),
  );
  if (stats.hasErrors()) {
    const errors = stats.toJson({ all: false, errors: true }).errors ?? [];
    throw new Error(`The e2e build failed:\n${errors.map((e) => e.message).join("\n\n")}`);
  }
  await buildExcelSimulator(path.dirname(EXCEL_SIMULATOR));
  const { server, url } = await serveFolder(E2E_DIST);
  (globalThis as { __E2E_SERVER__?: unknown }).__E2E_SERVER__ = server;
  writeFileSync(SERVER_FILE, JSON.stringify({ url }));
  process.env.E2E_BASE_URL = url;
}
