#!/usr/bin/env node
// Writes a brotli-compressed `<file>.br` beside each WebAssembly file of a built site, because
// Azure Static Web Apps compresses only text formats by itself and serves a `.br` sibling for
// other types to clients that accept brotli (FAQ, "How do I enable Gzip or Brotli compression?",
// https://learn.microsoft.com/azure/static-web-apps/faq#how-do-i-enable-gzip-or-brotli-compression-).
// Without it the wasm, most of the first load, goes out uncompressed. No `.gz` is written: the FAQ
// names only `.br`, and JS, CSS and HTML get no sibling since the service compresses them itself
// (tools/serve/encoding.mjs serves both the same way, so benchmarks through it see the same bytes).
//
// Usage: node tools/deploy/brotli-siblings.mjs [DIR]
//          DIR defaults to $TRUNK_STAGING_DIR (when run as a trunk post_build hook), else dist
//
// Brotli quality 11 (the smallest output; seconds per megabyte, once per build). A sibling that
// already holds the file's current bytes is left as it is, so a second run writes nothing.
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join, extname } from "node:path";

/** Extensions that get a `.br` sibling: the types the service does not compress by itself. */
export const SIBLING_TYPES = new Set([".wasm"]);

/** Every file under `dir` whose type gets a sibling. */
export function filesNeedingSiblings(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesNeedingSiblings(path));
    else if (entry.isFile() && SIBLING_TYPES.has(extname(entry.name).toLowerCase())) found.push(path);
  }
  return found;
}

/** Whether `sibling` (a path) already decompresses to `body`. */
function upToDate(sibling, body) {
  if (!existsSync(sibling)) return false;
  try {
    return brotliDecompressSync(readFileSync(sibling)).equals(body);
  } catch {
    return false;
  }
}

/** Writes the missing or stale siblings under `dir`; returns what it did per file. */
export function writeSiblings(dir) {
  return filesNeedingSiblings(dir).map((file) => {
    const body = readFileSync(file);
    const sibling = `${file}.br`;
    if (upToDate(sibling, body)) return { file, action: "up to date" };
    const compressed = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    writeFileSync(sibling, compressed);
    return { file, action: "written", raw: body.length, brotli: compressed.length };
  });
}

if (process.argv[1]?.endsWith("brotli-siblings.mjs")) {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith("-"))) {
    console.error("usage: node tools/deploy/brotli-siblings.mjs [DIR]");
    process.exit(2);
  }
  const dir = args[0] || process.env.TRUNK_STAGING_DIR || "dist";
  if (!existsSync(dir)) {
    console.error(`brotli-siblings: no folder ${dir}`);
    process.exit(2);
  }
  const results = writeSiblings(dir);
  if (results.length === 0) console.log(`brotli-siblings: no ${[...SIBLING_TYPES].join(", ")} file in ${dir}`);
  for (const r of results) {
    const sizes = r.action === "written" ? ` (${r.raw} -> ${r.brotli} bytes)` : "";
    console.log(`brotli-siblings: ${r.file}.br ${r.action}${sizes}`);
  }
}
