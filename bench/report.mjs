// Gathers the figures scripts/bench measured in this run, prints each with its budget and a
// verdict, and writes them all to one JSON file. A figure whose measurement failed is reported
// as not measured (and fails the run), never filled in.
// Usage: node bench/report.mjs --dir PARTS --out FILE
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function opt(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = opt("dir");
const read = (name) => {
  const f = join(dir, name);
  return existsSync(f) ? JSON.parse(readFileSync(f, "utf8")) : undefined;
};
const size = read("size.json");
const sim = read("simulator.json");
const browser = read("browser.json") || {};
const polling = read("polling.json");
const wave = read("wave.json");
const waveParse = read("wave-browser-parse.json");
const waveArmsim = read("wave-armsim.json");
const waveWatch = read("wave-watch.json");

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const figures = [];
function figure(name, value, budget, pass, detail) {
  figures.push({ figure: name, value, budget, verdict: value === undefined ? "not measured" : pass ? "pass" : "miss", detail });
}

// size.json from tools/build/size-report.mjs: `azure` and `demo` are what index.html loads, and
// that plus demo mode's chunks; an unsplit build's are both everything (`total`).
const firstLoad = (t) => t && `${kb(t.gzip)} gzip, ${kb(t.brotli)} brotli, ${kb(t.raw)} raw (wasm + js + css)`;
figure(
  "first load, Azure mode (gzip)",
  size && size.azure?.gzip,
  "<= 500 KB gzip",
  size && size.azure?.gzip <= 500 * 1024,
  size && firstLoad(size.azure) + (size.split ? "" : "; not a split build"),
);
figure(
  "first load, demo mode (gzip)",
  size && size.demo?.gzip,
  "<= 720 KB gzip",
  size && size.demo?.gzip <= 720 * 1024,
  size && firstLoad(size.demo) + (size.split ? "" : "; not a split build"),
);
figure(
  "everything, all chunks (gzip)",
  size && size.total.gzip,
  "reported, no budget",
  true,
  size && `${firstLoad(size.total)}, ${size.files.length} files`,
);
// A start-up run (bench/browser.mjs): medians of interleaved loads of the app and the bare
// Leptos app. `limit` is the ratio budget, or null for a figure reported with no budget.
function startupFigure(name, s, budget, limit, extra = "") {
  const valid = s && s.app_shell_in_every_load;
  figure(
    name,
    valid ? s.ratio : undefined,
    budget,
    valid && (limit === null || s.ratio <= limit),
    s &&
      `app ${s.app_median_ms.toFixed(1)} ms, bare Leptos app ${s.bare_median_ms.toFixed(1)} ms (medians of ${s.app_ms.length}): ${s.ratio.toFixed(2)}x` +
        extra +
        (s.app_shell_in_every_load ? "" : "; the app's shell was missing at the mark: not valid"),
  );
}
const st = browser.startup;
startupFigure(
  "start-up",
  st,
  "<= 1.3x the bare app",
  1.3,
  st
    ? `; wasm downloaded at ${st.app_wasm_downloaded_median_ms?.toFixed(0) ?? "n/a"} vs ${st.bare_wasm_downloaded_median_ms?.toFixed(0) ?? "n/a"} ms, config.json at ${st.app_config_downloaded_median_ms ? st.app_config_downloaded_median_ms.toFixed(0) : "n/a"} ms`
    : "",
);
startupFigure(
  "start-up, throttled",
  browser.startup_throttled,
  "<= 1.5x the bare app (10 Mbit/s, 40 ms)",
  1.5,
  "; Chrome's network emulation at 10 Mbit/s down and 40 ms round trip, cache off" + (st ? `; on localhost ${st.ratio.toFixed(2)}x` : ""),
);
// Azure mode's start (config.json with a client id, nobody signed in): reported beside demo
// mode's, which the budgets above judge.
startupFigure("start-up, Azure mode", browser.startup_azure, "reported, no budget", null);
startupFigure("start-up, Azure mode, throttled", browser.startup_azure_throttled, "reported, no budget", null);
const tb = browser.table;
// 1,000 rows in the table (it pages, so fewer are mounted; older results only had rows_mounted).
const tableValid = tb && tb.stale_dom_ticks === 0 && (tb.rows ?? tb.rows_mounted) >= 1000;
figure(
  "table update",
  tableValid ? tb.median_ms : undefined,
  "<= 4 ms",
  tableValid && tb.median_ms <= 4,
  tb &&
    `${tb.rows ?? tb.rows_mounted} rows (${tb.rows_mounted} on the page shown), ${tb.changed_per_tick} changed per tick (${tb.phase_changes_per_tick} change phase): median ${tb.median_ms.toFixed(2)} ms of ${tb.tick_ms.length}, range ${Math.min(...tb.tick_ms).toFixed(2)}-${Math.max(...tb.tick_ms).toFixed(2)} ms` +
      (tb.stale_dom_ticks ? `; ${tb.stale_dom_ticks} ticks left the DOM stale: not valid` : "") +
      `; script ${tb.script_median_ms.toFixed(2)} ms, the rest layout` +
      (tb.diagnosis
        ? `; re-sort: finding 1,000 rows by id linearly ${tb.diagnosis.lookup_by_id_ms.toFixed(2)} ms (by a map ${tb.diagnosis.lookup_by_map_ms.toFixed(2)} ms), sort ${tb.diagnosis.sort_by_name_ms.toFixed(2)} ms`
        : "") +
      (browser.table_cells_only
        ? `; no phase changes: ${browser.table_cells_only.median_ms.toFixed(2)} ms (script ${browser.table_cells_only.script_median_ms.toFixed(2)})`
        : "") +
      (browser.table_fixed_layout
        ? `; table-layout fixed: ${browser.table_fixed_layout.median_ms.toFixed(2)} ms (script ${browser.table_fixed_layout.script_median_ms.toFixed(2)})`
        : "") +
      (browser.table_page_block
        ? `; every row of the page changing: ${browser.table_page_block.median_ms.toFixed(2)} ms (script ${browser.table_page_block.script_median_ms.toFixed(2)})` +
          (browser.table_page_block.stale_dom_ticks ? " (DOM stale: not valid)" : "")
        : ""),
);
const pl = polling;
figure(
  "polling load",
  pl && pl.reads_per_minute,
  "<= 75 ARM reads/min (5% of 25/s), 0 x 429",
  pl && pl.reads_per_minute <= 75 && pl.throttled_429 === 0,
  pl &&
    `${pl.migrations} migrations, ${pl.sim_minutes} simulated min (${pl.real_minutes.toFixed(2)} real min at speed ${pl.speed}): ${pl.reads} reads ${JSON.stringify(pl.reads_by_kind)}, ${pl.reads_per_minute.toFixed(1)} reads/min, ${pl.throttled_429} x 429`,
);
const growth = tb && tb.heap_after_100 && tb.heap_after_1000 ? tb.heap_after_1000 / tb.heap_after_100 - 1 : undefined;
figure(
  "memory",
  growth,
  "JS heap growth <= 10% (1,000 ticks vs 100)",
  growth !== undefined && growth <= 0.1,
  growth !== undefined &&
    `JS heap after gc(): ${kb(tb.heap_after_100)} after 100 ticks, ${kb(tb.heap_after_1000)} after 1,000 (${(growth * 100).toFixed(1)}%); wasm linear memory (not in the JS heap) ${kb(tb.wasm_memory_after_100)} -> ${kb(tb.wasm_memory_after_1000)} (${((tb.wasm_memory_after_1000 / tb.wasm_memory_after_100 - 1) * 100).toFixed(1)}%)`,
);
figure(
  "simulator",
  sim && sim.micros,
  "<= 50 us",
  sim && sim.micros <= 50,
  sim && `one replicationStatus among ${sim.volumes} volumes: ${sim.micros.toFixed(2)} us (mean of ${sim.iterations})`,
);
// Waves (cargo bench -p anf-core --bench wave): each figure with its own budget; the names
// the bench must report, so one it did not measure says so.
const waveFigures = {
  paste_5000: "wave: 5,000-line paste",
  csv_5000: "wave: 5,000-row CSV",
  check_500: "wave: check 500 rows",
  plan_and_check_500: "wave: plan+check 500",
  window_work_500: "wave: window of 500",
  wave_totals_500: "wave: time left of 500",
};
for (const [key, name] of Object.entries(waveFigures)) {
  const w = wave && wave[key];
  figure(name, w && w.ms, w ? `<= ${w.budget_ms} ms (native)` : "see crates/core/benches/wave.rs", w && w.ms <= w.budget_ms, w && w.detail);
}

// Waves in the browser (crates/e2e/tests/wave_bench.rs): parsing in the page, and a whole
// wave against armsim.
const wp = waveParse;
// The budget is the issue's, on parsing: the app's own measure of reading the input. What the
// admin waits for in all (the rows added, the plan checked, the page drawn) is beside it.
const f1 = (v) => (typeof v === "number" ? v.toFixed(1) : "n/a");
for (const [key, name, what] of [
  ["paste", "wave: browser paste", "5,000-line volume show pasted, Add clicked"],
  ["csv", "wave: browser CSV", "5,000-row CSV file chosen"],
]) {
  const ms = wp && wp[`${key}_read_ms`];
  figure(
    name,
    ms,
    `<= ${wp ? wp.budget_ms : 100} ms in the browser (reading the input)`,
    wp && ms <= wp.budget_ms,
    wp &&
      `${what} (${(wp[`${key}_bytes`] / 1024).toFixed(0)} KB): read in ${f1(ms)} ms, added to the plan in ${f1(wp[`${key}_add_ms`])} ms, the plan checked in ${f1(wp[`${key}_check_ms`])} ms; ` +
        `the summary in the DOM ${f1(wp[`${key}_to_dom_ms`])} ms after the click, the frame after it at ${f1(wp[`${key}_to_frame_ms`])} ms`,
  );
}
const wt = browser.wave_tick;
const waveTickValid = wt && wt.stale_dom_ticks === 0 && wt.volumes >= 500;
figure(
  "wave: page tick",
  waveTickValid ? wt.median_ms : undefined,
  "<= 4 ms",
  waveTickValid && wt.median_ms <= 4,
  wt &&
    `${wt.volumes} volumes (${wt.rows_mounted} on the page shown), ${wt.changed_per_tick} changed per tick: median ${wt.median_ms.toFixed(2)} ms of ${wt.tick_ms.length} (script ${wt.script_median_ms.toFixed(2)} ms)` +
      (wt.stale_dom_ticks ? `; ${wt.stale_dom_ticks} ticks left the DOM stale: not valid` : ""),
);
const wa = waveArmsim;
const waSafe = wa && wa.bucket_low >= 0 && wa.throttled_429 === 0 && wa.duplicate_mutations === 0 && wa.log_complete;
figure(
  "wave: armsim creates",
  wa && wa.create_phase_s,
  "writes within ARM's bucket, 0 x 429, no duplicate, creates <= 1.1 x the bucket's pace",
  waSafe && wa.create_phase_s <= 1.1 * wa.create_allowed_s,
  wa &&
    `${wa.volumes} volumes from paste to finalized in ${wa.wall_s.toFixed(0)} s (${wa.cluster_peerings} cluster peerings); ${wa.writes} writes, the bucket (200, +10/s) at least ${wa.bucket_low.toFixed(0)}; ${wa.throttled_429} x 429; ${wa.duplicate_mutations} mutations taken twice${wa.log_complete ? "" : " (armsim's log overflowed: not valid)"}; ${wa.creates} creates sent over ${wa.create_phase_s.toFixed(2)} s, the bucket alone allows ${wa.create_allowed_s.toFixed(2)} s (16 in flight at most)`,
);
// Watching 500: the wave's page alone, then with the Migrations page in a second tab; the
// figure is the worse of the two.
const ww = waveWatch;
const wwWorst = ww && Math.max(ww.one_view_reads_per_minute, ww.two_views_reads_per_minute);
figure(
  "wave: watching",
  wwWorst,
  "<= 75 ARM reads/min with one view or two, 0 x 429",
  ww && wwWorst <= 75 && ww.throttled_429 === 0 && ww.shared !== false,
  ww &&
    `${ww.volumes} volumes: the wave's page alone ${ww.one_view_reads_per_minute.toFixed(1)} reads/min (${ww.one_view_reads} in ${ww.one_view_s.toFixed(0)} s), ` +
      `with the Migrations page in a second tab ${ww.two_views_reads_per_minute.toFixed(1)} reads/min together (${ww.two_views_reads} in ${ww.two_views_s.toFixed(0)} s${ww.shared === undefined ? "" : ww.shared ? ", the two sharing the budget" : ", NOT sharing the budget"}); ${ww.throttled_429} x 429` +
      (wa ? `; the 200-volume armsim wave, watched ${wa.watch_s.toFixed(0)} s: ${wa.watch_reads_per_minute.toFixed(1)} reads/min ${JSON.stringify(wa.watch_reads_by_kind)}` : ""),
);

const show = (f) =>
  f.value === undefined
    ? "—"
    : f.figure.startsWith("first load") || f.figure.startsWith("everything")
      ? kb(f.value)
      : f.figure.startsWith("start-up")
        ? `${f.value.toFixed(2)}x`
        : f.figure === "wave: armsim creates"
          ? `${f.value.toFixed(2)} s`
          : f.figure === "table update" || f.figure.startsWith("wave:") && f.figure !== "wave: watching"
          ? `${f.value.toFixed(2)} ms`
          : f.figure === "polling load" || f.figure === "wave: watching"
            ? `${f.value.toFixed(1)}/min`
            : f.figure === "memory"
              ? `${(f.value * 100).toFixed(1)}%`
              : `${f.value.toFixed(2)} us`;
console.log();
console.log(`${"figure".padEnd(24)}${"value".padStart(12)}  ${"verdict".padEnd(14)}budget`);
for (const f of figures) {
  console.log(`${f.figure.padEnd(24)}${show(f).padStart(12)}  ${f.verdict.padEnd(14)}${f.budget}`);
  if (f.detail) console.log(`${"".padEnd(38)}${f.detail}`);
}
const out = opt("out");
writeFileSync(
  out,
  JSON.stringify({ measured_at: new Date().toISOString(), figures, raw: { size, simulator: sim, browser, polling, wave, wave_browser_parse: waveParse, wave_armsim: waveArmsim, wave_watch: waveWatch } }, null, 2) + "\n",
);
console.log(`\nwritten to ${out}`);
process.exit(figures.every((f) => f.verdict === "pass") ? 0 : 1);
