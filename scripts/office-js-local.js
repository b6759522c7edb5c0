/**
 * Offline development: `OFFICE_JS=local npm start` serves office.js from the
 * @microsoft/office-js package at /office-js/ and points the served pages at
 * it instead of Microsoft's CDN. Only the dev server does this, only when
 * asked: a production build always names the CDN, as Office requires.
 */
"use strict";

const path = require("node:path");

const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const LOCAL_PATH = "/office-js";

/** True when the environment asks the dev server for the packaged office.js. */
function wantsLocalOfficeJs(env) {
  return String(env.OFFICE_JS ?? "").toLowerCase() === "local";
}

/** The package's dist folder (office.js, its locale strings and host scripts). */
function officeJsDist() {
  return path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
}

/** A page's HTML with the CDN office.js replaced by the locally served one. */
function pointAtLocalOfficeJs(html) {
  return html.split(CDN_OFFICE_JS).join(`${LOCAL_PATH}/office.js`);
}

/** Rewrites the pages html-webpack-plugin emits. */
class LocalOfficeJsPlugin {
  apply(compiler) {
    const HtmlWebpackPlugin = require("html-webpack-plugin");
    compiler.hooks.compilation.tap("LocalOfficeJsPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap("LocalOfficeJsPlugin", (data) => {
        data.html = pointAtLocalOfficeJs(data.html);
        return data;
      });
    });
  }
}

/** What the dev server adds for local office.js: a static folder and the page rewrite. */
function localOfficeJs() {
  return {
    static: { directory: officeJsDist(), publicPath: LOCAL_PATH, watch: false },
    plugin: new LocalOfficeJsPlugin(),
  };
}

module.exports = { CDN_OFFICE_JS, LOCAL_PATH, wantsLocalOfficeJs, officeJsDist, pointAtLocalOfficeJs, localOfficeJs, LocalOfficeJsPlugin };
