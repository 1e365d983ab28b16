// Build the portal's front-end assets into portal/static/ (no bundler).
//
//   npm ci --prefix portal/assets && npm run build --prefix portal/assets
//
// - compiles scss/main.scss -> ../static/css/main.css (compressed)
// - copies govuk-frontend.min.js and htmx.min.js -> ../static/js/
// - copies GOV.UK Frontend images + manifest.json -> ../static/assets/
//   (not the GDS Transport fonts: the portal uses Arial)
//
// Each run recreates those output folders, so it is idempotent and works from
// any current directory.
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const staticDir = path.resolve(here, "..", "static");

// Resolve package folders through Node, not hard-coded node_modules paths.
const govukDist = path.join(
  path.dirname(require.resolve("govuk-frontend/package.json")),
  "dist",
  "govuk",
);
const htmxDir = path.dirname(require.resolve("htmx.org/package.json"));

async function freshDir(dir) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}

async function buildCss() {
  const outDir = path.join(staticDir, "css");
  await freshDir(outDir);
  const result = sass.compile(path.join(here, "scss", "main.scss"), {
    style: "compressed",
    importers: [new sass.NodePackageImporter(here)],
    // GOV.UK Frontend's own deprecation notices are not ours to fix.
    quietDeps: true,
  });
  if (/GDS Transport|@font-face/i.test(result.css)) {
    throw new Error("main.css unexpectedly contains GDS Transport / @font-face");
  }
  await writeFile(path.join(outDir, "main.css"), result.css);
}

async function copyJs() {
  const outDir = path.join(staticDir, "js");
  await freshDir(outDir);
  await cp(path.join(govukDist, "govuk-frontend.min.js"), path.join(outDir, "govuk-frontend.min.js"));
  await cp(path.join(htmxDir, "dist", "htmx.min.js"), path.join(outDir, "htmx.min.js"));
  await cp(path.join(here, "js", "init.mjs"), path.join(outDir, "init.mjs"));
  await cp(path.join(here, "js", "session-timeout.mjs"), path.join(outDir, "session-timeout.mjs"));
}

async function copyAssets() {
  const outDir = path.join(staticDir, "assets");
  await freshDir(outDir);
  await cp(path.join(govukDist, "assets"), outDir, {
    recursive: true,
    filter: (src) => path.basename(src) !== "fonts",
  });
}

await Promise.all([buildCss(), copyJs(), copyAssets()]);
console.log(`Built front-end assets into ${path.relative(process.cwd(), staticDir) || "."}`);
