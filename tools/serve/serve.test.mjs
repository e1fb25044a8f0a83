// The static server must behave like Static Web Apps, or the journeys would test the wrong thing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { globToRegExp, matchRoute, startServer, withConnectSrc } from "./serve.mjs";

test("exclude globs match like Static Web Apps'", () => {
  const re = globToRegExp("/*.{wasm,js}");
  assert.ok(re.test("/app_bg.wasm"));
  assert.ok(re.test("/deep/app.js"));
  assert.ok(!re.test("/migrations"));
  assert.ok(!re.test("/app.wasmx"));
});

test("routes: exact or trailing wildcard, first match wins", () => {
  const routes = [{ route: "/config.json", n: 1 }, { route: "/api*", n: 2 }, { route: "/api/x", n: 3 }];
  assert.equal(matchRoute(routes, "/config.json").n, 1);
  assert.equal(matchRoute(routes, "/api/x").n, 2);
  assert.equal(matchRoute(routes, "/other"), undefined);
});

test("connect-src gets the extra origins and nothing else changes", () => {
  const csp = "default-src 'self'; connect-src 'self' https://a; object-src 'none'";
  assert.equal(
    withConnectSrc(csp, "http://127.0.0.1:1"),
    "default-src 'self'; connect-src 'self' https://a http://127.0.0.1:1; object-src 'none'",
  );
  assert.equal(withConnectSrc(csp, ""), csp);
});

test("serves files, falls back for navigation, 404s excluded assets, sends headers", async () => {
  const dir = mkdtempSync(join(tmpdir(), "serve-test-"));
  writeFileSync(join(dir, "index.html"), "<html>app</html>");
  writeFileSync(join(dir, "app.wasm"), "\0asm");
  writeFileSync(
    join(dir, "staticwebapp.config.json"),
    JSON.stringify({
      navigationFallback: { rewrite: "/index.html", exclude: ["/*.{wasm,json}"] },
      mimeTypes: { ".wasm": "application/wasm" },
      globalHeaders: { "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "connect-src 'self'" },
      routes: [{ route: "/index.html", headers: { "Cache-Control": "no-cache" } }],
    }),
  );
  const server = await startServer({ dir, port: 0, host: "127.0.0.1", connectSrc: "http://x" });
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const wasm = await fetch(`${base}/app.wasm`);
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
    assert.equal(wasm.headers.get("x-content-type-options"), "nosniff");
    assert.equal(wasm.headers.get("content-security-policy"), "connect-src 'self' http://x");

    const deep = await fetch(`${base}/migrations/abc`);
    assert.equal(deep.status, 200);
    assert.equal(await deep.text(), "<html>app</html>");
    assert.equal(deep.headers.get("cache-control"), "no-cache");

    const missing = await fetch(`${base}/gone.wasm`);
    assert.equal(missing.status, 404);
    assert.equal((await fetch(`${base}/config.json`)).status, 404);

    const escape = await fetch(`${base}/..%2f..%2fetc%2fpasswd`);
    assert.notEqual(await escape.text(), "root");
  } finally {
    server.close();
  }
});
