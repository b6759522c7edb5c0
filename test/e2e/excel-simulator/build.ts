/**
 * Builds office-in-page.ts into one script with webpack (the project's own
 * bundler), for the browser tests and the bench to serve in place of office.js.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import webpack from "webpack";

const ENTRY = path.join(__dirname, "office-in-page.ts");

export async function buildExcelSimulator(outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const config: webpack.Configuration = {
    mode: "production",
    target: "web",
    entry: ENTRY,
    devtool: false,
    output: { path: outDir, filename: "excel-simulator.js", iife: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } } }],
    },
    optimization: { minimize: false },
    performance: { hints: false },
  };
  const stats = await new Promise<webpack.Stats>((resolve, reject) => webpack(config, (err, s) => (err || !s ? reject(err ?? new Error("webpack gave no stats")) : resolve(s))));
  if (stats.hasErrors()) throw new Error(`The Excel simulator did not build:\n${(stats.toJson({ all: false, errors: true }).errors ?? []).map((e) => e.message).join("\n")}`);
  const file = path.join(outDir, "excel-simulator.js");
  if (!existsSync(file) || readFileSync(file).length === 0) throw new Error(`The Excel simulator build wrote no ${file}`);
  return file;
}
