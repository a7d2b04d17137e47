import * as oauth from 'oauth4webapi';

/** What the server says about signing in (GET /api/v1/console/configuratie). */
export interface ConsoleConfiguratie {
  issuer: string | null;
  clientId: string;
  scope: string;
  resource: string | null;
  ontwikkelLogin: boolean;
}

/** A signed-in session: the access token lives in this tab's sessionStorage only, never in a URL or a cookie. */
export interface Sessie {
  accessToken: string;
  verlooptOp: number;
  bron: 'oidc' | 'ontwikkel';
}

const SESSIE = 'ie-console-sessie';
const LOGIN = 'ie-console-login';
const redirectUri = () => `${location.origin}/console/`;

export async function configuratie(): Promise<ConsoleConfiguratie> {
  const res = await fetch('/api/v1/console/configuratie', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`De configuratie van de console is niet op te halen (HTTP ${res.status})`);
  return res.json();
}

export function huidigeSessie(): Sessie | null {
  const raw = sessionStorage.getItem(SESSIE);
  if (!raw) return null;
  const sessie = JSON.parse(raw) as Sessie;
  if (sessie.verlooptOp <= Date.now()) {
    sessionStorage.removeItem(SESSIE);
    return null;
  }
  return sessie;
}

/** Sent on `window` when the API refuses the token: App goes back to the sign-in page. */
export const SESSIE_VERLOPEN = 'ie-sessie-verlopen';
export const vergeetSessie = () => sessionStorage.removeItem(SESSIE);

function bewaar(sessie: Sessie): Sessie {
  sessionStorage.setItem(SESSIE, JSON.stringify(sessie));
  return sessie;
}

/** Plain http only for an issuer on loopback (the development and test set-up); anything else must be https. */
const opties = (issuer: URL) =>
  ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname) ? { [oauth.allowInsecureRequests]: true } : {};

async function ontdek(issuerUrl: string): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(issuerUrl);
  const res = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...opties(issuer) });
  return oauth.processDiscoveryResponse(issuer, res);
}

/** Step 1 of the authorization code flow with PKCE (RFC 7636): to the identity provider, verifier kept in this tab. */
export async function startOidcLogin(config: ConsoleConfiguratie, terugNaar: string): Promise<void> {
  if (!config.issuer) throw new Error('Er is geen identiteitsprovider ingesteld (AUTH_ISSUER)');
  const as = await ontdek(config.issuer);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  sessionStorage.setItem(LOGIN, JSON.stringify({ codeVerifier, state, nonce, terugNaar }));
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  if (config.resource) url.searchParams.set('resource', config.resource);
  location.assign(url.href);
}

/** Step 2, back at /console/?code=…&state=…: trade the code (with the verifier) for tokens, then drop the code from the URL. */
export async function voltooiOidcLogin(config: ConsoleConfiguratie): Promise<{ sessie: Sessie; terugNaar: string } | null> {
  const huidige = new URL(location.href);
  if (!huidige.searchParams.has('state') || !config.issuer) return null;
  const login = JSON.parse(sessionStorage.getItem(LOGIN) ?? 'null') as { codeVerifier: string; state: string; nonce: string; terugNaar: string } | null;
  sessionStorage.removeItem(LOGIN);
  history.replaceState(null, '', `${huidige.pathname}`);
  if (!login) throw new Error('Inloggen is niet in dit tabblad begonnen; probeer het opnieuw');
  const as = await ontdek(config.issuer);
  const client: oauth.Client = { client_id: config.clientId };
  const params = oauth.validateAuthResponse(as, client, huidige, login.state);
  const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), login.codeVerifier, {
    ...opties(new URL(config.issuer)),
    additionalParameters: config.resource ? { resource: config.resource } : undefined,
  });
  const result = await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: login.nonce, requireIdToken: true });
  const verlooptOp = Date.now() + (result.expires_in ?? 300) * 1000;
  return { sessie: bewaar({ accessToken: result.access_token, verlooptOp, bron: 'oidc' }), terugNaar: login.terugNaar };
}

/** Development only: the server mints a short-lived token with its development secret (refused in production). */
export async function ontwikkelLogin(sub: string, naam: string, rollen: string[]): Promise<Sessie> {
  const res = await fetch('/api/v1/console/ontwikkel-token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ sub, naam: naam || undefined, rollen }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(body.detail ?? `HTTP ${res.status}`);
  return bewaar({ accessToken: body.access_token, verlooptOp: Date.now() + body.expires_in * 1000, bron: 'ontwikkel' });
}

/**
 * Signs out: forgets the token; with OIDC also ends the session at the provider (RP-initiated logout) by client_id,
 * not by id_token_hint, so that no token ever travels in a URL.
 */
export async function uitloggen(config: ConsoleConfiguratie | null): Promise<void> {
  const sessie = huidigeSessie();
  sessionStorage.removeItem(SESSIE);
  if (sessie?.bron === 'oidc' && config?.issuer) {
    const as = await ontdek(config.issuer).catch(() => null);
    if (as?.end_session_endpoint) {
      const url = new URL(as.end_session_endpoint);
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('post_logout_redirect_uri', redirectUri());
      location.assign(url.href);
      return;
    }
  }
  location.assign('/console/');
}
