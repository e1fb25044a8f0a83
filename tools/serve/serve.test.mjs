// The static server must behave like Static Web Apps, or the journeys and benchmarks would test
// the wrong thing. swa-rules.mjs cites the documentation each rule here comes from.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import { acceptance, chooseOnTheFly } from "./encoding.mjs";
import { startServer, withConnectSrc } from "./serve.mjs";
import { checkSupported, globToRegExp, matchRoute, responseHeaders } from "./swa-rules.mjs";

const SHIPPED_CONFIG = new URL("../../public/staticwebapp.config.json", import.meta.url);

/** A GET (or `method`) with exactly the request headers given; the body as raw bytes. */
function rawGet(url, headers = {}, method = "GET") {
  return new Promise((ok, fail) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", fail);
    req.end();
  });
}

/** Serves a temporary folder holding `files` (name -> content) and the given SWA config. */
async function serveFixture(files, swa, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), "serve-test-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  if (typeof swa === "string" || swa instanceof URL) copyFileSync(swa, join(dir, "staticwebapp.config.json"));
  else writeFileSync(join(dir, "staticwebapp.config.json"), JSON.stringify(swa));
  const server = await startServer({ dir, port: 0, host: "127.0.0.1", ...extra });
  return { server, dir, base: `http://127.0.0.1:${server.address().port}` };
}

test("exclude globs match like Static Web Apps'", () => {
  const re = globToRegExp("/*.{wasm,js}");
  assert.ok(re.test("/app_bg.wasm"));
  assert.ok(re.test("/deep/app.js"));
  assert.ok(!re.test("/migrations"));
  assert.ok(!re.test("/app.wasmx"));
});

test("routes: the first match in array order is the request's only rule", () => {
  const routes = [{ route: "/config.json", n: 1 }, { route: "/api*", n: 2 }, { route: "/api/x", n: 3 }];
  assert.equal(matchRoute(routes, "/config.json").n, 1);
  assert.equal(matchRoute(routes, "/api/x").n, 2, "a later, more specific rule never applies");
  assert.equal(matchRoute(routes, "/other"), undefined);
});

test("an exact index.html route also matches its folder; a folder route does not match the file", () => {
  assert.ok(matchRoute([{ route: "/index.html" }], "/"));
  assert.ok(matchRoute([{ route: "/profile/index.html" }], "/profile"));
  assert.ok(matchRoute([{ route: "/profile/index.html" }], "/profile/"));
  assert.equal(matchRoute([{ route: "/profile" }], "/profile/index.html"), undefined);
  assert.equal(matchRoute([{ route: "/" }], "/index.html"), undefined);
  assert.equal(matchRoute([{ route: "/index.html" }], "/migrations/vol1"), undefined, "a deep link is not index.html");
});

test("wildcards: a prefix, an extension filter, and /x/* not matching /x", () => {
  assert.ok(matchRoute([{ route: "/calendar*" }], "/calendar"));
  assert.ok(matchRoute([{ route: "/calendar*" }], "/calendar/2020/01"));
  assert.equal(matchRoute([{ route: "/calendar/*" }], "/calendar"), undefined);
  assert.ok(matchRoute([{ route: "/images/*.{png,jpg}" }], "/images/a/b.jpg"));
  assert.equal(matchRoute([{ route: "/images/*.{png,jpg}" }], "/images/b.svg"), undefined);
});

test("methods narrow a rule to those methods", () => {
  const routes = [{ route: "/x", methods: ["POST"], n: 1 }, { route: "/x", n: 2 }];
  assert.equal(matchRoute(routes, "/x", "POST").n, 1);
  assert.equal(matchRoute(routes, "/x", "GET").n, 2);
});

test("route headers add to the global ones, override them by name (any case), and remove them when empty", () => {
  const swa = { globalHeaders: { "Cache-Control": "no-cache", "X-Frame-Options": "DENY", A: "1" } };
  const rule = { route: "/x", headers: { "cache-control": "max-age=60", "X-Frame-Options": "", B: "2" } };
  assert.deepEqual(responseHeaders(swa, rule), { A: "1", "cache-control": "max-age=60", B: "2" });
  assert.deepEqual(responseHeaders(swa, undefined), swa.globalHeaders);
});

test("a config using a feature the emulation does not model is refused, not half-served", () => {
  assert.throws(() => checkSupported({ routes: [{ route: "/login", rewrite: "/.auth/login/aad" }] }), /rewrite/);
  assert.throws(() => checkSupported({ routes: [{ route: "/a", allowedRoles: ["admin"] }] }), /allowedRoles/);
  assert.throws(() => checkSupported({ responseOverrides: { 404: { rewrite: "/404.html" } } }), /responseOverrides/);
  assert.doesNotThrow(() => checkSupported({ routes: [{ route: "/a", methods: ["GET"], headers: {} }] }));
});

