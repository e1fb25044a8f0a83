#!/usr/bin/env node
// A stand-in for Microsoft Entra ID in tests and local runs: the OpenID Certified `oidc-provider`
// configured with Entra's shape, so the app under test speaks to it exactly as to Entra.
//
//   issuer     {base}/{tenant}/v2.0
//   discovery  {base}/{tenant}/v2.0/.well-known/openid-configuration   (where MSAL looks)
//   endpoints  {base}/{tenant}/oauth2/v2.0/{authorize,token,logout}, keys at /discovery/v2.0/keys
//
// A public client with PKCE required, CORS on the token endpoint only for the SPA's origins,
// JWT access tokens for https://management.azure.com with `scp: user_impersonation`, refresh
// tokens that live 24 hours and do not slide (each rotation carries the remaining lifetime), and
// a plain HTML sign-in form that a person or WebDriver can fill in, for one fixed user and any
// others given with `--user` (each with its own object id, so an app can keep them apart).
//
// A control API for tests (no token, outside every tenant; see faults.mjs):
//
//   POST   /_oidc/fault/token?mode=refuse|drop&count=N&grant=refresh_token|authorization_code|any
//          the next N token requests of that grant (default: refreshes only; `any`: every
//          token request) are refused with Entra's 400 invalid_grant (AADSTS700084, readable by
//          the SPA) or dropped: the socket destroyed with no answer, a network error for fetch.
//          Defaults: mode=refuse, count=1, grant=refresh_token. A refused or dropped refresh
//          does not use up the refresh token: the same one works once the switch is spent.
//   GET    /_oidc/faults      the armed switches, oldest first, with what each has left
//   DELETE /_oidc/faults      disarms them all
//
// Run: node tools/oidc/entra-stand-in.mjs --help

import crypto from 'node:crypto';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

import { TokenFaults, answerFaulted, serveControl } from './faults.mjs';
import { loginPage, consentPage, logoutPage, loggedOutPage } from './pages.mjs';

/** The resource the app asks for, as Entra names Azure Resource Manager. */
export const ARM_RESOURCE = 'https://management.azure.com';
/** The one delegated permission on ARM. */
export const ARM_SCOPE = `${ARM_RESOURCE}/user_impersonation`;

/** Defaults; every one can be changed by a flag or an environment variable. */
export const DEFAULTS = {
  host: '127.0.0.1',
  port: 9400,
  tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: '00000000-0000-4000-8000-00000000a11c',
  redirectUris: ['http://localhost:8080/'],
  accessTokenTtl: 3600,
  refreshTokenTtl: 24 * 3600,
  username: 'ada@contoso.test',
  password: 'correct horse battery staple',
  name: 'Ada Lovelace',
  objectId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
};

const HELP = `Entra ID stand-in (oidc-provider) for anf-migrate.

  --port N                    listen port (OIDC_PORT; default ${DEFAULTS.port}; 0 = any free port)
  --host H                    listen address (OIDC_HOST; default ${DEFAULTS.host})
  --public-url URL            base URL clients use (OIDC_PUBLIC_URL; default http://{host}:{port})
  --tenant T                  a tenant id, repeatable; the first is the home tenant
                              (OIDC_TENANTS, comma separated; default ${DEFAULTS.tenant})
  --client-id ID              the SPA's client id (OIDC_CLIENT_ID; default ${DEFAULTS.clientId})
  --redirect-uri URI          SPA redirect URI, repeatable (OIDC_REDIRECT_URIS, comma separated;
                              default ${DEFAULTS.redirectUris.join(',')})
  --spa-origin ORIGIN         origin allowed by CORS, repeatable (OIDC_SPA_ORIGINS;
                              default the redirect URIs' origins)
  --post-logout-redirect-uri  repeatable (OIDC_POST_LOGOUT_REDIRECT_URIS; default the redirect URIs)
  --access-token-ttl SECONDS  (OIDC_ACCESS_TOKEN_TTL; default ${DEFAULTS.accessTokenTtl})
  --refresh-token-ttl SECONDS (OIDC_REFRESH_TOKEN_TTL; default ${DEFAULTS.refreshTokenTtl}, fixed, not sliding)
  --username U --password P   the first test user (OIDC_USERNAME / OIDC_PASSWORD;
                              default ${DEFAULTS.username} / ${DEFAULTS.password}, oid ${DEFAULTS.objectId})
  --user NAME:PASSWORD        another user, repeatable; its oid is derived from NAME
                              (objectIdFor), so the same name always has the same oid

Control API for tests (no token):
  POST   /_oidc/fault/token?mode=refuse|drop&count=N&grant=refresh_token|authorization_code|any
         the next N token requests of that grant (default refreshes) answer 400 invalid_grant
         (refuse) or lose their connection (drop)
  GET    /_oidc/faults    armed switches        DELETE /_oidc/faults    disarm all

Prints "oidc listening on http://..." when ready.`;

