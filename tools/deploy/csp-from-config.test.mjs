// The deploy step that writes connect-src from config.json: each cloud gets its own origins and no
// other's, the shipped file is already what the public cloud needs, a second run changes nothing,
// and bad input is refused without touching the file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectSources, withConnectSrc } from "./csp-from-config.mjs";

const SCRIPT = fileURLToPath(new URL("./csp-from-config.mjs", import.meta.url));
const SHIPPED = fileURLToPath(new URL("../../public/staticwebapp.config.json", import.meta.url));
const PUBLIC_CONNECT = "connect-src 'self' https://login.microsoftonline.com https://management.azure.com";

/** A dist-like folder with the shipped staticwebapp.config.json and `config` as config.json. */
function site(config) {
  const dir = mkdtempSync(join(tmpdir(), "csp-from-config-"));
  copyFileSync(SHIPPED, join(dir, "staticwebapp.config.json"));
  writeFileSync(join(dir, "config.json"), typeof config === "string" ? config : JSON.stringify(config));
  return { config: join(dir, "config.json"), swa: join(dir, "staticwebapp.config.json") };
}

function run(paths) {
  const r = spawnSync(process.execPath, [SCRIPT, paths.config, paths.swa], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const policyOf = (swaPath) => JSON.parse(readFileSync(swaPath, "utf8")).globalHeaders["Content-Security-Policy"];
const connectOf = (swaPath) => policyOf(swaPath).split("; ").find((d) => d.startsWith("connect-src"));

test("public cloud (an empty config.json): the shipped file is already right and stays byte for byte", () => {
  const paths = site({});
  const before = readFileSync(paths.swa, "utf8");
  const r = run(paths);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /already has connect-src/);
  assert.equal(readFileSync(paths.swa, "utf8"), before);
  assert.equal(connectOf(paths.swa), PUBLIC_CONNECT);
});

test("Azure US Government: its ARM and sign-in origins, and none of the public cloud's", () => {
  const paths = site({
    clientId: "00000000-0000-0000-0000-000000000001",
    authority: "https://login.microsoftonline.us/contoso.onmicrosoft.us",
    armEndpoint: "https://management.usgovcloudapi.net/",
    scopes: ["https://management.usgovcloudapi.net/user_impersonation"],
  });
  const before = policyOf(paths.swa);
  const r = run(paths);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, "", "scopes on the configured ARM: no warning");
  assert.equal(connectOf(paths.swa), "connect-src 'self' https://login.microsoftonline.us https://management.usgovcloudapi.net");
  // Every other directive is as it was.
  const others = (p) => p.split("; ").filter((d) => !d.startsWith("connect-src"));
  assert.deepEqual(others(policyOf(paths.swa)), others(before));
  const swa = JSON.parse(readFileSync(paths.swa, "utf8"));
  assert.equal(swa.globalHeaders["Cache-Control"], "no-cache");
  assert.deepEqual(swa.navigationFallback, JSON.parse(readFileSync(SHIPPED, "utf8")).navigationFallback);
});

test("Azure China (21Vianet): its ARM and sign-in origins", () => {
  const paths = site({ authority: "https://login.chinacloudapi.cn/contoso.partner.onmschina.cn", armEndpoint: "https://management.chinacloudapi.cn" });
  const r = run(paths);
  assert.equal(r.code, 0, r.err);
  assert.equal(connectOf(paths.swa), "connect-src 'self' https://login.chinacloudapi.cn https://management.chinacloudapi.cn");
});

test("a second run changes nothing, and going back to the public cloud restores the shipped file", () => {
  const paths = site({ authority: "https://login.microsoftonline.us/t", armEndpoint: "https://management.usgovcloudapi.net" });
  assert.equal(run(paths).code, 0);
  const once = readFileSync(paths.swa, "utf8");
  const again = run(paths);
  assert.equal(again.code, 0);
  assert.match(again.out, /already has/);
  assert.equal(readFileSync(paths.swa, "utf8"), once);
  writeFileSync(paths.config, "{}");
  assert.equal(run(paths).code, 0);
  assert.equal(readFileSync(paths.swa, "utf8"), readFileSync(SHIPPED, "utf8"), "no origin of the other cloud lingers");
});

test("local stand-ins on loopback may use http", () => {
  const paths = site({ authority: "http://127.0.0.1:8790/organizations", armEndpoint: "http://localhost:9400" });
  assert.equal(run(paths).code, 0);
  assert.equal(connectOf(paths.swa), "connect-src 'self' http://127.0.0.1:8790 http://localhost:9400");
});

test("refused with exit code 1 and the file untouched: bad JSON, non-https or non-URL endpoints", () => {
  for (const [config, message] of [
    ["{ armEndpoint: https://management.azure.com }", /not valid JSON/],
    ["[]", /JSON object/],
    [{ armEndpoint: "http://management.usgovcloudapi.net" }, /"armEndpoint" must be an https:\/\/ URL/],
    [{ authority: "http://login.microsoftonline.us/t" }, /"authority" must be an https:\/\/ URL/],
    [{ armEndpoint: "https://user:pw@management.azure.com" }, /"armEndpoint" must be an https:\/\/ URL/],
    [{ armEndpoint: "management.azure.com" }, /"armEndpoint" is not a URL/],
    [{ authority: 42 }, /"authority" must be a URL string/],
  ]) {
    const paths = site(config);
    const before = readFileSync(paths.swa, "utf8");
    const r = run(paths);
    assert.equal(r.code, 1, `${JSON.stringify(config)}: ${r.out}`);
    assert.match(r.err, /refused/);
    assert.match(r.err, message);
    assert.equal(readFileSync(paths.swa, "utf8"), before, `${JSON.stringify(config)} changed the file`);
  }
});

test("a staticwebapp.config.json without a policy is refused; missing files are a usage error", () => {
  const paths = site({});
  writeFileSync(paths.swa, JSON.stringify({ globalHeaders: { "X-Content-Type-Options": "nosniff" } }));
  const r = run(paths);
  assert.equal(r.code, 1);
  assert.match(r.err, /no Content-Security-Policy/);
  assert.equal(run({ config: join(tmpdir(), "no-such-dir-x", "config.json"), swa: paths.swa }).code, 2);
});

test("a sign-in that would ask for another cloud's ARM token is warned about", () => {
  const paths = site({ clientId: "c", authority: "https://login.microsoftonline.us/t", armEndpoint: "https://management.usgovcloudapi.net" });
  const r = run(paths);
  assert.equal(r.code, 0, "a warning, not a refusal: the deployer may know better");
  assert.match(r.err, /"scopes" ask for https:\/\/management\.azure\.com\/user_impersonation/);
  const demo = site({ authority: "https://login.microsoftonline.us/t", armEndpoint: "https://management.usgovcloudapi.net" });
  assert.equal(run(demo).err, "", "demo mode signs nobody in");
});

test("connect-src: replaced where it stands, added when absent, sources de-duplicated", () => {
  assert.equal(withConnectSrc("default-src 'self'; connect-src 'self' https://a; img-src 'self'", ["'self'", "https://b"]),
    "default-src 'self'; connect-src 'self' https://b; img-src 'self'");
  assert.equal(withConnectSrc("default-src 'self'", ["'self'"]), "default-src 'self'; connect-src 'self'");
  assert.deepEqual(connectSources({ authority: "http://127.0.0.1:1/t", armEndpoint: "http://127.0.0.1:1" }), ["'self'", "http://127.0.0.1:1"]);
});
