/**
 * Builds the three pages the add-in serves:
 *   taskpane.html    the pane Excel opens from the ribbon (Excel host, office.js from the CDN)
 *   commands.html    the ribbon's function file
 *   playground.html  the same pane beside a sheet view over a sample .xlsx (xlsx host, ExcelJS)
 * plus index.html (sends / to the playground), assets/ and manifest.xml.
 *
 * `npm start` serves them on https://localhost:3000 for sideloading
 * (`OFFICE_JS=local npm start` also serves office.js from @microsoft/office-js,
 * for working offline);
 * `npm run build` writes dist/ for production, with the manifest's URLs pointed
 * at ADDIN_BASE_URL.
 */
/* eslint-env node */
"use strict";

const path = require("node:path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { DEV_BASE_URL, resolveBaseUrl, rewriteManifestUrls } = require("./scripts/manifest-url");
const { localOfficeJs, wantsLocalOfficeJs } = require("./scripts/office-js-local");

const PORT = 3000;

/**
 * Writes chunk-groups.json: each named chunk group (the pages, "excel-host",
 * every "<id>-panel") and the script files it needs, so scripts/bundle-size.js
 * and the bench can count what the task pane loads later, not only at start.
 */
class ChunkGroupsManifest {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ChunkGroupsManifest", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "ChunkGroupsManifest", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const groups = {};
        for (const [name, group] of compilation.namedChunkGroups) {
          groups[name] = [...new Set(group.chunks.flatMap((chunk) => [...chunk.files]))].filter((f) => f.endsWith(".js"));
        }
        compilation.emitAsset("chunk-groups.json", new webpack.sources.RawSource(JSON.stringify(groups, null, 1) + "\n"));
      });
    });
  }
}

/**
 * What the task pane needs inside Excel before its first panel can be used:
 * the Excel host and the first panel of src/taskpane/panels/index.ts. Both are
 * chunks of their own (a page outside Excel needs neither), which the start-up
 * code would only request once the page's scripts had run; preload links in
 * taskpane.html fetch them beside those scripts instead, and make them part of
 * the page's first download that scripts/bundle-size.js holds to its budget.
 */
const EXCEL_START_GROUPS = ["excel-host", "overview-panel"];

class PreloadExcelStart {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("PreloadExcelStart", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap("PreloadExcelStart", (data) => {
        if (data.outputName !== "taskpane.html") return data;
        const onPage = new Set(data.headTags.concat(data.bodyTags).map((tag) => tag.attributes?.src).filter(Boolean));
        const files = EXCEL_START_GROUPS.flatMap((name) => {
          const group = compilation.namedChunkGroups.get(name);
          if (!group) throw new Error(`PreloadExcelStart: no chunk group "${name}" (is it still a webpackChunkName?)`);
          return group.chunks.flatMap((chunk) => [...chunk.files]).filter((f) => f.endsWith(".js"));
        });
        for (const file of new Set(files)) {
          const href = data.publicPath + file;
          if (onPage.has(href)) continue;
          data.headTags.push({ tagName: "link", voidTag: true, attributes: { rel: "preload", as: "script", href }, meta: { plugin: "PreloadExcelStart" } });
        }
        return data;
      });
    });
  }
}

/** The pages and the entry each one loads. */
const pages = [
  { name: "taskpane", entry: "./src/taskpane/index.tsx", template: "./src/taskpane/taskpane.html" },
  { name: "commands", entry: "./src/commands/commands.ts", template: "./src/commands/commands.html" },
  { name: "playground", entry: "./src/playground/index.tsx", template: "./src/playground/playground.html" },
];