const list = (v) => (v ? String(v).split(',').map((s) => s.trim()).filter(Boolean) : []);

/** Options from argv and the environment (flags win). */
export function optionsFromArgs(argv, env = process.env) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      tenant: { type: 'string', multiple: true },
      'client-id': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'spa-origin': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
      'access-token-ttl': { type: 'string' },
      'refresh-token-ttl': { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      user: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const many = (flag, envName) => (values[flag]?.length ? values[flag].flatMap(list) : list(env[envName]));
  const num = (v, d) => {
    if (v === undefined || v === '') return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`not a whole number of seconds or a port: ${v}`);
    return n;
  };
  return {
    port: num(values.port ?? env.OIDC_PORT, DEFAULTS.port),
    host: values.host ?? env.OIDC_HOST ?? DEFAULTS.host,
    publicUrl: values['public-url'] ?? env.OIDC_PUBLIC_URL,
    tenants: many('tenant', 'OIDC_TENANTS').length ? many('tenant', 'OIDC_TENANTS') : [DEFAULTS.tenant],
    clientId: values['client-id'] ?? env.OIDC_CLIENT_ID ?? DEFAULTS.clientId,
    redirectUris: many('redirect-uri', 'OIDC_REDIRECT_URIS'),
    spaOrigins: many('spa-origin', 'OIDC_SPA_ORIGINS'),
    postLogoutRedirectUris: many('post-logout-redirect-uri', 'OIDC_POST_LOGOUT_REDIRECT_URIS'),
    accessTokenTtl: num(values['access-token-ttl'] ?? env.OIDC_ACCESS_TOKEN_TTL, DEFAULTS.accessTokenTtl),
    refreshTokenTtl: num(values['refresh-token-ttl'] ?? env.OIDC_REFRESH_TOKEN_TTL, DEFAULTS.refreshTokenTtl),
    username: values.username ?? env.OIDC_USERNAME ?? DEFAULTS.username,
    password: values.password ?? env.OIDC_PASSWORD ?? DEFAULTS.password,
    users: (values.user ?? []).map(parseUser),
  };
}

/** `NAME:PASSWORD` (the password may hold colons; the name may not). */
export function parseUser(text) {
  const i = text.indexOf(':');
  const username = i > 0 ? text.slice(0, i).trim() : '';
  const password = i > 0 ? text.slice(i + 1) : '';
  if (!username || !password) throw new Error(`--user wants NAME:PASSWORD, got ${JSON.stringify(text)}`);
  return { username, password };
}

/** A stable object id for a user name: a UUID (version 8, RFC 9562) from its SHA-256. */
export function objectIdFor(username) {
  const h = crypto.createHash('sha256').update(`anf-migrate stand-in user ${username.toLowerCase()}`).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/**
 * Everyone who can sign in: the first user (`--username`, with its fixed object id) and each
 * `--user`. Two users of one name would be one account: refused.
 */
export function accountsOf(options) {
  const first = {
    username: options.username, password: options.password, name: options.name, objectId: options.objectId,
  };
  const others = (options.users ?? []).map((u) => ({
    name: u.username, objectId: objectIdFor(u.username), ...u,
  }));
  const all = [first, ...others];
  const names = all.map((a) => a.username.toLowerCase());
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`user ${twice} is given twice`);
  return all;
}

