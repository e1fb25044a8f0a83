// The stand-in, proven without a browser: the whole code + PKCE flow over real HTTP with fetch.
// Run: node --test tools/oidc/

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import {
  start, accountsOf, objectIdFor, parseUser, ARM_RESOURCE, ARM_SCOPE, DEFAULTS, optionsFromArgs,
} from './entra-stand-in.mjs';

const APP = 'http://localhost:8080';
const REDIRECT = `${APP}/`;
const SCOPE = `${ARM_SCOPE} openid profile offline_access`;
/** A second user, given as `--user` would. */
const GRACE = { username: 'grace@contoso.test', password: 'another: secret' };

/**
 * fetch, with the body read before it returns. undici (Node's fetch) documents that a response
 * whose body is neither read nor cancelled can hold its connection until garbage collection and
 * deadlock later requests; redirects and status checks here never read theirs, and the suite hung
 * about one run in three. Reading every body makes each test independent of the collector.
 */
async function http(url, init = {}) {
  const res = await fetch(url, init);
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    ok: res.ok,
    url: res.url,
    headers: res.headers,
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')),
    clone() { return this; },
  };
}

/** A cookie jar for one "browser". */
class Browser {
  cookies = new Map();

  async fetch(url, init = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await http(url, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (v === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return res;
  }
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

const decodeJwt = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

/** Checks an RS256 JWT against the provider's published keys, its issuer and audience. */
async function verifyJwt(jwt, jwksUri, { issuer, audience }) {
  const [h, p, sig] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  const { keys } = await (await http(jwksUri)).json();
  const jwk = keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, `no key ${header.kid} published`);
  assert.equal(header.alg, 'RS256');
  const ok = crypto.verify('sha256', Buffer.from(`${h}.${p}`), crypto.createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(sig, 'base64url'));
  assert.ok(ok, 'signature checks out against the published key');
  const payload = decodeJwt(jwt);
  assert.equal(payload.iss, issuer);
  assert.ok([].concat(payload.aud).includes(audience), `aud ${payload.aud}`);
  assert.ok(payload.exp > Date.now() / 1000);
  return { payload };
}

function pkce() {
  const verifier = b64url(crypto.randomBytes(32));
  return { verifier, challenge: b64url(crypto.createHash('sha256').update(verifier).digest()) };
}

function form(obj) {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', origin: APP }, body: new URLSearchParams(obj).toString() };
}

describe('Entra stand-in', () => {
  let idp;
  let config;

  before(async () => {
    idp = await start({ port: 0, accessTokenTtl: 60, redirectUris: [REDIRECT], users: [GRACE] });
  });
  after(async () => idp.close());

  /** Follows redirects with the browser's cookies until one leaves the provider. */
  async function follow(browser, res, base) {
    let r = res;
    for (let i = 0; i < 10 && r.status >= 300 && r.status < 400; i += 1) {
      const next = new URL(r.headers.get('location'), base).href;
      if (!next.startsWith(base)) return { redirect: next };
      r = await browser.fetch(next);
    }
    return { res: r, url: r.url };
  }

  /** Signs in through the HTML form; returns the redirect back to the app. */
  async function signIn(browser, extra = {}, password = DEFAULTS.password, username = DEFAULTS.username) {
    const { verifier, challenge } = pkce();
    const state = b64url(crypto.randomBytes(16));
    const nonce = b64url(crypto.randomBytes(16));
    const auth = new URL(config.authorization_endpoint);
    Object.entries({
      client_id: DEFAULTS.clientId, response_type: 'code', redirect_uri: REDIRECT, scope: SCOPE,
      state, nonce, code_challenge: challenge, code_challenge_method: 'S256',
      response_mode: 'fragment', 'client-request-id': crypto.randomUUID(), ...extra,
    }).forEach(([k, v]) => auth.searchParams.set(k, v));
    const base = auth.origin;
    let step = await follow(browser, await browser.fetch(auth.href), base);
    if (step.res) {
      const page = await step.res.text();
      const action = page.match(/<form id="(?:login|consent)-form" method="post" action="([^"]+)"/)?.[1];
      assert.ok(action, `no form in: ${page.slice(0, 300)}`);
      const fields = page.includes('id="login-form"')
        ? { username, password }
        : { accept: '1' };
      const posted = await browser.fetch(new URL(action, base), form(fields));
      if (posted.status === 200) return { page: await posted.text() };
      step = await follow(browser, posted, base);
    }
    const back = new URL(step.redirect);
    const params = new URLSearchParams(back.hash.slice(1));
    return { back, params, state, nonce, verifier };
  }

  it('publishes discovery where MSAL looks, Entra-shaped', async () => {
    const res = await http(`${idp.authority}/v2.0/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    config = await res.json();
    assert.equal(config.issuer, `${idp.authority}/v2.0`);
    assert.equal(config.authorization_endpoint, `${idp.authority}/oauth2/v2.0/authorize`);
    assert.equal(config.token_endpoint, `${idp.authority}/oauth2/v2.0/token`);
    assert.equal(config.end_session_endpoint, `${idp.authority}/oauth2/v2.0/logout`);
    assert.equal(config.jwks_uri, `${idp.authority}/discovery/v2.0/keys`);
    assert.deepEqual(config.code_challenge_methods_supported, ['S256']);
  });

  it('runs authorization code + PKCE, refresh and the token checks', async () => {
    const browser = new Browser();
    const { back, params, state, nonce, verifier } = await signIn(browser);
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
    assert.equal(back.search, '', 'the code comes in the fragment');
    assert.equal(params.get('state'), state);
    const code = params.get('code');
    assert.ok(code);

    const res = await http(config.token_endpoint, form({
      client_id: DEFAULTS.clientId, redirect_uri: REDIRECT, scope: SCOPE, code, code_verifier: verifier,
      grant_type: 'authorization_code',
    }));
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('access-control-allow-origin'), APP);
    const tokens = await res.json();
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.expires_in, 60);
    assert.ok(tokens.refresh_token, 'a refresh token without prompt=consent');
    assert.ok(tokens.refresh_token_expires_in > 86000 && tokens.refresh_token_expires_in <= 86400);

    const { payload: at } = await verifyJwt(tokens.access_token, config.jwks_uri, { issuer: config.issuer, audience: ARM_RESOURCE });
    assert.equal(at.scp, 'user_impersonation');
    assert.equal(at.tid, DEFAULTS.tenant);
    assert.equal(at.oid, DEFAULTS.objectId);
    assert.equal(at.azp, DEFAULTS.clientId);
    assert.equal(at.exp - at.iat, 60);

    const { payload: id } = await verifyJwt(tokens.id_token, config.jwks_uri, { issuer: config.issuer, audience: DEFAULTS.clientId });
    assert.equal(id.nonce, nonce);
    assert.equal(id.tid, DEFAULTS.tenant);
    assert.equal(id.oid, DEFAULTS.objectId);
    assert.equal(id.preferred_username, DEFAULTS.username);
    assert.equal(id.name, DEFAULTS.name);

    // Renewal as MSAL sends it (offline_access included), rotating the refresh token.
    await new Promise((r) => { setTimeout(r, 1100); });
    const refresh = (rt, claims) => http(config.token_endpoint, form({
      client_id: DEFAULTS.clientId, redirect_uri: REDIRECT, scope: SCOPE, refresh_token: rt,
      grant_type: 'refresh_token', ...(claims ? { claims } : {}),
    }));
    const claims = JSON.stringify({ access_token: { acrs: { essential: true, value: 'c1' }, xms_cc: { values: ['CP1'] } } });
    const r2 = await refresh(tokens.refresh_token, claims);
    assert.equal(r2.status, 200, await r2.clone().text());
    const renewed = await r2.json();
    assert.notEqual(renewed.refresh_token, tokens.refresh_token);
    assert.ok(renewed.refresh_token_expires_in < tokens.refresh_token_expires_in, 'the refresh lifetime does not slide');
    const at2 = decodeJwt(renewed.access_token);
    assert.equal(at2.aud, ARM_RESOURCE);
    assert.equal(at2.scp, 'user_impersonation');
    assert.deepEqual(at2.acrs, ['c1'], 'claims asked for on the token request are granted');
    assert.deepEqual(at2.xms_cc, ['CP1']);
    assert.ok(renewed.id_token);

    // The newest refresh token keeps working.
    const r3 = await refresh(renewed.refresh_token);
    assert.equal(r3.status, 200, await r3.clone().text());
  });

  it('accepts MSAL extras: select_account, a claims request with CP1, client-request-id', async () => {
    const browser = new Browser();
    const claims = JSON.stringify({ access_token: { xms_cc: { values: ['CP1'] } } });
    const { params, state } = await signIn(browser, { prompt: 'select_account', claims, login_hint: DEFAULTS.username });
    assert.equal(params.get('state'), state);
    assert.ok(params.get('code'), params.toString());
  });

  it('requires PKCE and the right verifier', async () => {
    const { params } = await signIn(new Browser());
    const bad = await http(config.token_endpoint, form({
      client_id: DEFAULTS.clientId, redirect_uri: REDIRECT, scope: SCOPE, code: params.get('code'),
      code_verifier: pkce().verifier, grant_type: 'authorization_code',
    }));
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error, 'invalid_grant');

    const auth = new URL(config.authorization_endpoint);
    Object.entries({ client_id: DEFAULTS.clientId, response_type: 'code', redirect_uri: REDIRECT, scope: SCOPE, state: 's' })
      .forEach(([k, v]) => auth.searchParams.set(k, v));
    const noPkce = await http(auth, { redirect: 'manual' });
    const loc = new URL(noPkce.headers.get('location'));
    assert.match(new URLSearchParams(loc.search).get('error') ?? '', /invalid_request/);
  });

  it('allows CORS only from the SPA origins', async () => {
    const pre = (origin) => http(config.token_endpoint, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    assert.equal((await pre(APP)).headers.get('access-control-allow-origin'), APP);
    assert.equal((await pre('https://evil.example')).headers.get('access-control-allow-origin'), null);
    const post = await http(config.token_endpoint, { ...form({ grant_type: 'refresh_token', refresh_token: 'x', client_id: DEFAULTS.clientId }), headers: { ...form({}).headers, origin: 'https://evil.example' } });
    assert.notEqual(post.status, 200);
    assert.equal(post.headers.get('access-control-allow-origin'), null);
  });

  it('shows an error for a wrong password and keeps the form', async () => {
    const { page } = await signIn(new Browser(), {}, 'wrong');
    assert.match(page, /id="error"/);
    assert.match(page, /id="login-form"/);
  });

  it('signs in silently with a session, and reports login_required without one', async () => {
    const browser = new Browser();
    await signIn(browser);
    const again = await signIn(browser, { prompt: 'none' });
    assert.ok(again.params.get('code'), 'prompt=none with a session gives a code');
    const none = await signIn(new Browser(), { prompt: 'none' });
    assert.equal(none.params.get('error'), 'login_required');
  });

  it('signs out to the post-logout redirect URI', async () => {
    const browser = new Browser();
    await signIn(browser);
    const url = new URL(config.end_session_endpoint);
    url.searchParams.set('client_id', DEFAULTS.clientId);
    url.searchParams.set('post_logout_redirect_uri', REDIRECT);
    url.searchParams.set('logout_hint', Buffer.from(DEFAULTS.username).toString('base64url'));
    const page = await (await browser.fetch(url)).text();
    const action = page.match(/<form id="op.logoutForm" method="post" action="([^"]+)"/)?.[1];
    const xsrf = page.match(/name="xsrf" value="([^"]+)"/)?.[1];
    assert.ok(action && xsrf, page);
    const done = await browser.fetch(new URL(action, idp.url), form({ xsrf, logout: 'yes' }));
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), REDIRECT);
    const none = await signIn(browser, { prompt: 'none' });
    assert.equal(none.params.get('error'), 'login_required', 'the session is gone');
  });

  it('serves a second tenant with its own issuer and sign-in session', async () => {
    const other = '8b7e2a8e-1d0b-4a44-9c49-7d1f1e5e9a02';
    const two = await start({ port: 0, tenants: [DEFAULTS.tenant, other], redirectUris: [REDIRECT] });
    try {
      assert.deepEqual(two.tenants.map((t) => t.tenant), [DEFAULTS.tenant, other]);
      const doc = await (await http(`${two.url}/${other}/v2.0/.well-known/openid-configuration`)).json();
      assert.equal(doc.issuer, `${two.url}/${other}/v2.0`);
      assert.equal(doc.token_endpoint, `${two.url}/${other}/oauth2/v2.0/token`);
      assert.equal((await http(`${two.url}/nope/v2.0/.well-known/openid-configuration`)).status, 404);
      const saved = config;
      config = doc;
      const browser = new Browser();
      const { params, verifier } = await signIn(browser);
      config = saved;
      const res = await http(doc.token_endpoint, form({
        client_id: DEFAULTS.clientId, redirect_uri: REDIRECT, scope: SCOPE, code: params.get('code'),
        code_verifier: verifier, grant_type: 'authorization_code',
      }));
      const tokens = await res.json();
      const { payload: id } = await verifyJwt(tokens.id_token, doc.jwks_uri, { issuer: doc.issuer, audience: DEFAULTS.clientId });
      assert.equal(id.tid, other);
      assert.equal(decodeJwt(tokens.access_token).tid, other);
    } finally {
      await two.close();
    }
  });

  /** Signs in and redeems the code: the first tokens. */
  async function tokensAfterSignIn() {
    const { params, verifier } = await signIn(new Browser());
    const res = await http(config.token_endpoint, form({
      client_id: DEFAULTS.clientId, redirect_uri: REDIRECT, scope: SCOPE, code: params.get('code'),
      code_verifier: verifier, grant_type: 'authorization_code',
    }));
    assert.equal(res.status, 200, await res.clone().text());
    return res.json();
  }

  const refresh = (rt) => http(config.token_endpoint, form({
    client_id: DEFAULTS.clientId, redirect_uri: REDIRECT, scope: SCOPE, refresh_token: rt, grant_type: 'refresh_token',
  }));

  const control = async (method, path) => {
    const res = await http(`${idp.url}${path}`, { method });
    return { status: res.status, body: await res.json() };
  };

  it('refuses the next refreshes with invalid_grant, readable by the SPA, without spending the token', async () => {
    const tokens = await tokensAfterSignIn();
    const armed = await control('POST', '/_oidc/fault/token?count=2');
    assert.equal(armed.status, 200);
    assert.deepEqual({ ...armed.body.armed, id: 0 }, { id: 0, mode: 'refuse', grant: 'refresh_token', left: 2 });
    // A sign-in's code redemption is not a refresh: it passes.
    await tokensAfterSignIn();
    for (let i = 0; i < 2; i += 1) {
      const r = await refresh(tokens.refresh_token);
      assert.equal(r.status, 400);
      assert.equal(r.headers.get('access-control-allow-origin'), APP);
      const body = await r.json();
      assert.equal(body.error, 'invalid_grant');
      assert.match(body.error_description, /^AADSTS700084: /);
      assert.deepEqual(body.error_codes, [700084]);
    }
    const ok = await refresh(tokens.refresh_token);
    assert.equal(ok.status, 200, 'the refused refreshes did not use up the refresh token');
  });

  it('drops the next refresh: a network error for fetch', async () => {
    const tokens = await tokensAfterSignIn();
    assert.equal((await control('POST', '/_oidc/fault/token?mode=drop')).status, 200);
    await assert.rejects(refresh(tokens.refresh_token), TypeError);
    assert.equal((await refresh(tokens.refresh_token)).status, 200);
  });

  it('faults every token request with grant=any, lists and clears the switches', async () => {
    await control('POST', '/_oidc/fault/token?grant=any');
    await control('POST', '/_oidc/fault/token?mode=drop&count=3');
    const listed = await control('GET', '/_oidc/faults');
    assert.deepEqual(listed.body.faults.map((f) => [f.mode, f.grant, f.left]), [['refuse', 'any', 1], ['drop', 'refresh_token', 3]]);
    const { params, verifier } = await signIn(new Browser());
    const redeem = await http(config.token_endpoint, form({
      client_id: DEFAULTS.clientId, redirect_uri: REDIRECT, scope: SCOPE, code: params.get('code'),
      code_verifier: verifier, grant_type: 'authorization_code',
    }));
    assert.equal(redeem.status, 400, 'the code redemption was refused too');
    assert.equal((await redeem.json()).error, 'invalid_grant');
    assert.deepEqual((await control('DELETE', '/_oidc/faults')).body, { cleared: 1 });
    assert.deepEqual((await control('GET', '/_oidc/faults')).body.faults, []);
    const tokens = await tokensAfterSignIn();
    assert.equal((await refresh(tokens.refresh_token)).status, 200, 'cleared: nothing dropped');
  });

  it('signs in a second user, each with an object id of its own', async () => {
    const redeem = async (params, verifier) => {
      const res = await http(config.token_endpoint, form({
        client_id: DEFAULTS.clientId, redirect_uri: REDIRECT, scope: SCOPE, code: params.get('code'),
        code_verifier: verifier, grant_type: 'authorization_code',
      }));
      assert.equal(res.status, 200, await res.clone().text());
      return res.json();
    };
    const grace = await signIn(new Browser(), {}, GRACE.password, 'Grace@Contoso.test');
    const tokens = await redeem(grace.params, grace.verifier);
    const { payload: id } = await verifyJwt(tokens.id_token, config.jwks_uri, { issuer: config.issuer, audience: DEFAULTS.clientId });
    assert.equal(id.oid, objectIdFor(GRACE.username));
    assert.notEqual(id.oid, DEFAULTS.objectId);
    assert.match(id.oid, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(id.sub, id.oid);
    assert.equal(id.preferred_username, GRACE.username);
    const at = decodeJwt(tokens.access_token);
    assert.equal(at.oid, id.oid);
    assert.equal(at.upn, GRACE.username);
    // A refresh keeps the user.
    const renewed = await (await http(config.token_endpoint, form({
      client_id: DEFAULTS.clientId, redirect_uri: REDIRECT, scope: SCOPE, refresh_token: tokens.refresh_token,
      grant_type: 'refresh_token',
    }))).json();
    assert.equal(decodeJwt(renewed.access_token).oid, id.oid);
    // Each user has their own password.
    const wrong = await signIn(new Browser(), {}, DEFAULTS.password, GRACE.username);
    assert.match(wrong.page, /incorrect/);
    const ada = await signIn(new Browser());
    const adaTokens = await redeem(ada.params, ada.verifier);
    assert.equal(decodeJwt(adaTokens.id_token).oid, DEFAULTS.objectId);
    assert.equal(decodeJwt(adaTokens.access_token).upn, DEFAULTS.username);
  });

  it('reads --user as NAME:PASSWORD and refuses a user given twice', async () => {
    assert.deepEqual(parseUser('grace@contoso.test:a:b c'), { username: 'grace@contoso.test', password: 'a:b c' });
    for (const bad of ['grace', ':pw', 'grace:']) assert.throws(() => parseUser(bad), /NAME:PASSWORD/);
    const o = optionsFromArgs(['--user', 'grace@contoso.test:pw', '--user', 'alan@contoso.test:pw2'], {});
    assert.deepEqual(o.users.map((u) => u.username), ['grace@contoso.test', 'alan@contoso.test']);
    const accounts = accountsOf({ ...DEFAULTS, users: o.users });
    assert.deepEqual(accounts.map((a) => a.username), [DEFAULTS.username, 'grace@contoso.test', 'alan@contoso.test']);
    assert.equal(new Set(accounts.map((a) => a.objectId)).size, 3, 'three object ids');
    assert.equal(objectIdFor('GRACE@contoso.test'), objectIdFor('grace@contoso.test'), 'stable, whatever the case');
    await assert.rejects(start({ port: 0, users: [{ username: 'ADA@contoso.test', password: 'x' }] }), /given twice/);
  });

  it('refuses a bad switch', async () => {
    for (const query of ['mode=slow', 'count=0', 'count=x', 'grant=password', 'mdoe=drop']) {
      const r = await control('POST', `/_oidc/fault/token?${query}`);
      assert.equal(r.status, 400, query);
      assert.ok(r.body.error, query);
    }
    assert.equal((await control('GET', '/_oidc/nope')).status, 404);
    assert.deepEqual((await control('GET', '/_oidc/faults')).body.faults, []);
  });

  it('reads flags and environment', () => {
    const o = optionsFromArgs(['--port', '0', '--redirect-uri', 'http://a/,http://b/', '--access-token-ttl', '30'], { OIDC_TENANTS: 't1,t2' });
    assert.equal(o.port, 0);
    assert.deepEqual(o.tenants, ['t1', 't2']);
    assert.deepEqual(optionsFromArgs(['--tenant', 'x'], { OIDC_TENANTS: 't1' }).tenants, ['x']);
    assert.deepEqual(optionsFromArgs([], {}).tenants, [DEFAULTS.tenant]);
    assert.deepEqual(o.redirectUris, ['http://a/', 'http://b/']);
    assert.equal(o.accessTokenTtl, 30);
    assert.throws(() => optionsFromArgs(['--port', 'x']));
  });
});