test("connect-src gets the extra origins and nothing else changes", () => {
  const csp = "default-src 'self'; connect-src 'self' https://a; object-src 'none'";
  assert.equal(
    withConnectSrc(csp, "http://127.0.0.1:1"),
    "default-src 'self'; connect-src 'self' https://a http://127.0.0.1:1; object-src 'none'",
  );
  assert.equal(withConnectSrc(csp, ""), csp);
});

test("a deep link answered by the fallback gets its own path's rule, not the rewrite target's", async () => {
  const { server, base } = await serveFixture(
    { "index.html": "<html>app</html>", "app.wasm": "\0asm" },
    {
      navigationFallback: { rewrite: "/index.html", exclude: ["/*.{wasm,json}"] },
      mimeTypes: { ".wasm": "application/wasm" },
      globalHeaders: { "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "connect-src 'self'" },
      routes: [
        { route: "/index.html", headers: { "X-Rule": "index" } },
        { route: "/settings*", headers: { "X-Rule": "settings" } },
      ],
    },
    { connectSrc: "http://x" },
  );
  try {
    const deep = await rawGet(`${base}/migrations/vol1`);
    assert.equal(deep.status, 200);
    assert.equal(deep.body.toString(), "<html>app</html>");
    assert.equal(deep.headers["content-type"], "text/html; charset=utf-8");
    assert.equal(deep.headers["x-rule"], undefined, "the /index.html rule must not reach a deep link");
    assert.equal(deep.headers["x-content-type-options"], "nosniff", "global headers reach every response");
    assert.equal(deep.headers["content-security-policy"], "connect-src 'self' http://x");

    assert.equal((await rawGet(`${base}/settings/tenant`)).headers["x-rule"], "settings");
    assert.equal((await rawGet(`${base}/`)).headers["x-rule"], "index");
    assert.equal((await rawGet(`${base}/index.html`)).headers["x-rule"], "index");

    const wasm = await rawGet(`${base}/app.wasm`);
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers["content-type"], "application/wasm");
    assert.equal(wasm.headers["x-rule"], undefined);

    const missing = await rawGet(`${base}/gone.wasm`);
    assert.equal(missing.status, 404);
    assert.ok(!missing.body.toString().includes("<html"));
    assert.equal((await rawGet(`${base}/config.json`)).status, 404);
    assert.equal((await rawGet(`${base}/staticwebapp.config.json`)).status, 404, "the service does not serve its config");
    assert.equal((await rawGet(`${base}/x`, {}, "POST")).status, 405);

    const escape = await rawGet(`${base}/..%2f..%2fetc%2fpasswd`);
    assert.ok(!escape.body.toString().includes("root:"));
  } finally {
    server.close();
  }
});

test("the shipped config: no-cache and the CSP on deep links, /, index.html, config.json, assets and 404s", async () => {
  const hashedWasm = "anf-migrate-30f76b602c45714b_bg.wasm";
  const { server, base } = await serveFixture(
    { "index.html": "<html>app</html>", [hashedWasm]: "\0asm", "config.json": "{}", "components-544a5098c914adb.css": "a{}" },
    SHIPPED_CONFIG,
  );
  try {
    const policy = (r) => r.headers["content-security-policy"] || "";
    for (const path of ["/migrations/vol1", "/", "/index.html"]) {
      const r = await rawGet(base + path);
      assert.equal(r.status, 200, path);
      assert.equal(r.body.toString(), "<html>app</html>", path);
      assert.equal(r.headers["cache-control"], "no-cache", `${path}: a cached index.html would point at deleted assets`);
      assert.ok(policy(r).includes("script-src 'self' 'wasm-unsafe-eval'"), `${path}: ${policy(r)}`);
      assert.ok(policy(r).includes("frame-ancestors 'none'"), path);
    }
    const config = await rawGet(`${base}/config.json`);
    assert.equal(config.status, 200);
    assert.equal(config.headers["cache-control"], "no-cache", "a new config.json must be seen at once");

    // Hashed assets are revalidated too (see the README's deploy section for why no immutable).
    for (const asset of [hashedWasm, "components-544a5098c914adb.css"]) {
      const r = await rawGet(`${base}/${asset}`);
      assert.equal(r.status, 200, asset);
      assert.equal(r.headers["cache-control"], "no-cache", asset);
    }
    assert.equal((await rawGet(`${base}/${hashedWasm}`)).headers["content-type"], "application/wasm");

    const missing = await rawGet(`${base}/anf-migrate-0000000000000000_bg.wasm`);
    assert.equal(missing.status, 404, "a missing asset is a 404, not the app");
    assert.equal(missing.headers["content-type"], "text/plain; charset=utf-8");
    assert.ok(!missing.body.toString().includes("<html"));
    assert.equal(missing.headers["cache-control"], "no-cache", "a missing asset's 404 must not be kept");
  } finally {
    server.close();
  }
});

