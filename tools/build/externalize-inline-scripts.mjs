// trunk post_build hook: moves every inline <script> of the built index.html into its own file.
//
// trunk boots the wasm with an inline module script (and, under `trunk serve`, a live-reload
// one). A strict content security policy would then need a hash that changes with every build;
// with the scripts as files, `script-src 'self'` covers them. Each file is named by its content
// hash, so a cached copy can never point at an older wasm.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("externalize-inline-scripts: TRUNK_STAGING_DIR is not set (run me from trunk)");
  process.exit(1);
}
const indexPath = join(dir, "index.html");
const html = readFileSync(indexPath, "utf8");
let moved = 0;
const out = html.replace(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g, (whole, attrs = "", body) => {
  if (/\ssrc\s*=/.test(attrs) || body.trim() === "") return whole;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(dir, name), body);
  moved += 1;
  const keep = attrs.replace(/\snonce="[^"]*"/g, "");
  return `<script${keep} src="/${name}"></script>`;
});
if (/<script(?![^>]*\ssrc=)[^>]*>\s*\S/.test(out)) {
  console.error("externalize-inline-scripts: an inline script is left in index.html");
  process.exit(1);
}
writeFileSync(indexPath, out);
console.log(`externalize-inline-scripts: moved ${moved} inline script(s) out of index.html`);
