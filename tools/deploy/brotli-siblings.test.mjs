// The .br siblings Static Web Apps serves for types it does not compress itself: written for wasm
// only, decompressing to the file, left alone when current, and served by tools/serve as the
// service would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";
import { SIBLING_TYPES } from "./brotli-siblings.mjs";
import { COMPRESSED_BY_SERVICE } from "../serve/encoding.mjs";

const SCRIPT = fileURLToPath(new URL("./brotli-siblings.mjs", import.meta.url));

function builtSite() {
  const dir = mkdtempSync(join(tmpdir(), "brotli-siblings-"));
  mkdirSync(join(dir, "chunks"));
  const wasm = Buffer.concat([Buffer.from("\0asm\x01\0\0\0"), Buffer.alloc(20000, 3)]);
  writeFileSync(join(dir, "anf-migrate-0123456789abcdef_bg.wasm"), wasm);
  writeFileSync(join(dir, "chunks", "split-1.wasm"), wasm.subarray(0, 9000));
  writeFileSync(join(dir, "anf-migrate-0123456789abcdef.js"), "export const x = 1;\n".repeat(100));
  writeFileSync(join(dir, "index.html"), "<html></html>");
  return { dir, wasm };
}

const run = (dir) => spawnSync(process.execPath, [SCRIPT, dir], { encoding: "utf8" });

test("every wasm (in subfolders too) gets a .br that decompresses to it; nothing else gets a sibling", () => {
  const { dir, wasm } = builtSite();
  const r = run(dir);
  assert.equal(r.status, 0, r.stderr);
  const br = readFileSync(join(dir, "anf-migrate-0123456789abcdef_bg.wasm.br"));
  assert.ok(brotliDecompressSync(br).equals(wasm));
  assert.ok(br.length < wasm.length / 10);
  assert.ok(brotliDecompressSync(readFileSync(join(dir, "chunks", "split-1.wasm.br"))).equals(wasm.subarray(0, 9000)));
  const all = [...readdirSync(dir), ...readdirSync(join(dir, "chunks"))];
  assert.deepEqual(all.filter((n) => n.endsWith(".br")).sort(), ["anf-migrate-0123456789abcdef_bg.wasm.br", "split-1.wasm.br"]);
  assert.ok(!all.some((n) => n.endsWith(".gz")), "the service serves no .gz siblings");
});

test("a second run writes nothing; a changed wasm gets a new sibling", () => {
  const { dir } = builtSite();
  run(dir);
  const sibling = join(dir, "anf-migrate-0123456789abcdef_bg.wasm.br");
  const first = statSync(sibling).mtimeMs;
  const again = run(dir);
  assert.match(again.stdout, /up to date/);
  assert.doesNotMatch(again.stdout, /written/);
  assert.equal(statSync(sibling).mtimeMs, first);
  const changed = Buffer.from("\0asm\x01\0\0\0changed");
  writeFileSync(join(dir, "anf-migrate-0123456789abcdef_bg.wasm"), changed);
  assert.match(run(dir).stdout, /anf-migrate-0123456789abcdef_bg\.wasm\.br written/);
  assert.ok(brotliDecompressSync(readFileSync(sibling)).equals(changed));
});

test("siblings are only for types the service does not compress by itself", () => {
  for (const ext of SIBLING_TYPES) assert.ok(!COMPRESSED_BY_SERVICE.has(ext), ext);
  assert.ok(COMPRESSED_BY_SERVICE.has(".js") && COMPRESSED_BY_SERVICE.has(".css") && COMPRESSED_BY_SERVICE.has(".html"));
});

test("a missing folder is a usage error", () => {
  assert.equal(run(join(tmpdir(), "no-such-site-folder")).status, 2);
});
