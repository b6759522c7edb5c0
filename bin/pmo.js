#!/usr/bin/env node
// The `pmo` command: a CommonJS shim over the compiled CLI in build/.
"use strict";
const path = require("node:path");
const fs = require("node:fs");

const entry = path.join(__dirname, "..", "build", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write(
    "pmo: the command-line tool has not been compiled yet (" + path.relative(process.cwd(), entry) + " is missing).\n" +
      "Run `npm install` (which compiles it) or `npm run build:cli` in the project folder, then try again.\n",
  );
  process.exitCode = 2;
} else {
  require(entry);
}
