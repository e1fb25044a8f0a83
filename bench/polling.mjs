// Polling load for scripts/bench: armsim holding 500 migrations in mixed phases, the release app
// in Azure mode (signed in through the Entra stand-in) open on the migrations table for 5
// simulated minutes; ARM reads per (real) minute and 429s from armsim's request log.
// Usage: node bench/polling.mjs --app DIST --armsim BIN [--count 500] [--speed 2.5]
//        [--sim-minutes 5] --out FILE
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { Browser, ROOT, freePort, serveSite, spawnUntilReady } from "./webdriver.mjs";

function opt(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT_ID = "00000000-0000-4000-8000-00000000a11c";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function json(url, method = "GET") {
  const r = await fetch(url, { method });
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
  return r.json();
}

const count = Number(opt("count", "500"));
const speed = Number(opt("speed", "2.5"));
const simMinutes = Number(opt("sim-minutes", "5"));
const children = [];
let browser;
try {
  const port = await freePort();
  const app = `http://localhost:${port}`;
  const oidcPort = await freePort();
  const oidc = await spawnUntilReady(
    "node",
    [
      join(ROOT, "tools/oidc/entra-stand-in.mjs"),
      ...["--port", String(oidcPort), "--host", "127.0.0.1", "--tenant", TENANT, "--client-id", CLIENT_ID],
      ...["--redirect-uri", `${app}/`, "--post-logout-redirect-uri", `${app}/`, "--spa-origin", app],
    ],
    "oidc listening on",
  );
  children.push(oidc.child);
  const oidcOrigin = `http://127.0.0.1:${oidcPort}`;
  const authority = `${oidcOrigin}/${TENANT}`;
  const armsim = await spawnUntilReady(
    opt("armsim"),
    ["--listen", "127.0.0.1:0", "--allow-origin", app, "--issuer", `${authority}/v2.0`, "--speed", String(speed)],
    "armsim listening on",
  );
  children.push(armsim.child);
  const arm = armsim.line.split(/\s+/).find((w) => w.startsWith("http://")).replace(/\/$/, "");
  const bulk = await json(`${arm}/_sim/bulk-migrations?count=${count}`, "POST");
  const scope = (await json(`${arm}/_sim/scope`)).scope;

  const configFile = join(tmpdir(), `anf-bench-config-${port}.json`);
  writeFileSync(
    configFile,
    JSON.stringify({ clientId: CLIENT_ID, authority, redirectUri: `${app}/`, armEndpoint: arm }),
  );
  const site = await serveSite(
    opt("app"),
    ["--config-json", configFile, "--connect-src", `${oidcOrigin} ${arm}`],
    port,
  );
  children.push(site.child);

  browser = await Browser.start();
  await browser.goto(`${app}/migrations`);
  await browser.waitFor("return document.querySelector('[data-sign-in]') ? true : null;", 30, "sign-in button");
  await browser.click("[data-sign-in]");
  await browser.waitFor("return document.querySelector('#username') ? true : null;", 30, "sign-in form");
  await browser.type("#username", "ada@contoso.test");
  await browser.type("#password", "correct horse battery staple");
  await browser.click("#sign-in");
  await sleep(800);
  await browser.execute("const a = document.querySelector('#accept'); if (a) a.click(); return null;").catch(() => {});
  await browser.waitFor("return document.querySelector('[data-sign-in]') ? null : true;", 30, "the signed-in app");
  // The scope is remembered per user, so it is chosen as that user would: on the scope page.
  await browser.goto(`${app}/scope`);
  const levels = [
    ["subscription", scope.subscription_id],
    ["resource-group", scope.resource_group],
    ["account", scope.account],
    ["pool", scope.pool],
  ];
  for (const [level, key] of levels) {
    const radio = `section[data-level='${level}'] li[data-key='${key}' i] input[type='radio']`;
    await browser.waitFor(`return document.querySelector("${radio}") ? true : null;`, 30, `the ${level} ${key}`);
    await browser.click(radio);
    await browser.waitFor(`return document.querySelector("${radio}:checked") ? true : null;`, 10, `${level} chosen`);
  }
  await browser.goto(`${app}/migrations`);
  // Back in the app, on the table with every migration listed. A paged table holds only its
  // page in the DOM: the count it states ("50 of 500 migrations shown") says all are listed.
  const rows = await browser.waitFor(
    `const inDom = document.querySelectorAll('tbody tr[data-volume]').length;
     const m = /of (\\d+) migrations shown/.exec(document.body.textContent || '');
     const n = Math.max(inDom, m ? Number(m[1]) : 0);
     return n >= ${count} ? n : null;`,
    90,
    `a table of ${count} migrations`,
  );
  const startLog = await json(`${arm}/_sim/requests`);
  const startSim = Date.now();
  const realMs = (simMinutes * 60_000) / speed;
  console.log(`polling: ${rows} rows shown; watching for ${simMinutes} simulated minutes (${(realMs / 1000).toFixed(0)} s at speed ${speed})...`);
  await sleep(realMs);
  const endLog = await json(`${arm}/_sim/requests`);
  const elapsedMin = (Date.now() - startSim) / 60_000;
  const lastUpdated = await browser.execute(
    "const t = [...document.querySelectorAll('p, span, div')].map(e => e.textContent).find(t => /^Last updated/.test(t || '')); return t || null;",
  );
  // The log keeps its newest 5,000 entries; those after the window opened are the last
  // (total now - total then).
  const inWindow = endLog.total - startLog.total;
  const entries = endLog.requests.slice(-inWindow);
  const reads = entries.filter((e) => e.method === "GET").length;
  const throttled = entries.filter((e) => e.status === 429).length;
  const byKind = {};
  for (const e of entries.filter((x) => x.method === "GET")) {
    const kind = e.path.endsWith("/replicationStatus") ? "replicationStatus" : e.path.endsWith("/volumes") ? "list volumes" : "other";
    byKind[kind] = (byKind[kind] || 0) + 1;
  }
  const result = {
    migrations: bulk.added,
    rows_shown: rows,
    speed,
    sim_minutes: simMinutes,
    real_minutes: elapsedMin,
    requests: inWindow,
    requests_logged: entries.length,
    reads,
    reads_by_kind: byKind,
    reads_per_minute: reads / elapsedMin,
    throttled_429: throttled,
    last_updated_line: lastUpdated,
  };
  writeFileSync(opt("out"), JSON.stringify(result, null, 2) + "\n");
  console.log(`polling figures written to ${opt("out")}`);
} finally {
  if (browser) await browser.quit();
  for (const c of children) c.kill();
}