/** A fresh RS256 signing key: keys are new each run, so no secret lives in the repository. */
function signingKeys() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' }] };
}

/** Reads a urlencoded body. */
async function readForm(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * What a claims request (`claims` on the token request, as MSAL sends after a claims challenge)
 * asks to be put in the access token: `acrs` values and client capabilities (`xms_cc`).
 */
function claimsFromRequest(raw) {
  if (!raw) return {};
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  const at = parsed?.access_token ?? {};
  const out = {};
  const acrs = at.acrs?.value ?? at.acrs?.values;
  if (acrs) out.acrs = [].concat(acrs);
  if (at.xms_cc?.values) out.xms_cc = [].concat(at.xms_cc.values);
  return out;
}

/**
 * Entra's `prompt=select_account` (and `create`) shows its sign-in page; oidc-provider knows
 * neither value and would refuse the request, so ask it for `login`, which shows the form.
 */
function entraPrompt(pathAndQuery) {
  const [path, query] = pathAndQuery.split('?');
  const params = new URLSearchParams(query);
  const prompt = params.get('prompt');
  if (prompt === 'select_account' || prompt === 'create') params.set('prompt', 'login');
  return `${path}?${params}`;
}

/**
 * One tenant: its own provider (issuer, keys, sessions) mounted below `/{tenant}`.
 */
function tenantApp(tenant, index, options, base, faults) {
  const prefix = `/${tenant}`;
  const authority = `${base}${prefix}`;
  const issuer = `${authority}/v2.0`;

  const accounts = accountsOf(options);
  const byId = (id) => accounts.find((a) => a.objectId === id);
  const claimsOf = (a) => ({
    sub: a.objectId,
    oid: a.objectId,
    tid: tenant,
    name: a.name,
    preferred_username: a.username,
    login_hint: Buffer.from(a.username).toString('base64url'),
  });

  const provider = new Provider(issuer, {
    clients: [{
      client_id: options.clientId,
      client_name: 'anf-migrate (test)',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: options.redirectUris,
      post_logout_redirect_uris: options.postLogoutRedirectUris,
    }],
    jwks: signingKeys(),
    cookies: {
      keys: [crypto.randomBytes(32).toString('base64url')],
      // One host serves every tenant: each keeps its own sign-in session, as Entra's tenants do.
      names: { session: `_session_${index}`, interaction: `_interaction_${index}`, resume: `_interaction_resume_${index}` },
    },
    routes: {
      authorization: '/oauth2/v2.0/authorize',
      token: '/oauth2/v2.0/token',
      end_session: '/oauth2/v2.0/logout',
      jwks: '/discovery/v2.0/keys',
      userinfo: '/openid/userinfo',
    },
    pkce: { required: () => true },
    // Entra's parameters that oidc-provider does not know; accepted so requests match MSAL's.
    extraParams: ['claims', 'client-request-id', 'domain_hint', 'client_info', 'x-client-SKU', 'x-client-VER'],
    claims: {
      openid: ['sub', 'tid', 'oid', 'login_hint'],
      profile: ['name', 'preferred_username'],
    },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => {
      const a = byId(id);
      return a ? { accountId: id, claims: async () => claimsOf(a) } : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => { ctx.body = logoutPage(form); },
        postLogoutSuccessSource: async (ctx) => { ctx.body = loggedOutPage(); },
      },
      resourceIndicators: {
        enabled: true,
        // MSAL names the resource in the scope, not in a `resource` parameter: ARM is the default.
        defaultResource: async () => ARM_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (resource !== ARM_RESOURCE) throw new Provider.errors.InvalidTarget(`unknown resource ${resource}`);
          return {
            scope: ARM_SCOPE,
            audience: ARM_RESOURCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: options.accessTokenTtl,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // Entra gives SPAs a refresh token whenever offline_access is asked for, with or without a
    // `prompt`; oidc-provider drops offline_access when prompt is not consent, so decide here.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: async () => false,
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: options.accessTokenTtl,
      IdToken: 3600,
      AuthorizationCode: 600,
      Interaction: 3600,
      Session: options.refreshTokenTtl,
      Grant: options.refreshTokenTtl,
      // Fixed from sign-in: a rotated token only carries what is left (SPA tokens don't slide).
      RefreshToken: (ctx, token) => (ctx?.oidc?.entities?.RotatedRefreshToken
        ? ctx.oidc.entities.RotatedRefreshToken.remainingTTL
        : options.refreshTokenTtl),
    },
    clientBasedCORS: (_ctx, origin) => options.spaOrigins.includes(origin),
    interactions: { url: (_ctx, interaction) => `${prefix}/login/${interaction.uid}` },
    formats: {
      customizers: {
        // ARM reads `scp` (space separated, without the resource), `tid` and `oid`.
        jwt: async (ctx, token, jwt) => {
          const scp = (token.scope ?? '').split(' ')
            .filter((s) => s.startsWith(`${ARM_RESOURCE}/`))
            .map((s) => s.slice(ARM_RESOURCE.length + 1));
          Object.assign(jwt.payload, {
            scp: scp.join(' '),
            tid: tenant,
            oid: token.accountId,
            name: byId(token.accountId)?.name,
            upn: byId(token.accountId)?.username,
            azp: token.clientId,
            appid: token.clientId,
            ...claimsFromRequest(ctx?.oidc?.body?.claims),
          });
          delete jwt.payload.scope;
          return jwt;
        },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><title>Sign-in error</title><h1>Sign-in error</h1><pre id="error">${
        String(out.error).replace(/[<&]/g, '')}: ${String(out.error_description ?? '').replace(/[<&]/g, '')}</pre>`;
    },
  });
  provider.proxy = false;

  // Entra tells a SPA how long its refresh token has left; MSAL reads it.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'token' && ctx.status === 200 && ctx.body?.refresh_token) {
      const rt = await provider.RefreshToken.find(ctx.body.refresh_token);
      if (rt) ctx.body.refresh_token_expires_in = rt.remainingTTL;
    }
  });

  const oidc = provider.callback();

  async function interaction(req, res, uid) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const html = (body) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    const url = `${prefix}/login/${uid}`;
    if (req.method === 'GET') {
      if (details.prompt.name === 'login') return html(loginPage({ url, hint: details.params.login_hint }));
      const account = byId(details.session?.accountId)?.username ?? '';
      return html(consentPage({ url, account, scope: details.params.scope }));
    }
    const form = await readForm(req);
    if (form.get('cancel')) {
      return provider.interactionFinished(req, res, {
        error: 'access_denied', error_description: 'AADSTS65004: User declined to consent to access the app.',
      }, { mergeWithLastSubmission: false });
    }
    let accountId = details.session?.accountId;
    if (details.prompt.name === 'login') {
      const name = form.get('username')?.trim().toLowerCase();
      const account = accounts.find((a) => a.username.toLowerCase() === name);
      if (!account || form.get('password') !== account.password) {
        return html(loginPage({ url, hint: form.get('username'), error: 'Your account or password is incorrect.' }));
      }
      accountId = account.objectId;
    }
    // Consent to everything asked for, as Entra does once the user (or an admin) has consented.
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope.split(' ').filter((s) => !s.includes('/')).join(' '));
    grant.addResourceScope(ARM_RESOURCE, ARM_SCOPE);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, {
      login: { accountId },
      consent: { grantId },
    }, { mergeWithLastSubmission: true });
  }

  /** Serves one request below this tenant's prefix. */
  async function handle(req, res) {
    const path = req.url.split('?')[0];
    const login = path.slice(prefix.length).match(/^\/login\/([\w-]+)$/);
    if (login) {
      await interaction(req, res, login[1]);
      return;
    }
    // Mount oidc-provider below /{tenant}: it computes its own URLs from originalUrl - url.
    let inner = req.url.slice(prefix.length);
    if (inner.startsWith('/v2.0/.well-known/openid-configuration')) inner = inner.slice('/v2.0'.length);
    if (inner.startsWith('/oauth2/v2.0/authorize?')) inner = entraPrompt(inner);
    req.originalUrl = prefix + inner;
    req.url = inner;
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS' && path === `${prefix}/oauth2/v2.0/token`
      && origin && !options.spaOrigins.includes(origin)) {
      // oidc-provider answers every preflight (it cannot know the client yet); Entra allows
      // cross-origin redemption only for SPA redirect URIs, so refuse other origins up front.
      res.writeHead(403, { 'content-type': 'text/plain' }).end('origin not registered as a SPA');
      return;
    }
    if (req.method === 'POST' && path === `${prefix}/oauth2/v2.0/token`) {
      // offline_access means nothing on a refresh; Entra accepts it there and oidc-provider
      // rejects it when the grant lacks it, so drop it.
      const form = await readForm(req);
      const fault = faults.take(form.get('grant_type'));
      if (fault) {
        answerFaulted(fault, req, res, options.spaOrigins);
        return;
      }
      if (form.get('grant_type') === 'refresh_token' && form.has('scope')) {
        form.set('scope', form.get('scope').split(' ').filter((s) => s && s !== 'offline_access').join(' '));
      }
      req.body = form.toString();
    }
    oidc(req, res);
  }

  return { tenant, prefix, authority, issuer, provider, handle };
}

/**
 * Starts the stand-in. Resolves to `{ url, authority, issuer, tenants, options, faults, close() }`
 * once listening; `authority` and `issuer` are the first (home) tenant's, `faults` the token
 * fault switches the control API arms.
 */
export async function start(partial = {}) {
  const options = {
    ...DEFAULTS, redirectUris: [], spaOrigins: [], postLogoutRedirectUris: [], users: [], ...partial,
  };
  accountsOf(options);
  if (!options.redirectUris.length) options.redirectUris = DEFAULTS.redirectUris;
  if (!options.spaOrigins.length) options.spaOrigins = [...new Set(options.redirectUris.map((u) => new URL(u).origin))];
  if (!options.postLogoutRedirectUris.length) options.postLogoutRedirectUris = options.redirectUris;

  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address();
  const base = (options.publicUrl ?? `http://${options.host}:${port}`).replace(/\/$/, '');
  const tenants = options.tenants?.length ? options.tenants : [options.tenant];
  const faults = new TokenFaults();
  const apps = tenants.map((t, i) => tenantApp(t, i, options, base, faults));

  server.on('request', async (req, res) => {
    if (serveControl(req, res, faults)) return;
    const app = apps.find((a) => req.url.startsWith(`${a.prefix}/`));
    if (!app) {
      res.writeHead(404, { 'content-type': 'text/plain' })
        .end(`no such tenant here; try ${apps.map((a) => a.prefix).join(' or ')}`);
      return;
    }
    try {
      await app.handle(req, res);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e?.message ?? e));
    }
  });

  return {
    url: base,
    authority: apps[0].authority,
    issuer: apps[0].issuer,
    tenants: apps.map(({ tenant, authority, issuer }) => ({ tenant, authority, issuer })),
    options,
    provider: apps[0].provider,
    faults,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let opts;
  try {
    opts = optionsFromArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n\n${HELP}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(HELP);
    process.exit(0);
  }
  const s = await start(opts);
  for (const t of s.tenants) console.log(`authority ${t.authority}`);
  for (const a of accountsOf(s.options)) {
    console.log(`client ${s.options.clientId} user ${a.username} password ${a.password} oid ${a.objectId}`);
  }
  console.log(`oidc listening on ${s.url}`);
  const stop = () => s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
