/**
 * The manifest names the dev server (https://localhost:3000/) everywhere; a
 * production build serves the add-in from somewhere else. webpack.config.js
 * uses these two functions when it copies manifest.xml into dist/; they live
 * here so the rewrite is unit-tested without running webpack.
 */
"use strict";

const DEV_BASE_URL = "https://localhost:3000/";

/**
 * Reads ADDIN_BASE_URL from the environment given.
 * Returns { baseUrl, warning }: the dev URL plus a warning when the variable is
 * unset; throws with a message saying what to change when it is set but unusable
 * (Office only loads add-ins over https, and the manifest's paths are relative
 * to a folder, so the URL must end with "/").
 * @param {Record<string, string | undefined>} env
 * @returns {{ baseUrl: string, warning: string | null }}
 */
function resolveBaseUrl(env) {
  const raw = (env.ADDIN_BASE_URL || "").trim();
  if (raw === "") {
    return {
      baseUrl: DEV_BASE_URL,
      warning:
        "ADDIN_BASE_URL is not set: dist/manifest.xml still points at " +
        DEV_BASE_URL +
        ". Set it to where dist/ will be served, e.g. ADDIN_BASE_URL=https://pmo.example.org/addin/ npm run build",
    };
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_BASE_URL="${raw}" is not a URL. Use the full address, e.g. https://pmo.example.org/addin/`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`ADDIN_BASE_URL="${raw}" must start with https:// (Office loads add-ins only over https).`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw new Error(`ADDIN_BASE_URL="${raw}" must not have a query or #fragment.`);
  }
  if (!raw.endsWith("/")) {
    throw new Error(`ADDIN_BASE_URL="${raw}" must end with "/" (it is the folder that holds taskpane.html), e.g. ${raw}/`);
  }
  return { baseUrl: url.href, warning: null };
}

/**
 * Replaces every occurrence of the dev base URL in the manifest text.
 * @param {string} manifestXml
 * @param {string} baseUrl an https URL ending with "/"
 * @returns {string}
 */
function rewriteManifestUrls(manifestXml, baseUrl) {
  if (baseUrl === DEV_BASE_URL) return manifestXml;
  // split/join rather than a RegExp built from the URL: its dots and slashes are literal.
  return manifestXml.split(DEV_BASE_URL).join(escapeXmlAttribute(baseUrl));
}

/** URLs sit in XML attributes; `&` in a path would otherwise break the manifest. */
function escapeXmlAttribute(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

module.exports = { DEV_BASE_URL, resolveBaseUrl, rewriteManifestUrls };
