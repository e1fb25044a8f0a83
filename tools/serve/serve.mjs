#!/usr/bin/env node
// Serves a built app the way Azure Static Web Apps does, from its staticwebapp.config.json: real
// files first, then the navigation fallback (minus its excluded paths, which 404), with the global
// headers plus the headers of the one route rule the *requested* path matches (swa-rules.mjs says
// where each rule comes from), the configured MIME types, and the service's content encodings
// (encoding.mjs). The tests and benchmarks serve the release build through this, so a header, CSP
// or size mistake shows up before it ships.
//
// Usage: node tools/serve/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1]
//          [--config-json FILE] [--connect-src "ORIGIN ..."] [--no-config-json]
//   --config-json   serve FILE as /config.json instead of the built one (another mode or tenant)
//   --no-config-json  act as if /config.json did not exist (demo mode by absence)
//   --connect-src   origins appended to the policy's connect-src, as a deployment that points the
//                   app at another cloud (or at local stand-ins) must do in its own config file
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import { checkSupported, fallbackApplies, isConfigFileRequest, matchRoute, responseHeaders } from "./swa-rules.mjs";
import { encodeForService } from "./encoding.mjs";

function parseArgs(argv) {
  const opts = { dir: "dist", port: 8080, host: "127.0.0.1", configJson: null, noConfig: false, connectSrc: "" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--dir") opts.dir = next();
    else if (a === "--port") opts.port = Number(next());
    else if (a === "--host") opts.host = next();
    else if (a === "--config-json") opts.configJson = next();
    else if (a === "--no-config-json") opts.noConfig = true;
    else if (a === "--connect-src") opts.connectSrc = next();
    else if (a === "--help" || a === "-h") {
      console.log(readFileSync(new URL(import.meta.url), "utf8").split("\n").filter((l) => l.startsWith("//")).join("\n"));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

const BASE_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

/** `csp` with `extra` origins appended to its connect-src directive. */
export function withConnectSrc(csp, extra) {
  if (!extra) return csp;
  return csp.replace(/connect-src([^;]*)/, (_, list) => `connect-src${list} ${extra}`);
}

async function fileAt(root, urlPath) {
  const rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, "");
  const full = resolve(root, rel);
  if (!full.startsWith(resolve(root))) return null;
  try {
    const s = await stat(full);
    if (s.isFile()) return full;
    if (s.isDirectory()) {
      const index = join(full, "index.html");
      if ((await stat(index).catch(() => null))?.isFile()) return index;
    }
  } catch {
    return null;
  }
  return null;
}

/** Starts the server; resolves once it listens. `opts` as the command line's, port 0 for any. */
export async function startServer(opts) {
  const root = resolve(opts.dir);
  const swa = JSON.parse(await readFile(join(root, "staticwebapp.config.json"), "utf8"));
  checkSupported(swa);
  const mimeTypes = { ...BASE_TYPES, ...(swa.mimeTypes || {}) };
  const compressed = new Map();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    const path = url.pathname;
    // The one rule for this request, matched on the path the browser asked for, whatever file
    // ends up answering it (a deep link answered by the fallback included).
    const rule = matchRoute(swa.routes, path, req.method);
    const send = async (status, body, file, ext = file && extname(file)) => {
      const headers = responseHeaders(swa, rule);
      const csp = Object.keys(headers).find((k) => k.toLowerCase() === "content-security-policy");
      if (csp) headers[csp] = withConnectSrc(headers[csp], opts.connectSrc);
      headers["Content-Type"] = file ? mimeTypes[ext] || "application/octet-stream" : "text/plain; charset=utf-8";
      let out = Buffer.from(body);
      if (file && status === 200) {
        const acceptEncoding = req.headers["accept-encoding"];
        const encoded = await encodeForService({ file, ext, body: out, acceptEncoding, cache: compressed });
        out = encoded.body;
        if (encoded.encoding) headers["Content-Encoding"] = encoded.encoding;
        if (encoded.vary) headers.Vary = "Accept-Encoding";
      }
      headers["Content-Length"] = out.length;
      res.writeHead(status, headers);
      res.end(req.method === "HEAD" ? undefined : out);
    };
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return await send(405, "method not allowed");
      if (path === "/config.json" && (opts.noConfig || opts.configJson)) {
        if (opts.noConfig) return await send(404, "not found");
        return await send(200, await readFile(opts.configJson), opts.configJson, ".json");
      }
      if (isConfigFileRequest(path)) return await send(404, "not found");
      const file = await fileAt(root, path);
      if (file) return await send(200, await readFile(file), file);
      if (fallbackApplies(swa, path)) {
        const index = join(root, swa.navigationFallback.rewrite.replace(/^\//, ""));
        return await send(200, await readFile(index), index);
      }
      return await send(404, "not found");
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`serve: ${e.message}`);
    }
  });
  await new Promise((ok) => server.listen(opts.port, opts.host, ok));
  return server;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("serve.mjs")) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const server = await startServer(opts);
    const { port } = server.address();
    console.log(`serving ${opts.dir} on http://${opts.host}:${port}`);
  } catch (e) {
    console.error(`serve: ${e.message}`);
    process.exit(2);
  }
}
