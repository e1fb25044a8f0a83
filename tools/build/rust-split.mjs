// trunk `build` hook: the Rust build, split into chunks that load when first needed.
//
// trunk 0.21 runs cargo, wasm-bindgen and wasm-opt itself and has no step between cargo and
// wasm-bindgen (trunk-rs/trunk#1022), where wasm-split must run; so index.html declares no Rust
// asset and this hook does the Rust build, as cargo-leptos does for `--split`
// (src/compile/front.rs, src/wasm_split_tools/mod.rs):
//
//   1. cargo build --target wasm32-unknown-unknown --bin anf-migrate, with `--cfg anf_split`
//      (src/lazy.rs: pages become split points) and `-C link-arg=--emit-relocs` (wasm-split reads
//      the linker's relocations to tell which code each split point reaches); both are appended
//      to .cargo/config.toml's rustflags (`--config` arrays join), so `erase_components` stays;
//   2. wasm-split-cli (crates.io `wasm_split_cli_support`, scripts/setup) cuts the wasm into the
//      main module, one `split_<name>.wasm` per split name, `chunk_<n>.wasm` for code that several
//      of them share, and `__wasm_split.js`, which fetches them on demand;
//   3. wasm-bindgen --target web --keep-lld-exports on the main module (the chunks import the
//      linker's exports from it, so they must stay);
//   4. wasm-opt on every module, with the flags trunk used (`-Oz --low-memory-unused`, see
//      index.html's note), release builds only;
//   5. every file named with one hash of the whole build, so an old page's main module never
//      instantiates a chunk of another build (a release chunk has no check that it belongs to
//      its main module: after a new deployment the old names answer 404, and src/lazy.rs says
//      so), then copied into trunk's staging folder with `.rust-split.json`, which
//      tools/build/split-boot.mjs turns into index.html's preloads and boot script.
//
// Debug builds (`trunk serve`) skip the split: plain routes, as in the browser tests.
// Usage (from trunk, which sets TRUNK_STAGING_DIR and TRUNK_PROFILE): node tools/build/rust-split.mjs
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const BIN = "anf-migrate";
const TARGET = "wasm32-unknown-unknown";
// ANF_KEEP_NAMES=1 keeps the functions' names (wasm-opt -g), for a profiler to show them: the
// profiling runs in the README's "Benchmarks" use it; a build for users never does.
const KEEP_NAMES = process.env.ANF_KEEP_NAMES === "1";
const WASM_OPT_FLAGS = ["-Oz", "--low-memory-unused", ...(KEEP_NAMES ? ["-g"] : [])];
const SPLIT_RUSTFLAGS = ["--cfg", "anf_split", "-C", "link-arg=--emit-relocs"];

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("rust-split: TRUNK_STAGING_DIR is not set (run me from trunk)");
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === "release";
const root = resolve(new URL("../..", import.meta.url).pathname);
const targetDir = resolve(process.env.CARGO_TARGET_DIR || join(root, "target"));

function run(cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
  console.log(`rust-split: ${cmd} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function main() {
  const profile = release ? "release" : "debug";
  const work = join(targetDir, "rust-split", profile);
  const splitDir = join(work, "split");
  const bindgenDir = join(work, "bindgen");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(splitDir, { recursive: true });
  mkdirSync(bindgenDir, { recursive: true });

  const cargo = ["build", "--offline", "--target", TARGET, "--bin", BIN];
  if (release) {
    cargo.push("--release", "--config", `target.${TARGET}.rustflags=${JSON.stringify(SPLIT_RUSTFLAGS)}`);
  }
  run("cargo", cargo);
  const built = join(targetDir, TARGET, profile, `${BIN}.wasm`);

  let bindgenInput = built;
  if (release) {
    run("wasm-split-cli", [built, splitDir, "--out-name", BIN]);
    bindgenInput = join(splitDir, `${BIN}.wasm`);
  }
  const bindgen = ["--target", "web", "--no-typescript", "--out-dir", bindgenDir, "--out-name", BIN];
  if (release) bindgen.push("--keep-lld-exports");
  run("wasm-bindgen", [...bindgen, bindgenInput]);

  // name in the output -> where it is now
  const files = new Map([
    [`${BIN}.js`, join(bindgenDir, `${BIN}.js`)],
    [`${BIN}_bg.wasm`, join(bindgenDir, `${BIN}_bg.wasm`)],
  ]);
  const chunks = release ? readdirSync(splitDir).filter((f) => f.endsWith(".wasm") && f !== `${BIN}.wasm`).sort() : [];
  for (const c of chunks) files.set(c, join(splitDir, c));
  if (release) files.set("__wasm_split.js", join(splitDir, "__wasm_split.js"));

  if (release) {
    for (const name of [`${BIN}_bg.wasm`, ...chunks]) {
      const file = files.get(name);
      run("wasm-opt", [`--output=${file}`, ...WASM_OPT_FLAGS, file]);
    }
  }

  const hash = createHash("sha256");
  for (const [name, file] of [...files].sort()) hash.update(name).update(readFileSync(file));
  const build = hash.digest("hex").slice(0, 16);
  const hashed = (name) => name.replace(/(_bg)?\.(js|wasm)$/, (ext) => `-${build}${ext}`);

  // Every reference between the files, by its exact text (each must be found).
  const rewrite = (name, pairs) => {
    let text = readFileSync(files.get(name), "utf8");
    for (const [from, to] of pairs) {
      if (!text.includes(from)) throw new Error(`rust-split: ${name} has no ${from}`);
      text = text.split(from).join(to);
    }
    return text;
  };
  const out = new Map(); // output name -> { path } to copy or { text } to write
  for (const [name, file] of files) out.set(hashed(name), { path: file });
  if (release) {
    // The main JS imports the loader module as a module specifier; the imports object's key
    // (the wasm's import module name) stays "./__wasm_split.js".
    out.set(hashed(`${BIN}.js`), {
      text: rewrite(`${BIN}.js`, [[`from "./__wasm_split.js"`, `from "./${hashed("__wasm_split.js")}"`]]),
    });
    out.set(hashed("__wasm_split.js"), {
      text: rewrite("__wasm_split.js", [
        [`from "./${BIN}.js"`, `from "./${hashed(`${BIN}.js`)}"`],
        ...chunks.map((c) => [`"./${c}"`, `"./${hashed(c)}"`]),
      ]),
    });
  }
  for (const [name, what] of out) {
    const dest = join(staging, name);
    if (what.text !== undefined) writeFileSync(dest, what.text);
    else copyFileSync(what.path, dest);
  }
  const manifest = {
    js: hashed(`${BIN}.js`),
    wasm: hashed(`${BIN}_bg.wasm`),
    loader: release ? hashed("__wasm_split.js") : null,
    chunks: chunks.map(hashed),
  };
  writeFileSync(join(staging, ".rust-split.json"), JSON.stringify(manifest, null, 2) + "\n");
  console.log(`rust-split: ${manifest.js}, ${manifest.wasm}${chunks.length ? `, ${chunks.length} chunks` : ""}`);
}

try {
  main();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
