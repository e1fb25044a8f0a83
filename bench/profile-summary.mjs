// Sums a Chrome sampling profile (`.cpuprofile`, as CDP's `Profiler.stop` gives it) by function:
// the time spent in each function itself and the time under it, the heaviest first. A wasm
// function shows by name only on a build that keeps the names (ANF_KEEP_NAMES=1, see
// tools/build/rust-split.mjs); otherwise as `(file:line)`.
//
// Usage: node bench/profile-summary.mjs PROFILE [TOP=40] [FILTER]
//   FILTER, a regular expression: only the samples with a function of that name on their stack.
import { readFileSync } from "node:fs";

const [file, topArg, filter] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/profile-summary.mjs PROFILE [TOP] [FILTER]");
  process.exit(2);
}
const top = Number(topArg || 40);
const profile = JSON.parse(readFileSync(file, "utf8"));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber})`;

// Microseconds per node: each sample counts the time until the next one.
const perNode = new Map();
profile.samples.forEach((id, i) => perNode.set(id, (perNode.get(id) || 0) + (profile.timeDeltas[i + 1] || 0)));

const stack = (id) => {
  const names = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) names.push(name(nodes.get(cur)));
  return names;
};
const match = filter ? new RegExp(filter) : null;
const self = new Map();
const inclusive = new Map();
let total = 0;
let idle = 0;
for (const [id, us] of perNode) {
  const names = stack(id);
  if (names[0] === "(idle)" || names[0] === "(program)") idle += us;
  if (match && !names.some((n) => match.test(n))) continue;
  total += us;
  self.set(names[0], (self.get(names[0]) || 0) + us);
  for (const n of new Set(names)) inclusive.set(n, (inclusive.get(n) || 0) + us);
}
const ms = (us) => (us / 1000).toFixed(1).padStart(8);
const list = (m) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([f, us]) => `${ms(us)} ms  ${f.slice(0, 160)}`)
    .join("\n");
const span = (profile.endTime - profile.startTime) / 1000;
console.log(`profile: ${span.toFixed(0)} ms, of which idle or program ${(idle / 1000).toFixed(0)} ms; counted ${(total / 1000).toFixed(0)} ms`);
console.log(`=== self ===\n${list(self)}`);
console.log(`=== inclusive ===\n${list(inclusive)}`);
