// Content encoding as Azure Static Web Apps does it, so what a benchmark measures through
// serve.mjs is what users download.
//
// Microsoft's FAQ, "How do I enable Gzip or Brotli compression?"
// (https://learn.microsoft.com/azure/static-web-apps/faq#how-do-i-enable-gzip-or-brotli-compression-,
// MicrosoftDocs/azure-docs articles/static-web-apps/faq.yml):
// - for "popular text formats, such as .html, .css, and .js" the service itself serves a gzip- or
//   brotli-compressed version when the client supports it;
// - for other file types it serves nothing compressed unless the site includes a brotli version
//   named `<file>.br` (their example: `app.wasm.br`), which is served when a client that supports
//   brotli asks for `<file>`. Gzip siblings (`.gz`) are not mentioned, so they are not served.
//
// Not documented, so chosen here and said so: which text types beyond the three named (the usual
// text types below), which encoding wins when a client takes both (brotli, as CDNs do), and the
// on-the-fly compression levels (node's defaults: brotli quality 11, gzip level 6 — the service's
// own levels may give slightly larger files). `Vary: Accept-Encoding` is sent on every response
// whose body depends on the request's Accept-Encoding, as HTTP caches need.
import { brotliCompress, gzip } from "node:zlib";
import { promisify } from "node:util";
import { readFile, stat } from "node:fs/promises";

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Extensions the service compresses by itself: the three the FAQ names, plus the usual text types. */
export const COMPRESSED_BY_SERVICE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".map"]);

/**
 * The q-value a client gives `coding` in an Accept-Encoding header (RFC 9110 section 12.5.3):
 * its own entry, else `*`, else 0. `identity` is always acceptable unless refused.
 */
export function acceptance(header, coding) {
  const entries = new Map();
  for (const part of (header || "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    entries.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  if (entries.has(coding)) return entries.get(coding);
  if (entries.has("*")) return entries.get("*");
  return coding === "identity" ? 1 : 0;
}

/** The coding to compress a text type with on the fly: br, else gzip, else none. */
export function chooseOnTheFly(header) {
  if (acceptance(header, "br") > 0) return "br";
  if (acceptance(header, "gzip") > 0) return "gzip";
  return null;
}

/**
 * Encodes the body of `file` (already read as `body`) as the service would for a request with
 * `acceptEncoding`. Returns the bytes to send, the Content-Encoding (or null) and whether the
 * response varies with Accept-Encoding. `cache` (a Map) keeps on-the-fly results per file
 * version, so repeated requests in a benchmark do not pay for compressing again.
 */
export async function encodeForService({ file, ext, body, acceptEncoding, cache }) {
  if (COMPRESSED_BY_SERVICE.has(ext)) {
    const coding = chooseOnTheFly(acceptEncoding);
    if (!coding) return { body, encoding: null, vary: true };
    const info = await stat(file).catch(() => null);
    const key = `${file}\0${coding}\0${info?.mtimeMs}\0${body.length}`;
    let encoded = cache?.get(key);
    if (!encoded) {
      encoded = coding === "br" ? await brotliAsync(body) : await gzipAsync(body);
      cache?.set(key, encoded);
    }
    return { body: encoded, encoding: coding, vary: true };
  }
  const sibling = await readFile(`${file}.br`).catch(() => null);
  if (!sibling) return { body, encoding: null, vary: false };
  if (acceptance(acceptEncoding, "br") > 0) return { body: sibling, encoding: "br", vary: true };
  return { body, encoding: null, vary: true };
}
