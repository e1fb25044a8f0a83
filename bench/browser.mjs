// Browser figures for scripts/bench, in headless Chromium:
//   start-up   navigation start to the `anf-shell-ready` mark, median of N loads, for the app
//              (demo mode, /migrations) and the bare Leptos app, loads interleaved, cache off;
//              again on a throttled network (10 Mbit/s down, 40 ms round trip); both again
//              in Azure mode (a config.json with a client id, nobody signed in)
//   table      the table-app's poll ticks over 1,000 rows (bench/table-app), and its heap;
//              again with no phase changes, with table-layout: fixed, and with every row of
//              the shown page changing, to tell where the time goes (script, re-sort, layout)
// Usage: node bench/browser.mjs --app DIST --bare DIST --table DIST [--runs 10] --out FILE
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Browser, serveSite } from "./webdriver.mjs";

function opt(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (v.length === 0) return null;
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
};

// The mark's time (from navigation start), with what the page had loaded by then: when the
// wasm and config.json downloads ended, and whether the app's shell (main#main) is there.
const MARK = `const m = performance.getEntriesByName('anf-shell-ready')[0];
if (!m) return null;
const end = (suffix) => {
  const r = performance.getEntriesByType('resource').find((e) => e.name.split('?')[0].endsWith(suffix));
  return r ? r.responseEnd : null;
};
return { ms: m.startTime, wasm_end: end('.wasm'), config_end: end('/config.json'),
  shell: !!document.querySelector('main#main') };`;

/** One cold load of `url`: milliseconds from navigation start to the mark, and details. */
async function loadOnce(browser, url) {
  await browser.goto("about:blank");
  await browser.execute("sessionStorage.clear(); localStorage.clear(); return null;").catch(() => {});
  await browser.goto(url);
  return browser.waitFor(MARK, 30, "anf-shell-ready mark");
}

// A real network's terms (issue 17): 10 Mbit/s down, 40 ms round trip, through Chrome's own
// network emulation (CDP Network.emulateNetworkConditions; latency is the added round trip).
const THROTTLED = { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 };

// Azure mode as a first visit sees it: a config.json with a client id, nobody signed in yet.
// The app's start reads no discovery document until a sign-in is asked for, so the shell and
// the Migrations page (saying to sign in) come up with no identity provider to answer.
const AZURE_CONFIG = { clientId: "00000000-0000-4000-8000-00000000a11c", tenantId: "organizations" };

async function startup(appDir, bareDir, runs, network, mode = "demo") {
  let appArgs = ["--no-config-json"];
  if (mode === "azure") {
    const file = join(mkdtempSync(join(tmpdir(), "anf-bench-config-")), "config.json");
    writeFileSync(file, JSON.stringify(AZURE_CONFIG));
    appArgs = ["--config-json", file];
  }
  const app = await serveSite(appDir, appArgs);
  const bare = await serveSite(bareDir, ["--no-config-json"]);
  const browser = await Browser.start();
  try {
    // No HTTP cache (and so no cached compiled wasm): every load is a first visit.
    await browser.cdp("Network.enable");
    await browser.cdp("Network.setCacheDisabled", { cacheDisabled: true });
    if (network) await browser.cdp("Network.emulateNetworkConditions", network);
    // One load of each first, not counted: the browser process itself warms up.
    await loadOnce(browser, `${app.url}/migrations`);
    await loadOnce(browser, `${bare.url}/`);
    const appLoads = [];
    const bareLoads = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so load from other work on the machine falls on both alike.
      appLoads.push(await loadOnce(browser, `${app.url}/migrations`));
      bareLoads.push(await loadOnce(browser, `${bare.url}/`));
    }
    const appTimes = appLoads.map((l) => l.ms);
    const bareTimes = bareLoads.map((l) => l.ms);
    return {
      app_ms: appTimes,
      bare_ms: bareTimes,
      app_median_ms: median(appTimes),
      bare_median_ms: median(bareTimes),
      ratio: median(appTimes) / median(bareTimes),
      app_wasm_downloaded_median_ms: median(appLoads.map((l) => l.wasm_end)),
      bare_wasm_downloaded_median_ms: median(bareLoads.map((l) => l.wasm_end)),
      // null when the page's resource timings had no config.json entry.
      app_config_downloaded_median_ms: median(appLoads.map((l) => l.config_end)),
      app_shell_in_every_load: appLoads.every((l) => l.shell),
    };
  } finally {
    await browser.quit();
    app.child.kill();
    bare.child.kill();
  }
}

async function table(tableDir, query) {
  const site = await serveSite(tableDir, ["--no-config-json"]);
  // gc() for the heap readings; precise (unrounded) performance.memory figures.
  const browser = await Browser.start(["--js-flags=--expose-gc", "--enable-precise-memory-info"]);
  try {
    await browser.goto(`${site.url}/?${query}`);
    const text = await browser.waitFor(
      "if (window.__benchError) return 'ERROR ' + window.__benchError; return window.__benchResult || null;",
      240,
      "table benchmark result",
    );
    if (String(text).startsWith("ERROR ")) throw new Error(`table-app panicked: ${text}`);
    return JSON.parse(text);
  } finally {
    await browser.quit();
    site.child.kill();
  }
}

const out = opt("out");
const runs = Number(opt("runs", "10"));
const result = {};
if (opt("app") && opt("bare")) {
  console.log(`start-up: ${runs} loads each of the app and the bare app...`);
  result.startup = await startup(opt("app"), opt("bare"), runs);
  console.log(`start-up on a throttled network (10 Mbit/s, 40 ms): ${runs} loads each...`);
  result.startup_throttled = await startup(opt("app"), opt("bare"), runs, THROTTLED);
  console.log(`the same in Azure mode (a config.json, not signed in): ${runs} loads each, localhost and throttled...`);
  result.startup_azure = await startup(opt("app"), opt("bare"), runs, undefined, "azure");
  result.startup_azure_throttled = await startup(opt("app"), opt("bare"), runs, THROTTLED, "azure");
}
if (opt("table")) {
  console.log("table: 1,000 rows, 20 timed ticks, then 1,000 ticks for the heap...");
  result.table = await table(opt("table"), "phase_changes=10");
  // Diagnostic runs (no heap reading): without phase changes, with table-layout: fixed, and
  // with every row of the page among the 100 changed (the worst tick for a page).
  console.log("table again: no phase changes (cell updates only); with table-layout: fixed; the whole page changing...");
  result.table_cells_only = await table(opt("table"), "phase_changes=0&memory=0");
  result.table_fixed_layout = await table(opt("table"), "phase_changes=10&fixed_layout=1&memory=0");
  result.table_page_block = await table(opt("table"), "phase_changes=10&page_block=1&memory=0");
  console.log("wave page: 500 volumes, 50 changed per tick...");
  result.wave_tick = await table(opt("table"), "wave=1");
}
writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
console.log(`browser figures written to ${out}`);
