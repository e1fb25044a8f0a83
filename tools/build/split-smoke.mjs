// Checks a split release build in headless Chromium, in demo mode: the Migrations page renders
// with the main chunk and demo mode's chunk only; a lazy page fetches its own chunk when it is
// first opened (in the page, and by a deep link), showing the shell and a loading line while
// the chunk arrives; and a chunk that cannot be fetched shows the
// failure with its reload, keeping the new-migration draft. Screenshots go to --shots.
// Exits 1 at the first check that fails.
//
// Usage: node tools/build/split-smoke.mjs [dist] [--shots DIR]
// (works on a copy of the folder: one chunk of the copy is deleted)
import { cpSync, mkdtempSync, readdirSync, rmSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Browser, serveSite } from "../../bench/webdriver.mjs";

const args = process.argv.slice(2);
const shotsAt = args.indexOf("--shots");
const shots = shotsAt >= 0 ? args[shotsAt + 1] : join(tmpdir(), "split-smoke-shots");
const dist = args.filter((_, i) => shotsAt < 0 || (i !== shotsAt && i !== shotsAt + 1))[0] || "dist";
mkdirSync(shots, { recursive: true });

const site = mkdtempSync(join(tmpdir(), "split-smoke-"));
cpSync(dist, site, { recursive: true });
const chunk = (split) => readdirSync(site).find((f) => f.startsWith(`split_${split}-`) && f.endsWith(".wasm"));
for (const s of ["demo", "demo_page", "setup_pages", "wave_pages", "migration_pages"]) {
  if (!chunk(s)) throw new Error(`no split_${s}-*.wasm in ${dist}: not a split build?`);
}

const WASM_FETCHED = `return performance.getEntriesByType('resource').map(e => e.name.split('/').pop()).filter(n => n.endsWith('.wasm'));`;
const heading = (text) => `const h = document.querySelector('main h1'); return h && h.textContent.trim() === ${JSON.stringify(text)} ? true : null;`;
let failed = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed += 1;
}

const server = await serveSite(site, ["--no-config-json"]);
const browser = await Browser.start();
async function shot(name) {
  const png = await browser.call("GET", browser.s("/screenshot"));
  writeFileSync(join(shots, `${name}.png`), Buffer.from(png, "base64"));
}
try {
  await browser.goto(`${server.url}/migrations`);
  await browser.waitFor(heading("Migration assistant"), 60, "Migrations page");
  // A new demo world has no migrations yet: the page says so (the table's empty state).
  await browser.waitFor("return document.querySelector('[data-last-updated]') ? true : null", 60, "the table's status line");
  let wasm = await browser.execute(WASM_FETCHED);
  await shot("1-migrations");
  check(wasm.some((f) => f.startsWith("split_demo-")), `demo mode fetched its chunk (${wasm.length} wasm files in all)`);
  check(!wasm.some((f) => /^split_(setup_pages|wave_pages|migration_pages)-/.test(f)), "no lazy page's chunk before it is opened");

  // On a slow line (every request 1.5 s late), the shell stays and the page says it is loading.
  await browser.cdp("Network.enable");
  await browser.cdp("Network.emulateNetworkConditions", { offline: false, latency: 1500, downloadThroughput: -1, uploadThroughput: -1 });
  await browser.click('nav a[href="/activity"]');
  await browser.waitFor("return document.querySelector('main [data-chunk-loading]') ? true : null", 10, "the loading state");
  check(await browser.execute("return !!document.querySelector('nav') && !document.querySelector('main h1')"), "while the chunk arrives: the shell, a loading line, no page yet");
  // It fades in after a quarter of a second (a chunk that is there at once shows no flash).
  await new Promise((r) => setTimeout(r, 700));
  const opacity = await browser.execute("const l = document.querySelector('main [data-chunk-loading]'); return l ? getComputedStyle(l).opacity : 'gone';");
  check(opacity === "1", `the loading line is shown after a moment (opacity ${opacity})`);
  await shot("2a-loading");
  await browser.waitFor(heading("Activity"), 30, "Activity page after a click in the nav");
  await browser.cdp("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  wasm = await browser.execute(WASM_FETCHED);
  check(wasm.some((f) => f.startsWith("split_setup_pages-")), "the Activity page fetched its chunk when opened");
  await shot("2-activity");

  await browser.goto(`${server.url}/waves/new`);
  await browser.waitFor(heading("New wave"), 60, "New wave page by a deep link");
  wasm = await browser.execute(WASM_FETCHED);
  check(wasm.some((f) => f.startsWith("split_wave_pages-")), "/waves/new by a deep link fetched its chunk");
  await shot("3-new-wave");

  await browser.click('nav a[href="/preflight"]');
  await browser.waitFor(heading("Pre-flight"), 30, "Pre-flight page");
  check(true, "/preflight rendered");

  // A draft, then a chunk that is gone (as after a new deployment) and the page that needs it.
  await browser.click('nav a[href="/migrations/new"]');
  await browser.waitFor(heading("New migration"), 30, "New migration page");
  await browser.waitFor("return document.querySelector('main input[type=text]') ? true : null", 30, "a text field");
  await browser.type("main input[type=text]", "draft-kept");
  // The demo page's chunk is the one this page has not fetched yet (the others came with
  // Activity, the deep link and Pre-flight).
  rmSync(join(site, chunk("demo_page")));
  await browser.click('nav a[href="/demo"]');
  await browser.waitFor("return document.querySelector('[data-chunk-failed]') ? true : null", 30, "the chunk-failed message");
  const says = await browser.execute("return document.querySelector('[data-chunk-failed]').innerText");
  check(/did not load/.test(says) && /Reload/.test(says), "a missing chunk says so and offers a reload");
  check(await browser.execute("return document.querySelector('nav') ? true : false"), "the shell stays around the message");
  await shot("4-chunk-failed");
  await browser.click("[data-reload]");
  await browser.waitFor("return document.querySelector('[data-chunk-failed]') ? true : null", 60, "the message again after the reload");
  await browser.click('nav a[href="/migrations/new"]');
  await browser.waitFor(heading("New migration"), 30, "New migration page after the reload");
  const kept = await browser.waitFor(
    "const i = document.querySelector('main input[type=text]'); return i ? i.value : null;",
    30,
    "the draft's field",
  );
  check(kept === "draft-kept", `the draft survived the failed chunk and the reload (field holds ${JSON.stringify(kept)})`);
  await shot("5-draft-kept");
} finally {
  await browser.quit();
  server.child.kill();
  rmSync(site, { recursive: true, force: true });
}
console.log(`screenshots in ${shots}`);
if (failed) {
  console.error(`split-smoke: ${failed} check(s) failed`);
  process.exit(1);
}
console.log("split-smoke: every check passed");
