// The one test OpenID Provider (panva/oidc-provider) on loopback, for the auth suite (test/auth.e2e-spec.ts) and the
// console's browser tests (test/console.e2e-spec.ts). ESM-only, so it runs as a child process: jest loads CommonJS.
// It prints `{"issuer": "...", "audience": "..."}` once it serves discovery, JWKS, authorization and token, then obeys
// control requests:
//   POST /_test/jwks-down, /_test/jwks-up     the JWKS endpoint fails (503) or works again (an outage)
//   POST /_test/rotate?keep=true|false        a new signing key; the old one kept in the JWKS or removed (revoked)
//   POST /_test/configure {"redirectUri", "audience", "accounts": {"tess": {"name", "rollen": [...]}}}
//                                             registers the console: a public client (PKCE required, code flow with
//                                             the development login form) and the accounts that can sign in
// Tokens are RS256 JWT access tokens for the API's audience (RFC 8707 resource indicator) with the roles in `rollen`,
// as a gemeente's identity provider would issue them: client ie-test / ie-test-secret by client_credentials
// (`rollen: ["teamleider"]`), or an account through the console's sign-in.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const newKey = () => ({ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' });

let keys = [newKey()];
let jwksDown = false;
let audience = 'urn:inburgering-engine:api';
/** The console's client and accounts, once configured. */
let konsole;
let provider;
let issuer;

function makeProvider() {
  const accounts = konsole?.accounts ?? {};
  const p = new Provider(issuer, {
    clients: [
      { client_id: 'ie-test', client_secret: 'ie-test-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] },
      ...(konsole ? [{
        client_id: 'inburgering-console', token_endpoint_auth_method: 'none', application_type: 'web',
        redirect_uris: [konsole.redirectUri], post_logout_redirect_uris: [konsole.redirectUri],
        grant_types: ['authorization_code'], response_types: ['code'],
      }] : []),
    ],
    jwks: { keys },
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'api'],
    claims: { openid: ['sub'], profile: ['name'] },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== audience) throw new Error(`onbekende resource ${resource}`);
          return { scope: 'api', audience, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    findAccount: (_ctx, id) => accounts[id] && { accountId: id, claims: () => ({ sub: id, name: accounts[id].name }) },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind === 'ClientCredentials') return { rollen: ['teamleider'] };
      if (token.kind === 'AccessToken') return { rollen: accounts[token.accountId]?.rollen ?? [], name: accounts[token.accountId]?.name };
      return undefined;
    },
  });
  p.proxy = false;
  p.on('server_error', (_ctx, err) => console.error('OIDC server_error', err));
  return p;
}

const body = (req) => new Promise((resolve) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => resolve(raw));
});

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  if (req.method === 'POST' && url.pathname.startsWith('/_test/')) {
    if (url.pathname === '/_test/jwks-down') jwksDown = true;
    if (url.pathname === '/_test/jwks-up') jwksDown = false;
    if (url.pathname === '/_test/rotate') {
      // The first key signs: the new one goes first.
      keys = url.searchParams.get('keep') === 'true' ? [newKey(), ...keys] : [newKey()];
      provider = makeProvider();
    }
    if (url.pathname === '/_test/configure') {
      const { redirectUri, audience: aud, accounts } = JSON.parse(await body(req));
      konsole = { redirectUri, accounts };
      if (aud) audience = aud;
      provider = makeProvider();
    }
    res.writeHead(204).end();
    return;
  }
  if (jwksDown && url.pathname === '/jwks') {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('onderhoud');
    return;
  }
  provider.callback()(req, res);
});

server.listen(0, '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  provider = makeProvider();
  process.stdout.write(`${JSON.stringify({ issuer, audience })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
