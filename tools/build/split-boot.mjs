// trunk `post_build` hook: puts the Rust build's boot into the built index.html.
//
// index.html declares no Rust asset (tools/build/rust-split.mjs builds the wasm in a `build`
// hook), so trunk writes no preloads and no boot script; this adds what trunk would have, from
// the `.rust-split.json` that rust-split.mjs left in the staging folder (removed here, it is not
// part of the site): module preloads for the main JS and the chunk loader (the main JS imports
// the loader, so without the preload it would be fetched one round trip later), a preload of the
// main wasm, and the module script that starts it. The boot script is inline here;
// tools/build/externalize-inline-scripts.mjs, run after this, moves it into a file.
//
// Chunks are not preloaded: each is fetched when the app first needs it (src/lazy.rs).
// Usage (from trunk): node tools/build/split-boot.mjs
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("split-boot: TRUNK_STAGING_DIR is not set (run me from trunk)");
  process.exit(1);
}
const manifestPath = join(dir, ".rust-split.json");
if (!existsSync(manifestPath)) {
  console.error("split-boot: no .rust-split.json in the staging folder (did the rust-split build hook run?)");
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const base = (process.env.TRUNK_PUBLIC_URL || "/").replace(/\/?$/, "/");
const url = (name) => `${base}${name}`;

const tags = [
  `<link rel="modulepreload" href="${url(manifest.js)}">`,
  manifest.loader && `<link rel="modulepreload" href="${url(manifest.loader)}">`,
  `<link rel="preload" href="${url(manifest.wasm)}" as="fetch" type="application/wasm" crossorigin="anonymous">`,
  `<script type="module">
import init from "${url(manifest.js)}";
await init({ module_or_path: "${url(manifest.wasm)}" });
</script>`,
].filter(Boolean);

const indexPath = join(dir, "index.html");
const html = readFileSync(indexPath, "utf8");
if (!html.includes("</head>")) {
  console.error("split-boot: index.html has no </head>");
  process.exit(1);
}
if (html.includes(manifest.js)) {
  console.error("split-boot: index.html already boots a wasm");
  process.exit(1);
}
// index.html's Rust link (data-trunk-skip, kept so that trunk does not build the crate by itself)
// is left in the output by trunk; it means nothing to a browser, so it goes.
const skipped = /\s*<link\b[^>]*\bdata-trunk-skip\b[^>]*>/g;
const out = html.replace(skipped, "");
if (/<(link|script)\b[^>]*\bdata-trunk\b/.test(out)) {
  console.error("split-boot: index.html still has a data-trunk element");
  process.exit(1);
}
writeFileSync(indexPath, out.replace("</head>", `  ${tags.join("\n    ")}\n  </head>`));
rmSync(manifestPath);
console.log(`split-boot: index.html boots ${manifest.js} (${manifest.chunks.length} chunks on demand)`);
