// A real OpenID Provider (the oidc-provider package) on loopback, for the auth suite. ESM, so it runs as a child
// process: jest loads CommonJS. It prints `{"issuer": "..."}` once listening, then obeys control requests:
//   POST /_test/jwks-down, /_test/jwks-up     the JWKS endpoint fails (503) or works again (an outage)
//   POST /_test/rotate?keep=true|false        a new signing key; the old one kept in the JWKS or removed (revoked)
// Tokens: POST /token with grant_type=client_credentials (client ie-test / ie-test-secret) gives an RS256 JWT
// access token for the audience urn:inburgering-engine:api, with the roles claim `rollen: ["teamleider"]`.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const AUDIENCE = 'urn:inburgering-engine:api';

const newKey = () => ({ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' });

let keys = [newKey()];
let jwksDown = false;
let provider;
let issuer;

function makeProvider() {
  const p = new Provider(issuer, {
    clients: [{ client_id: 'ie-test', client_secret: 'ie-test-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] }],
    jwks: { keys },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'api', audience: AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    extraTokenClaims: () => ({ rollen: ['teamleider'] }),
  });
  p.proxy = false;
  return p;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, issuer);
  if (req.method === 'POST' && url.pathname.startsWith('/_test/')) {
    if (url.pathname === '/_test/jwks-down') jwksDown = true;
    if (url.pathname === '/_test/jwks-up') jwksDown = false;
    if (url.pathname === '/_test/rotate') {
      // The first key signs: the new one goes first.
      keys = url.searchParams.get('keep') === 'true' ? [newKey(), ...keys] : [newKey()];
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
  process.stdout.write(`${JSON.stringify({ issuer, audience: AUDIENCE })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
