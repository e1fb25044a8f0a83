// Prints what a build makes a browser download, raw, gzip -9 and brotli (quality 11):
//   - every .wasm, .js and .css in the folder, and their total ("all chunks": no visit downloads
//     all of it, but its growth is the app's growth);
//   - Azure mode's first load: what index.html loads (its scripts, module preloads, preloads and
//     stylesheets), which is the main chunk with the Migrations page, the page a visit lands on;
//   - demo mode's first load: that, plus the `demo` split and the shared chunks it needs, read
//     from the chunk loader (__wasm_split-*.js) that the split build writes.
// A build without the split (no loader) has one first load for both modes: everything.
// Usage: node size-report.mjs [dist] [--json FILE]   (--json also writes the figures to FILE)
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, extname } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

/** The split that holds demo mode's start (src/app.rs, `demo_app`). */
export const DEMO_SPLIT = "demo";

/** The local files index.html makes the browser fetch at once (scripts, preloads, styles). */
export function firstLoadFiles(html) {
  const found = new Set();
  const tag = /<(script|link)\b([^>]*)>/g;
  for (const [, name, attrs] of html.matchAll(tag)) {
    const attr = (a) => attrs.match(new RegExp(`\\s${a}\\s*=\\s*"([^"]*)"`))?.[1];
    const rel = attr("rel");
    const url = name === "script" ? attr("src") : ["modulepreload", "preload", "stylesheet"].includes(rel) ? attr("href") : undefined;
    if (url && !/^[a-z]+:/i.test(url)) found.add(url.replace(/^\.?\//, "").replace(/[?#].*$/, ""));
  }
  return [...found];
}

/**
 * The files each split loads, from the loader's text: `{ split: [file, ...] }`. Each module is a
 * `const __chunk_N = makeLoad(<fetcher of "./file.wasm">, [])` (code several splits share) or an
 * `export const __wasm_split_load_<split> = wrapAsyncCb(makeLoad(<fetcher>, [__chunk_N, ...]))`.
 */
export function splitFiles(loader) {
  const starts = [...loader.matchAll(/(?:^|\n)(?:const (__chunk_\d+)|export const __wasm_split_load_(\w+)) = /g)];
  const chunks = new Map();
  const splits = {};
  starts.forEach((m, i) => {
    const body = loader.slice(m.index, i + 1 < starts.length ? starts[i + 1].index : loader.length);
    const file = body.match(/"\.\/([^"]+\.wasm)"/)?.[1];
    const deps = [...(body.match(/\[([^\]]*)\]\)\)?;?\s*(?:\/\*[\s\S]*)?$/)?.[1] ?? "").matchAll(/__chunk_\d+/g)].map((d) => d[0]);
    if (m[1]) chunks.set(m[1], file);
    else splits[m[2]] = { file, deps };
  });
  const out = {};
  for (const [split, { file, deps }] of Object.entries(splits)) {
    const files = deps.map((d) => {
      if (!chunks.has(d)) throw new Error(`size-report: the loader names ${d} but does not define it`);
      return chunks.get(d);
    });
    if (file) files.push(file);
    out[split] = files.filter(Boolean);
  }
  return out;
}

function measure(dir, file) {
  const data = readFileSync(join(dir, file));
  return {
    file,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const sum = (rows) =>
  rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** Every figure of the build in `dir`. */
export function report(dir) {
  const rows = readdirSync(dir)
    .filter((f) => [".wasm", ".js", ".css"].includes(extname(f)))
    .sort()
    .map((f) => measure(dir, f));
  const byName = new Map(rows.map((r) => [r.file, r]));
  const loaderName = rows.map((r) => r.file).find((f) => /^__wasm_split(-[0-9a-f]+)?\.js$/.test(f));
  const total = sum(rows);
  if (!loaderName) return { dir, split: false, files: rows, total, azure: total, demo: total };

  const pick = (names, what) =>
    names.map((n) => {
      if (!byName.has(n)) throw new Error(`size-report: ${what} names ${n}, which is not in ${dir}`);
      return byName.get(n);
    });
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const first = firstLoadFiles(html).filter((f) => [".wasm", ".js", ".css"].includes(extname(f)));
  const splits = splitFiles(readFileSync(join(dir, loaderName), "utf8"));
  if (!splits[DEMO_SPLIT]) throw new Error(`size-report: the loader has no "${DEMO_SPLIT}" split`);
  const azureRows = pick(first, "index.html");
  const demoRows = [...azureRows, ...pick(splits[DEMO_SPLIT], `the ${DEMO_SPLIT} split`)];
  return {
    dir,
    split: true,
    files: rows,
    total,
    azure: { ...sum(azureRows), files: azureRows.map((r) => r.file) },
    demo: { ...sum(demoRows), files: demoRows.map((r) => r.file) },
    splits,
  };
}

if (process.argv[1]?.endsWith("size-report.mjs")) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf("--json");
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  if (jsonAt >= 0 && !jsonFile) {
    console.error("--json needs a file name");
    process.exit(2);
  }
  const positional = args.filter((_, i) => jsonAt < 0 || (i !== jsonAt && i !== jsonAt + 1));
  const dir = positional[0] || "dist";
  if (!existsSync(dir)) {
    console.error(`size-report: no folder ${dir}`);
    process.exit(2);
  }
  const r = report(dir);
  const kb = (n) => (n / 1024).toFixed(1).padStart(8);
  const line = (label, t) => console.log(`${label.padEnd(52)}${kb(t.raw)}${kb(t.gzip)} ${kb(t.brotli)}`);
  console.log(`${"file".padEnd(52)}${"raw KB".padStart(8)}${"gzip KB".padStart(9)}${"br KB".padStart(8)}`);
  for (const f of r.files) line(f.file, f);
  line("all chunks (wasm + js + css)", r.total);
  if (r.split) {
    line("first load, Azure mode (main chunk, Migrations page)", r.azure);
    line(`first load, demo mode (+ ${r.splits[DEMO_SPLIT].length} demo chunks)`, r.demo);
  } else {
    console.log("(no chunk loader: not a split build, so a first load is everything, in both modes)");
  }
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(r, null, 2) + "\n");
}
