// Where the wasm's code comes from: sums function body sizes by crate, from the name section of
// the wasm cargo writes (before wasm-bindgen and wasm-opt, which drop the names). The shares are
// what to look at; wasm-opt shrinks every crate's code by a similar factor.
// Usage: node bench/wasm-breakdown.mjs target/wasm32-unknown-unknown/release/anf-migrate.wasm [top]
import { readFileSync } from "node:fs";

const bytes = readFileSync(process.argv[2]);
const top = Number(process.argv[3] || 25);
let at = 8;
const leb = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return result;
  }
};
const str = () => {
  const n = leb();
  const s = bytes.subarray(at, at + n).toString();
  at += n;
  return s;
};
let importedFuncs = 0;
const bodySizes = [];
const names = new Map();
while (at < bytes.length) {
  const id = bytes[at++];
  const len = leb();
  const end = at + len;
  if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      str();
      str();
      const kind = bytes[at++];
      if (kind === 0) { leb(); importedFuncs++; }
      else if (kind === 1) { at++; const f = bytes[at++]; leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = bytes[at++]; leb(); if (f & 1) leb(); }
      else if (kind === 3) { at += 2; }
      else { at++; leb(); }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const size = leb();
      bodySizes.push(size);
      at += size;
    }
  } else if (id === 0 && str() === "name") {
    while (at < end) {
      const sub = bytes[at++];
      const subLen = leb();
      const subEnd = at + subLen;
      if (sub === 1) {
        for (let n = leb(); n > 0; n--) names.set(leb(), str());
      }
      at = subEnd;
    }
  }
  at = end;
}
if (names.size === 0) {
  console.error("no name section: use the wasm cargo writes, not the one in dist/");
  process.exit(1);
}
// The crate is the first path segment of a demangled-enough name; generic code instantiated
// for the app's types is counted under the crate that defines the function.
const crateOf = (name) => {
  const legacy = name.match(/^_ZN(\d+)(.*)$/);
  if (legacy) {
    // The first path segment; `<impl Trait for Type>` segments start with `_$LT$`, references
    // with `$RF$` and so on: the crate is the first name inside.
    const seg = legacy[2].slice(0, Number(legacy[1]));
    const rest = seg.replace(/^(_?\$LT\$|\$RF\$|\$BP\$|mut\$u20\$|dyn\$u20\$|\$u5b\$)+/, "");
    const m = rest.match(/^([A-Za-z_][A-Za-z0-9_]*)/);
    if (m) return m[1];
  }
  const plain = name.match(/^<?([A-Za-z_][A-Za-z0-9_]*)::/);
  return plain ? plain[1] : "(other)";
};
const byCrate = new Map();
let total = 0;
bodySizes.forEach((size, i) => {
  const crate = crateOf(names.get(i + importedFuncs) || "");
  byCrate.set(crate, (byCrate.get(crate) || 0) + size);
  total += size;
});
console.log(`code: ${(total / 1024).toFixed(0)} KB in ${bodySizes.length} functions (before wasm-opt)`);
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${crate.padEnd(28)}${(size / 1024).toFixed(1).padStart(9)} KB ${((100 * size) / total).toFixed(1).padStart(6)}%`);
}
