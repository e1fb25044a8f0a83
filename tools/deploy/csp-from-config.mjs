#!/usr/bin/env node
// Writes the content security policy's connect-src from config.json, so a deployment to Azure
// Government, Azure China or any other cloud lets the browser reach that cloud's Resource Manager
// and sign-in host. Run it after putting the tenant's config.json into dist/, before uploading.
//
// Usage: node tools/deploy/csp-from-config.mjs [CONFIG_JSON] [STATICWEBAPP_CONFIG_JSON]
//          defaults: dist/config.json dist/staticwebapp.config.json
//
// connect-src becomes exactly: 'self', the origin of `authority` (default
// https://login.microsoftonline.com) and the origin of `armEndpoint` (default
// https://management.azure.com); the defaults are crates/core/src/settings.rs's. Those are the only
// hosts the app calls: ARM, and Entra's discovery and token endpoints under the authority (sign-in
// and sign-out are navigations, which connect-src does not govern). Nothing else is kept, so an
// origin left over from another cloud cannot linger. Every Content-Security-Policy in the file
// (globalHeaders and route headers) is rewritten; a policy without connect-src gets one. The
// file is changed in place and only that value changes; running it twice changes nothing more.
//
// Refused, with exit code 1 and the file untouched: a config.json that is not a JSON object, an
// endpoint that is not a URL, or one that is not https (http only on localhost, 127.0.0.1 or [::1],
// for local stand-ins, as the app itself allows). Exit code 2: wrong arguments or unreadable files.
import { readFileSync, writeFileSync } from "node:fs";

/** The public cloud's endpoints: what the app uses when config.json names none. */
export const DEFAULTS = {
  authority: "https://login.microsoftonline.com",
  armEndpoint: "https://management.azure.com",
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A refusal of the input, with the message for the deployer. */
export class Refusal extends Error {}

/** The origin of an endpoint named in config.json, or a Refusal saying what is wrong with it. */
export function endpointOrigin(field, value) {
  if (typeof value !== "string" || value.trim() === "") {
    throw new Refusal(`config.json: "${field}" must be a URL string, found ${JSON.stringify(value)}`);
  }
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Refusal(`config.json: "${field}" is not a URL: ${JSON.stringify(value)}`);
  }
  const https = url.protocol === "https:";
  const localHttp = url.protocol === "http:" && LOOPBACK.has(url.hostname);
  if ((!https && !localHttp) || url.username || url.password) {
    throw new Refusal(
      `config.json: "${field}" must be an https:// URL (http:// only for localhost or 127.0.0.1), found ${JSON.stringify(value)}`,
    );
  }
  return url.origin;
}

/** The connect-src sources for a parsed config.json: 'self', the sign-in host, then ARM. */
export function connectSources(config) {
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new Refusal("config.json must hold a JSON object");
  }
  const sources = ["'self'"];
  for (const field of ["authority", "armEndpoint"]) {
    const origin = endpointOrigin(field, config[field] ?? DEFAULTS[field]);
    if (!sources.includes(origin)) sources.push(origin);
  }
  return sources;
}

/** `csp` with its connect-src directive replaced by `sources` (added at the end if absent). */
export function withConnectSrc(csp, sources) {
  const directive = `connect-src ${sources.join(" ")}`;
  const parts = csp.split(";").map((p) => p.trim()).filter(Boolean);
  const at = parts.findIndex((p) => p.split(/\s+/)[0].toLowerCase() === "connect-src");
  if (at >= 0) parts[at] = directive;
  else parts.push(directive);
  return parts.join("; ");
}

/**
 * A warning when the sign-in would ask for a token the configured Resource Manager rejects:
 * in Azure mode, `scopes` (default: the public cloud's ARM) naming Resource Manager scopes none
 * of which is on the armEndpoint's origin. Tokens are issued per resource, and one cloud's ARM is not
 * another's.
 */
export function scopeWarning(config) {
  // Demo mode signs nobody in (settings.rs: no clientId, or "mode": "demo").
  if (!config.clientId || String(config.mode).toLowerCase() === "demo") return null;
  const arm = endpointOrigin("armEndpoint", config.armEndpoint ?? DEFAULTS.armEndpoint);
  const scopes = Array.isArray(config.scopes) ? config.scopes : [`${DEFAULTS.armEndpoint}/user_impersonation`];
  const armLike = scopes.filter((s) => typeof s === "string" && /^https:\/\/management\./i.test(s));
  if (armLike.length === 0 || armLike.some((s) => s.toLowerCase().startsWith(arm.toLowerCase()))) return null;
  return (
    `warning: "scopes" ask for ${armLike.join(", ")} but "armEndpoint" is ${arm}; ` +
    `set "scopes" to that cloud's Resource Manager, e.g. ["${arm}/user_impersonation"]`
  );
}

/**
 * Rewrites every Content-Security-Policy of `swaText` (the staticwebapp.config.json text) with
 * `sources`. Returns the new text and the policies before and after. The JSON string of each policy
 * is replaced where it stands, so the file keeps its layout.
 */
export function rewriteSwaText(swaText, sources) {
  const swa = JSON.parse(swaText);
  const blocks = [swa.globalHeaders, ...(swa.routes || []).map((r) => r.headers)].filter(Boolean);
  const changes = [];
  for (const headers of blocks) {
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() !== "content-security-policy") continue;
      changes.push({ before: headers[name], after: withConnectSrc(headers[name], sources) });
      headers[name] = changes.at(-1).after;
    }
  }
  if (changes.length === 0) {
    throw new Refusal("staticwebapp.config.json has no Content-Security-Policy header to write connect-src into");
  }
  let text = swaText;
  for (const { before, after } of changes) {
    const encoded = JSON.stringify(before);
    if (before === after) continue;
    if (!text.includes(encoded)) return { text: JSON.stringify(swa, null, 2) + "\n", changes };
    text = text.replace(encoded, JSON.stringify(after));
  }
  return { text, changes };
}

function main(argv) {
  if (argv.length > 2 || argv.some((a) => a.startsWith("-"))) {
    console.error("usage: node tools/deploy/csp-from-config.mjs [CONFIG_JSON] [STATICWEBAPP_CONFIG_JSON]");
    return 2;
  }
  const [configPath = "dist/config.json", swaPath = "dist/staticwebapp.config.json"] = argv;
  let configText, swaText;
  try {
    configText = readFileSync(configPath, "utf8");
    swaText = readFileSync(swaPath, "utf8");
  } catch (e) {
    console.error(`csp-from-config: ${e.message}`);
    return 2;
  }
  try {
    let config;
    try {
      config = JSON.parse(configText);
    } catch (e) {
      throw new Refusal(`${configPath} is not valid JSON: ${e.message}`);
    }
    const sources = connectSources(config);
    let result;
    try {
      result = rewriteSwaText(swaText, sources);
    } catch (e) {
      if (e instanceof Refusal) throw e;
      throw new Refusal(`${swaPath} is not valid JSON: ${e.message}`);
    }
    const warning = scopeWarning(config);
    if (warning) console.error(`csp-from-config: ${warning}`);
    if (result.text === swaText) {
      console.log(`csp-from-config: ${swaPath} already has connect-src ${sources.join(" ")}`);
    } else {
      writeFileSync(swaPath, result.text);
      console.log(`csp-from-config: ${swaPath} now has connect-src ${sources.join(" ")}`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    console.error(`csp-from-config: refused: ${e.message}`);
    return 1;
  }
}

if (process.argv[1]?.endsWith("csp-from-config.mjs")) process.exit(main(process.argv.slice(2)));