module.exports = async (env = {}, options = {}) => {
  const production = options.mode === "production";
  const serving = Boolean(env.WEBPACK_SERVE);

  let baseUrl = DEV_BASE_URL;
  if (production) {
    const resolved = resolveBaseUrl(process.env);
    baseUrl = resolved.baseUrl;
    if (resolved.warning) console.warn(`\nWARNING: ${resolved.warning}\n`);
  }

  /** @type {import("webpack").Configuration} */
  const config = {
    mode: production ? "production" : "development",
    target: "web",
    devtool: production ? false : "source-map",
    entry: Object.fromEntries(pages.map((page) => [page.name, page.entry])),
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      // Relative URLs, so dist/ works under any ADDIN_BASE_URL folder.
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      alias: {
        // ExcelJS's package entry is its Node build (streams, fs, zlib). Its prebuilt
        // browser bundle already carries what it needs; the bare one omits the
        // old-browser polyfills, which every browser that runs Office add-ins has.
        exceljs$: require.resolve("exceljs/dist/exceljs.bare.min.js"),
      },
      // Node-only modules (the CLI's file I/O in src/hosts/xlsx/workbook-file.ts) must
      // never be reached from a page; an empty module keeps the graph buildable.
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false },
    },
    module: {
      // Already a self-contained, minified bundle: parsing it again only costs time.
      noParse: /exceljs[\\/]dist[\\/]/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // `npm run typecheck` checks types; the bundle only needs JavaScript.
              transpileOnly: true,
              // ES modules let webpack drop the Fluent UI components a page does not use, and
              // package.json's "sideEffects": false lets it skip our own modules nothing uses
              // (a barrel such as components/index.ts no longer drags every component in).
              compilerOptions: { module: "esnext", sourceMap: !production },
            },
          },
        },
      ],
    },
    plugins: [
      new ChunkGroupsManifest(),
      new PreloadExcelStart(),
      // `import fs from "node:fs"` → "fs", so the fallbacks above apply to both spellings.
      new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, "");
      }),
      ...pages.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: `${page.name}.html`,
            template: page.template,
            chunks: [page.name],
          }),
      ),
      // The playground is what a person opening the server's address should see.
      new HtmlWebpackPlugin({
        filename: "index.html",
        inject: false,
        templateContent: [
          "<!doctype html>",
          '<html lang="en"><head><meta charset="UTF-8" />',
          '<meta http-equiv="refresh" content="0; url=playground.html" />',
          "<title>PMO Toolkit</title></head>",
          '<body><p><a href="playground.html">Open the PMO Toolkit playground</a></p></body></html>',
        ].join(""),
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => rewriteManifestUrls(content.toString("utf8"), baseUrl),
          },
        ],
      }),
    ],
    optimization: {
      // html-webpack-plugin already minifies the pages; webpack's own HTML minimizer
      // would also strip attribute quotes, which tools reading <script src="…"> trip on.
      minimizeOptions: { html: false },
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          // Only the playground opens .xlsx files; the task pane in Excel never loads this.
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: "vendor-exceljs", priority: 20 },
          react: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
            name: "vendor-react",
            priority: 10,
          },
        },
      },
    },
    // The size budget that matters (the task pane's gzipped start) is checked by
    // scripts/bundle-size.js; webpack's per-file hint would only flag ExcelJS.
    performance: { hints: false },
  };

  if (serving) {
    const local = wantsLocalOfficeJs(process.env) ? localOfficeJs() : null;
    config.devServer = await devServer(local);
    if (local) config.plugins.push(local.plugin);
  }
  return config;
};

module.exports.EXCEL_START_GROUPS = EXCEL_START_GROUPS;

async function devServer(local) {
  const { loadDevCertificates } = require("./scripts/dev-certs");
  const certs = await loadDevCertificates();
  const origin = `https://localhost:${PORT}`;
  return {
    host: "localhost",
    port: PORT,
    server: { type: "https", options: { ca: certs.ca, cert: certs.cert, key: certs.key } },
    headers: { "Access-Control-Allow-Origin": "*" },
    // Everything is served from the build (there is no public/ folder), and office.js
    // from the package when asked for.
    static: local ? [local.static] : false,
    client: { overlay: { errors: true, warnings: false } },
    onListening: () => {
      const lines = [
        "",
        "PMO Toolkit dev server",
        `  Playground:             ${origin}/playground.html`,
        `  Task pane (sideload):   ${origin}/taskpane.html`,
        "",
        "Sideload into Excel on the web: open a workbook, choose Home > Add-ins > More Add-ins,",
        "then My Add-ins > Upload My Add-in, and pick manifest.xml from this folder.",
        "Then choose Home > Open PMO Toolkit. README.md has the steps for Windows and Mac.",
        `The browser must trust the dev certificate: open ${origin} once and accept it,`,
        `or install ${path.join(certs.directory, "ca.crt")} as a trusted certificate authority.`,
      ];
      if (local) lines.push("office.js is served from @microsoft/office-js (OFFICE_JS=local), not Microsoft's CDN.");
      if (certs.created) lines.push(`(A new dev certificate was created in ${certs.directory}.)`);
      console.log(lines.join("\n") + "\n");
    },
  };
}
