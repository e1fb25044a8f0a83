// The first-load figures depend on reading the build right: which files index.html loads, and
// which chunks a split needs, in the chunk loader's format (wasm_split_cli_support 0.2.4).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { firstLoadFiles, report, splitFiles } from "./size-report.mjs";

const fetcher = (file) => `() => {
    const src = fetch(new URL("./${file}", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
`;
// As wasm-split-cli writes it: shared chunks first (each after a comment naming its splits),
// then one loader per split, naming the chunks it needs.
const LOADER = `import { initSync } from "./app-1.js";
let sharedImports = undefined;
/* activity, demo */
const __chunk_3 = makeLoad(${fetcher("chunk_3-1.wasm")}, []);
/* demo, scope */
const __chunk_4 = makeLoad(${fetcher("chunk_4-1.wasm")}, []);
/* activity, scope */
const __chunk_5 = makeLoad(${fetcher("chunk_5-1.wasm")}, []);
export const __wasm_split_load_scope = wrapAsyncCb(makeLoad(${fetcher("split_scope-1.wasm")}, [__chunk_4, __chunk_5]));
export const __wasm_split_load_demo = wrapAsyncCb(makeLoad(${fetcher("split_demo-1.wasm")}, [__chunk_3, __chunk_4]));
export const __wasm_split_load_activity = wrapAsyncCb(makeLoad(() => async (_imp) => ({}), [__chunk_3, __chunk_5]));
`;

test("each split's files: its shared chunks and its own module (none when it is empty)", () => {
  assert.deepEqual(splitFiles(LOADER), {
    scope: ["chunk_4-1.wasm", "chunk_5-1.wasm", "split_scope-1.wasm"],
    demo: ["chunk_3-1.wasm", "chunk_4-1.wasm", "split_demo-1.wasm"],
    activity: ["chunk_3-1.wasm", "chunk_5-1.wasm"],
  });
});

test("a split naming a chunk the loader does not define is an error, not a smaller figure", () => {
  assert.throws(() => splitFiles(LOADER.replace("const __chunk_4 =", "const __chunk_9 =")), /__chunk_4/);
});

test("index.html's first load: scripts, module preloads, preloads and styles, not other links", () => {
  const html = `<head>
    <script src="/boot-a.js"></script>
    <link rel="icon" href="/favicon.svg">
    <link rel="stylesheet" href="/base.css">
    <link rel="modulepreload" href="/app-1.js">
    <link rel="preload" href="/app-1_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">
    <link rel="preconnect" href="https://login.microsoftonline.com">
    <script type="module" src="/boot-b.js"></script>
  </head>`;
  assert.deepEqual(firstLoadFiles(html), ["boot-a.js", "base.css", "app-1.js", "app-1_bg.wasm", "boot-b.js"]);
});

test("a split build's report: Azure mode is what index.html loads, demo mode adds the demo split's files", () => {
  const dir = mkdtempSync(join(tmpdir(), "size-report-"));
  try {
    const files = {
      "index.html": `<link rel="modulepreload" href="/app-1.js"><link rel="modulepreload" href="/__wasm_split-1.js"><link rel="preload" href="/app-1_bg.wasm" as="fetch">`,
      "app-1.js": "x".repeat(100),
      "__wasm_split-1.js": LOADER,
      "app-1_bg.wasm": Buffer.alloc(1000, 1),
      "chunk_3-1.wasm": Buffer.alloc(300, 3),
      "chunk_4-1.wasm": Buffer.alloc(400, 4),
      "chunk_5-1.wasm": Buffer.alloc(500, 5),
      "split_scope-1.wasm": Buffer.alloc(600, 6),
      "split_demo-1.wasm": Buffer.alloc(700, 7),
    };
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
    const r = report(dir);
    assert.equal(r.split, true);
    assert.deepEqual(r.azure.files, ["app-1.js", "__wasm_split-1.js", "app-1_bg.wasm"]);
    assert.equal(r.azure.raw, 100 + LOADER.length + 1000);
    assert.deepEqual(r.demo.files.slice(3), ["chunk_3-1.wasm", "chunk_4-1.wasm", "split_demo-1.wasm"]);
    assert.equal(r.demo.raw, r.azure.raw + 300 + 400 + 700);
    assert.equal(r.total.raw, r.azure.raw + 300 + 400 + 500 + 600 + 700);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an unsplit build: both first loads are everything", () => {
  const dir = mkdtempSync(join(tmpdir(), "size-report-"));
  try {
    writeFileSync(join(dir, "index.html"), `<link rel="modulepreload" href="/app.js">`);
    writeFileSync(join(dir, "app.js"), "x".repeat(50));
    writeFileSync(join(dir, "app_bg.wasm"), Buffer.alloc(500, 1));
    const r = report(dir);
    assert.equal(r.split, false);
    assert.equal(r.azure.raw, 550);
    assert.equal(r.demo.raw, 550);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
