// Token-endpoint faults of the Entra stand-in, switched on by tests through its control API:
// the next N token requests (refreshes only, by default) are refused as Entra refuses an
// expired SPA refresh token, or dropped with no answer (a network error for the browser).
//
//   POST   /_oidc/fault/token?mode=refuse|drop&count=N&grant=refresh_token|authorization_code|any
//   GET    /_oidc/faults      the armed switches, oldest first, with what each has left
//   DELETE /_oidc/faults      disarms them all

import crypto from 'node:crypto';

/** Grant types a switch can be limited to (`any` matches every token request). */
export const GRANTS = ['refresh_token', 'authorization_code', 'any'];
/** What a switch does to a token request it matches. */
export const MODES = ['refuse', 'drop'];

/** The armed switches; each token request uses up at most one, oldest first. */
export class TokenFaults {
  #armed = [];

  #nextId = 1;

  /** Arms a switch from the control API's query; the switch, or throws a message for a 400. */
  arm(params) {
    const known = ['mode', 'count', 'grant'];
    const unknown = [...params.keys()].find((k) => !known.includes(k));
    if (unknown) throw new Error(`no setting "${unknown}"; the token fault takes ${known.join(', ')}`);
    const mode = params.get('mode') ?? 'refuse';
    if (!MODES.includes(mode)) throw new Error(`mode=${mode}: one of ${MODES.join(', ')}`);
    const grant = params.get('grant') ?? 'refresh_token';
    if (!GRANTS.includes(grant)) throw new Error(`grant=${grant}: one of ${GRANTS.join(', ')}`);
    const raw = params.get('count') ?? '1';
    const count = Number(raw);
    if (!/^\d+$/.test(raw) || count < 1) throw new Error(`count=${raw}: a whole number, at least 1`);
    const fault = { id: this.#nextId, mode, grant, left: count };
    this.#nextId += 1;
    this.#armed.push(fault);
    return { ...fault };
  }

  /** The mode for a token request of `grantType`, if a switch matches it (using one up). */
  take(grantType) {
    const i = this.#armed.findIndex((f) => f.grant === 'any' || f.grant === grantType);
    if (i < 0) return null;
    const fault = this.#armed[i];
    fault.left -= 1;
    if (fault.left === 0) this.#armed.splice(i, 1);
    return fault.mode;
  }

  /** The armed switches. */
  list() {
    return this.#armed.map((f) => ({ ...f }));
  }

  /** Disarms everything; how many switches were armed. */
  clear() {
    const n = this.#armed.length;
    this.#armed = [];
    return n;
  }
}

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * Serves the control API if `req` is for it; false otherwise. It takes no token and sits
 * outside every tenant, like armsim's `/_sim/` routes.
 */
export function serveControl(req, res, faults) {
  const url = new URL(req.url, 'http://stand-in');
  if (url.pathname === '/_oidc/fault/token' && req.method === 'POST') {
    try {
      json(res, 200, { armed: faults.arm(url.searchParams) });
    } catch (e) {
      json(res, 400, { error: e.message });
    }
    return true;
  }
  if (url.pathname === '/_oidc/faults' && req.method === 'GET') {
    json(res, 200, { faults: faults.list() });
    return true;
  }
  if (url.pathname === '/_oidc/faults' && req.method === 'DELETE') {
    json(res, 200, { cleared: faults.clear() });
    return true;
  }
  if (url.pathname.startsWith('/_oidc/')) {
    json(res, 404, { error: 'control API: POST /_oidc/fault/token, GET or DELETE /_oidc/faults' });
    return true;
  }
  return false;
}

/**
 * Answers a token request as a switch says. `refuse`: Entra's 400 `invalid_grant` for an
 * expired SPA refresh token, readable by the SPA (CORS for its origins); `drop`: the socket
 * destroyed with nothing sent.
 */
export function answerFaulted(mode, req, res, spaOrigins) {
  if (mode === 'drop') {
    req.socket.destroy();
    return;
  }
  const traceId = crypto.randomUUID();
  const correlationId = req.headers['client-request-id'] ?? crypto.randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  const { origin } = req.headers;
  if (origin && spaOrigins.includes(origin)) {
    Object.assign(headers, { 'access-control-allow-origin': origin, vary: 'Origin' });
  }
  res.writeHead(400, headers);
  res.end(JSON.stringify({
    error: 'invalid_grant',
    error_description: 'AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.'
      + ` Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [700084],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: 'https://login.microsoftonline.com/error?code=700084',
  }));
}
