// Prints the first-load size of a build: every .wasm, .js and .css in the folder, raw, gzip -9
// and brotli (quality 11), as a browser would download them.
// Usage: node size-report.mjs [dist] [--json FILE]   (--json also writes the figures to FILE)
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, extname } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
if (jsonAt >= 0 && !jsonFile) {
  console.error("--json needs a file name");
  process.exit(2);
}
const positional = args.filter((_, i) => jsonAt < 0 || (i !== jsonAt && i !== jsonAt + 1));
const dir = positional[0] || "dist";
const rows = readdirSync(dir)
  .filter((f) => [".wasm", ".js", ".css"].includes(extname(f)))
  .sort()
  .map((f) => {
    const data = readFileSync(join(dir, f));
    return {
      file: f,
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log(`${"file".padEnd(44)}${"raw KB".padStart(8)}${"gzip KB".padStart(9)}${"br KB".padStart(8)}`);
for (const r of rows) console.log(`${r.file.padEnd(44)}${kb(r.raw)}${kb(r.gzip)} ${kb(r.brotli)}`);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
console.log(`${"total (wasm + js + css)".padEnd(44)}${kb(total.raw)}${kb(total.gzip)} ${kb(total.brotli)}`);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ dir, files: rows, total }, null, 2) + "\n");