// Content encoding as the service does it (encoding.mjs cites Microsoft's FAQ): text types are
// compressed on the fly with brotli or gzip; other types only through a `.br` sibling.

test("Accept-Encoding: q-values, wildcards and refusals are read as RFC 9110 says", () => {
  assert.equal(acceptance("gzip, deflate, br, zstd", "br"), 1);
  assert.equal(acceptance("gzip;q=0.5, br;q=0", "br"), 0);
  assert.equal(acceptance("*;q=0.3", "gzip"), 0.3);
  assert.equal(acceptance("", "gzip"), 0);
  assert.equal(acceptance("", "identity"), 1);
  assert.equal(chooseOnTheFly("gzip, deflate, br"), "br", "brotli wins when a client takes both");
  assert.equal(chooseOnTheFly("gzip, br;q=0"), "gzip");
  assert.equal(chooseOnTheFly("deflate"), null, "deflate is not among the service's encodings");
});

test("text types are compressed on the fly, wasm only through its .br sibling, never gzip", async () => {
  const js = "export function f() { return 1; }\n".repeat(400);
  const wasm = Buffer.concat([Buffer.from("\0asm"), Buffer.alloc(8000, 7)]);
  const wasmBr = brotliCompressSync(wasm);
  const { server, base } = await serveFixture(
    { "index.html": "<html>app</html>".repeat(50), "app.js": js, "app.wasm": wasm, "app.wasm.br": wasmBr, "bare.wasm": wasm },
    { navigationFallback: { rewrite: "/index.html", exclude: ["/*.{wasm,js}"] }, mimeTypes: { ".wasm": "application/wasm" } },
  );
  try {
    const browser = { "Accept-Encoding": "gzip, deflate, br, zstd" };
    const br = await rawGet(`${base}/app.js`, browser);
    assert.equal(br.headers["content-encoding"], "br");
    assert.equal(br.headers.vary, "Accept-Encoding");
    assert.equal(Number(br.headers["content-length"]), br.body.length);
    assert.ok(br.body.length < js.length / 4, "measured bytes are the compressed ones");
    assert.equal(brotliDecompressSync(br.body).toString(), js);

    const gz = await rawGet(`${base}/app.js`, { "Accept-Encoding": "gzip" });
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.equal(gunzipSync(gz.body).toString(), js);

    const plain = await rawGet(`${base}/app.js`);
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.equal(plain.headers.vary, "Accept-Encoding");
    assert.equal(plain.body.toString(), js);

    const deep = await rawGet(`${base}/migrations/vol1`, browser);
    assert.equal(deep.headers["content-encoding"], "br", "the fallback's index.html is HTML like any other");
    assert.equal(brotliDecompressSync(deep.body).toString(), "<html>app</html>".repeat(50));

    const sibling = await rawGet(`${base}/app.wasm`, browser);
    assert.equal(sibling.headers["content-encoding"], "br");
    assert.equal(sibling.headers["content-type"], "application/wasm");
    assert.ok(sibling.body.equals(wasmBr), "the deployed .br file itself is sent");

    const gzipOnly = await rawGet(`${base}/app.wasm`, { "Accept-Encoding": "gzip" });
    assert.equal(gzipOnly.headers["content-encoding"], undefined, "no .gz siblings and no on-the-fly wasm compression");
    assert.ok(gzipOnly.body.equals(wasm));
    assert.equal(gzipOnly.headers.vary, "Accept-Encoding");

    const bare = await rawGet(`${base}/bare.wasm`, browser);
    assert.equal(bare.headers["content-encoding"], undefined, "a wasm without a .br sibling goes out as it is");
    assert.ok(bare.body.equals(wasm));
    assert.equal(bare.headers.vary, undefined);

    const head = await rawGet(`${base}/app.js`, browser, "HEAD");
    assert.equal(head.headers["content-encoding"], "br");
    assert.equal(head.body.length, 0);
  } finally {
    server.close();
  }
});
