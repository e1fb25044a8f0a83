// How Azure Static Web Apps applies staticwebapp.config.json to one request, as Microsoft
// documents it. serve.mjs answers requests with these rules, so a header mistake fails a test here
// rather than in production.
//
// Sources (cited by the short names used below):
//   [config]   https://learn.microsoft.com/azure/static-web-apps/configuration
//              (MicrosoftDocs/azure-docs, articles/static-web-apps/configuration.md)
//   [training] https://learn.microsoft.com/training/modules/publish-app-service-static-web-app-api-dotnet/5-fallback-routes
//   [#698]     https://github.com/Azure/static-web-apps/issues/698 (a deep link served by the
//              navigation fallback does not get the `/index.html` route's headers)
//   [cli]      Microsoft's emulator, Azure/static-web-apps-cli, src/msha/routes-engine/ and
//              src/msha/middlewares/ (used only where the docs are silent, and said so)
//
// What the docs say, and what follows from it here:
// - Routes are evaluated in the order of the `routes` array; evaluation stops at the first match,
//   and each request matches at most one rule. Only `route` and `methods` decide a match [config].
//   `route` is "the route pattern requested by the caller" [config]: rules match the path the
//   browser asked for.
// - The navigation fallback "is applied after any other routing rules" [training] and serves its
//   `rewrite` file for requests that match no deployed file and no `exclude` glob [config]. It is
//   not a route: the rewrite target's own route rule is not applied to that response ([#698]; one
//   rule per request [config]). So a deep link gets the rule matching the deep link, or none.
// - `globalHeaders` apply to each response; a route's headers are added to them and override a
//   global header of the same name; a header set to "" is removed [config].
// - An exact route naming `.../index.html` also matches its folder (`/profile/index.html` matches
//   `/profile` and `/profile/`), but a folder route does not match the file [config].
// - Wildcards sit at the end of the path, optionally filtered by extension (`/images/*.{png,jpg}`);
//   `/calendar/*` does not match `/calendar`, `/calendar*` does [config].

const SUPPORTED_KEYS = new Set(["$schema", "navigationFallback", "mimeTypes", "globalHeaders", "routes"]);
const SUPPORTED_RULE_KEYS = new Set(["route", "methods", "headers"]);

/**
 * Refuses a config that uses a feature this emulation does not model (rewrite, redirect, roles,
 * response overrides, ...), so the config and the emulation cannot silently drift apart.
 */
export function checkSupported(swa) {
  for (const key of Object.keys(swa)) {
    if (!SUPPORTED_KEYS.has(key)) {
      throw new Error(`staticwebapp.config.json uses "${key}", which tools/serve does not emulate`);
    }
  }
  for (const rule of swa.routes || []) {
    if (typeof rule.route !== "string" || !rule.route.startsWith("/")) {
      throw new Error(`route ${JSON.stringify(rule.route)} must be a path starting with "/"`);
    }
    for (const key of Object.keys(rule)) {
      if (!SUPPORTED_RULE_KEYS.has(key)) {
        throw new Error(`route ${rule.route} uses "${key}", which tools/serve does not emulate`);
      }
    }
  }
}

/** Static Web Apps globs: `*` matches any run of characters, `{a,b}` any of the alternatives. */
export function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") re += ".*";
    else if (c === "{") {
      const end = glob.indexOf("}", i);
      re += "(?:" + glob.slice(i + 1, end).split(",").map(escapeRegExp).join("|") + ")";
      i = end;
    } else re += escapeRegExp(c);
  }
  // Case-insensitive, as this server always was; the docs do not say how the service compares.
  return new RegExp("^" + re + "$", "i");
}

function escapeRegExp(s) {
  return s.replace(/[.+?^$()|[\]\\]/g, "\\$&");
}

/** Whether one route rule matches a request for `path` with `method` [config]. */
export function routeMatches(rule, path, method) {
  if (rule.methods && !rule.methods.some((m) => m.toUpperCase() === method.toUpperCase())) return false;
  const pattern = rule.route;
  if (pattern.includes("*")) return globToRegExp(pattern).test(path);
  if (pattern.toLowerCase() === path.toLowerCase()) return true;
  // index.html is the default file, so its exact route also matches the folder it sits in.
  if (pattern.toLowerCase().endsWith("/index.html")) {
    const folder = pattern.slice(0, -"index.html".length);
    const wanted = path.toLowerCase();
    return wanted === folder.toLowerCase() || (folder !== "/" && wanted === folder.slice(0, -1).toLowerCase());
  }
  return false;
}

/** The one rule a request matches: the first in array order, or undefined [config]. */
export function matchRoute(routes, path, method = "GET") {
  return (routes || []).find((rule) => routeMatches(rule, path, method));
}

/**
 * The headers of a response: the global ones, then the matched rule's, which override a global
 * header of the same name (compared case-insensitively, as HTTP does) and remove it when "" [config].
 */
export function responseHeaders(swa, rule) {
  const headers = {};
  const put = (name, value) => {
    for (const existing of Object.keys(headers)) {
      if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    }
    if (value !== "") headers[name] = value;
  };
  for (const [name, value] of Object.entries(swa.globalHeaders || {})) put(name, value);
  for (const [name, value] of Object.entries(rule?.headers || {})) put(name, value);
  return headers;
}

/** Whether the navigation fallback serves its rewrite file for `path` (which matched no file). */
export function fallbackApplies(swa, path) {
  const fallback = swa.navigationFallback;
  if (!fallback?.rewrite) return false;
  return !(fallback.exclude || []).some((glob) => globToRegExp(glob).test(path));
}

/**
 * staticwebapp.config.json is read by the service, not served: Microsoft's emulator answers 404
 * for it [cli]. The docs do not say; this keeps the emulation on the cautious side.
 */
export function isConfigFileRequest(path) {
  return path.toLowerCase() === "/staticwebapp.config.json";
}
