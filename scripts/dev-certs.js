/**
 * The dev server's https certificate. Office only loads add-ins over https, so
 * `npm start` needs a localhost certificate. We use the Office dev-cert layout
 * (~/.office-addin-dev-certs/ca.crt, localhost.crt, localhost.key) so a
 * certificate already trusted for other add-ins is reused, and create one
 * offline when it is missing. Trusting the CA needs admin rights, which a
 * build must not ask for: the README says how to trust it.
 */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const certificateDirectory = path.join(os.homedir(), ".office-addin-dev-certs");
const files = {
  ca: path.join(certificateDirectory, "ca.crt"),
  cert: path.join(certificateDirectory, "localhost.crt"),
  key: path.join(certificateDirectory, "localhost.key"),
};

/** @returns {Promise<{ ca: Buffer, cert: Buffer, key: Buffer, created: boolean, directory: string }>} */
async function loadDevCertificates() {
  let created = false;
  const missing = Object.values(files).filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    if (missing.length < 3) {
      throw new Error(
        `The dev certificate folder ${certificateDirectory} is incomplete (missing ${missing
          .map((f) => path.basename(f))
          .join(", ")}). Delete the folder and run npm start again to create a new certificate.`,
      );
    }
    // generateCertificates only writes files; install would also try to trust the CA with sudo.
    const { generateCertificates } = require("office-addin-dev-certs");
    await generateCertificates(files.ca, files.cert, files.key, 365);
    created = true;
  }
  return {
    ca: fs.readFileSync(files.ca),
    cert: fs.readFileSync(files.cert),
    key: fs.readFileSync(files.key),
    created,
    directory: certificateDirectory,
  };
}

module.exports = { loadDevCertificates, certificateFiles: files };
