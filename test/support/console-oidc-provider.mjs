/**
 * A real OpenID Connect provider (panva/oidc-provider) on loopback for the console's browser tests
 * (test/console.e2e-spec.ts). A separate process because oidc-provider is ESM-only.
 *
 *   node test/support/console-oidc-provider.mjs          prints `PORT <n>`, then reads one JSON line on stdin:
 *   {"redirectUri": "...", "audience": "...", "accounts": {"tess": {"name": "...", "rollen": ["teamleider"]}}}
 *   and prints `ISSUER <url>` once it serves discovery, JWKS, authorization (with its development login form) and token.
 *
 * The console is a public client (no secret, PKCE required). Access tokens are RS256 JWTs for the API's audience
 * (RFC 8707 resource indicator) carrying the roles in `rollen`, as a gemeente's identity provider would issue them.
 */
import { exportJWK, generateKeyPair } from 'jose';
import http from 'node:http';
import { createInterface } from 'node:readline';
import Provider from 'oidc-provider';

let handler = (_req, res) => res.writeHead(503).end();
const server = http.createServer((req, res) => handler(req, res));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
console.log(`PORT ${port}`);

const line = await new Promise((r) => createInterface({ input: process.stdin }).once('line', r));
const { redirectUri, audience, accounts } = JSON.parse(line);
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'console-test', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'inburgering-console', token_endpoint_auth_method: 'none', application_type: 'web',
    redirect_uris: [redirectUri], post_logout_redirect_uris: [redirectUri],
    grant_types: ['authorization_code'], response_types: ['code'],
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: ['console-e2e-cookie-key-0123456789'] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'api'],
  claims: { openid: ['sub'], profile: ['name'] },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
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
  extraTokenClaims: (_ctx, token) => (token.kind === 'AccessToken' ? { rollen: accounts[token.accountId]?.rollen ?? [], name: accounts[token.accountId]?.name } : undefined),
});
provider.on('server_error', (_ctx, err) => console.error('OIDC server_error', err));
handler = provider.callback();
console.log(`ISSUER ${issuer}`);
