#!/usr/bin/env node
/**
 * `npm run validate`: checks manifest.xml with office-addin-manifest.
 * First offline: the manifest is read through the package's own parser (id,
 * version, hosts, permissions, the page Excel opens). Then the full
 * validation, which is Microsoft's web service (the same check AppSource and
 * the Microsoft 365 admin center run); where that service cannot be reached
 * it says so plainly instead of failing as if the manifest were wrong.
 *
 * Usage: node scripts/validate-manifest.js [manifest.xml] [--production] [--offline [--json]]
 *   --offline  only the offline reading (no network); --json prints what was read as JSON
 * Exit codes: 0 the service accepted the manifest; 1 the service reported
 * errors; 2 the manifest could not be read offline; 3 the validation service
 * could not be reached (no network): only the offline reading was done.
 */
"use strict";

const path = require("node:path");

const EXIT = { valid: 0, invalid: 1, unreadable: 2, unreachable: 3 };
/** How office-addin-manifest and Node say the service was not reached (its own wording first). */
const UNREACHABLE = /Unable to contact the manifest validation service|no answer within|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH/;
/** Longer than the service takes; a network that swallows packets would otherwise hang the script. */
const SERVICE_TIMEOUT_MS = 30_000;

/** The lines to print and the exit code for what the validation service answered (or the error it threw). */
function validationOutcome(result) {
  if (result instanceof Error && !UNREACHABLE.test(result.message)) {
    return { code: EXIT.invalid, lines: [`Validation failed: ${result.message}`] };
  }
  if (result instanceof Error || result === undefined) {
    const reason = result ? String(result.message).split("\n").pop() : "no answer";
    return {
      code: EXIT.unreachable,
      lines: [
        "Full validation NOT done: Microsoft's manifest validation service could not be reached (no network?).",
        `  (${reason})`,
        "The offline reading above passed. Run npm run validate again where the network reaches Microsoft.",
      ],
    };
  }
  const report = result.report ?? {};
  const issue = (kind) => (i) => `  ${kind}${i.line ? ` (line ${i.line})` : ""}: ${i.title ?? ""}${i.content ? ` ${i.content}` : ""}`;
  const lines = [...(report.errors ?? []).map(issue("error")), ...(report.warnings ?? []).map(issue("warning"))];
  if (result.isValid) return { code: EXIT.valid, lines: ["The manifest is valid (Microsoft's validation service accepted it).", ...lines] };
  const status = result.status && !report.status ? ` (the service answered HTTP ${result.status} ${result.statusText ?? ""})` : "";
  return { code: EXIT.invalid, lines: [`The manifest is NOT valid${status}:`, ...lines] };
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main() {
  const args = process.argv.slice(2);
  const manifest = path.resolve(args.find((a) => !a.startsWith("--")) ?? path.join(__dirname, "..", "manifest.xml"));
  const { OfficeAddinManifest, validateManifest } = require("office-addin-manifest");
  let info;
  try {
    info = await OfficeAddinManifest.readManifestFile(manifest);
  } catch (e) {
    console.error(`${manifest}: cannot be read as an add-in manifest: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.unreadable;
  }
  if (args.includes("--offline") && args.includes("--json")) {
    console.log(JSON.stringify(info));
    return EXIT.valid;
  }
  console.log(`${path.basename(manifest)}: ${info.displayName} ${info.version} (${info.officeAppType}, id ${info.id})`);
  console.log(`  hosts ${(info.hosts ?? []).join(", ")}; permissions ${info.permissions}; opens ${info.defaultSettings?.sourceLocation}`);
  if (args.includes("--offline")) {
    console.log("Offline reading only (--offline): full validation not asked for.");
    return EXIT.valid;
  }
  let outcome;
  try {
    outcome = validationOutcome(await withTimeout(validateManifest(manifest, args.includes("--production")), SERVICE_TIMEOUT_MS));
  } catch (e) {
    outcome = validationOutcome(e instanceof Error ? e : new Error(String(e)));
  }
  for (const line of outcome.lines) (outcome.code === EXIT.valid ? console.log : console.error)(line);
  return outcome.code;
}

module.exports = { validationOutcome, EXIT };
if (require.main === module) main().then((code) => process.exit(code));
