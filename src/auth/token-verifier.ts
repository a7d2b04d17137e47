import { JWTPayload, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { AuthSettings } from './auth-settings';
import { Gebruiker, rollenUit } from './gebruiker';
import type { Rol } from './rollen.decorator';
import { JwksUnavailable, LastGoodJwks } from './jwks-cache';

/** Asymmetric algorithms an OIDC issuer signs with; never `none`, never HS* through the JWKS. */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** A little leeway for clocks that disagree by seconds. */
const CLOCK_TOLERANCE_S = 30;

/** Why a token was refused: shown to the client (RFC 6750 `error_description`), never the token itself. */
export class TokenGeweigerd extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenGeweigerd';
  }
}

/** The identity provider's keys could not be fetched: the server's problem, not the client's. */
export class SleutelsOnbereikbaar extends Error {
  constructor(readonly cause: unknown) {
    super('De sleutels van de identiteitsprovider (AUTH_JWKS_URL) zijn niet op te halen');
    this.name = 'SleutelsOnbereikbaar';
  }
}

/** Who a verified token says the caller is; shared by every request with the same token, so frozen. */
export type Identiteit = Readonly<Omit<Gebruiker, 'rol' | 'rollen'>> & { readonly rollen: readonly Rol[] };

/** How many verified tokens are kept (a few hundred bytes each with the token as key): the active users of a municipality and then some. */
export const VERIFIED_TOKENS_MAX = 10_000;

/** A token that passed every check, kept until its `exp` while the key that verified it is still trusted. */
interface Verified {
  identity: Identiteit;
  /** `exp` in ms: the cache never answers for the token at or after this moment (jose's clock tolerance is not extended to it). */
  expiresAt: number;
  /** For a token verified through the JWKS: the key set's generation (jwks-cache.ts); HS256's secret lives as long as the process. */
  generation?: number;
}

/**
 * Verifies bearer tokens with jose (HS256 with the secret, or the issuer's JWKS) and makes the `Gebruiker` of their
 * claims. A token that passed is remembered (keyed by the whole token, so by its exact signature) and not verified
 * again on every request, but only until its `exp`, and for a JWKS token only while the key set that verified it is
 * still the current, fresh one: a refetch (rotation, revocation, SIGHUP) or the set's cache time running out sends
 * the token through jose again. Refusals are never remembered. `nbf`, `iat` and the lifetime checks cannot turn a
 * passed token into a refused one later (time only moves away from them), `exp` can, and is checked on every hit.
 */
export class TokenVerifier {
  /** The issuer's key set, kept with "last good" semantics (jwks-cache.ts). */
  readonly jwks?: LastGoodJwks;
  private readonly verified = new Map<string, Verified>();
  /** Full verifications by jose (the cache's misses), for tests and diagnostics. */
  verifications = 0;

  constructor(
    private readonly settings: AuthSettings,
    warn: (msg: string, err?: unknown) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    if (settings.jwksUrl) this.jwks = new LastGoodJwks(settings.jwksUrl, settings.jwksTiming, warn, now);
  }

  verify(token: string): Promise<Identiteit> {
    const hit = this.verified.get(token);
    if (hit) {
      if (this.stillTrusted(hit)) return Promise.resolve(hit.identity);
      this.verified.delete(token);
    }
    return this.verifyFully(token);
  }

  private stillTrusted(v: Verified): boolean {
    if (this.now() >= v.expiresAt) return false;
    return v.generation === undefined || v.generation === this.jwks?.freshGeneration();
  }

  private async verifyFully(token: string): Promise<Identiteit> {
    this.verifications++;
    const before = this.jwks?.freshGeneration();
    const { claims, viaJwks } = await this.claims(token);
    this.checkLifetime(claims);
    const sub = claims.sub;
    if (typeof sub !== 'string' || sub.length === 0) throw new TokenGeweigerd('Het token heeft geen sub');
    const name = typeof claims.name === 'string' ? claims.name : undefined;
    const identity: Identiteit = Object.freeze({ sub, name, rollen: Object.freeze(rollenUit(claims, this.settings.rollenClaim)) });
    // Remembered only when the key set did not change while jose verified (else: which set verified it?).
    const generation = viaJwks ? this.jwks?.freshGeneration() : undefined;
    if (!viaJwks || (generation !== undefined && generation === before)) this.remember(token, { identity, expiresAt: (claims.exp as number) * 1000, generation });
    return identity;
  }

  private remember(token: string, v: Verified): void {
    if (this.now() >= v.expiresAt) return;
    // Bounded: the oldest entry makes room (a Map iterates in insertion order).
    if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, v);
  }

  /**
   * jose checks that `exp` has not passed; this bounds how long a token may live at all (a token with `exp` in 9999
   * is a key to the API forever) and refuses one issued in the future (`iat` ahead of our clock: minted by a
   * misconfigured or hostile signer).
   */
  private checkLifetime(claims: JWTPayload): void {
    const now = Math.floor(this.now() / 1000);
    const max = this.settings.maxLifetimeSeconds;
    if (typeof claims.iat === 'number' && claims.iat > now + CLOCK_TOLERANCE_S) throw new TokenGeweigerd('Het token is uitgegeven in de toekomst (iat)');
    if (typeof claims.exp === 'number' && claims.exp > now + max + CLOCK_TOLERANCE_S) {
      throw new TokenGeweigerd(`Het token is te lang geldig (exp): hoogstens ${max} seconden`);
    }
    if (typeof claims.iat === 'number' && typeof claims.exp === 'number' && claims.exp - claims.iat > max + CLOCK_TOLERANCE_S) {
      throw new TokenGeweigerd(`Het token is te lang geldig (exp − iat): hoogstens ${max} seconden`);
    }
  }

  private async claims(token: string): Promise<{ claims: JWTPayload; viaJwks: boolean }> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new TokenGeweigerd('Het token is geen geldige JWT');
    }
    const options = {
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_S,
      currentDate: new Date(this.now()),
    };
    try {
      if (alg === 'HS256' && this.settings.secret) {
        return { claims: (await jwtVerify(token, this.settings.secret, { ...options, algorithms: ['HS256'] })).payload, viaJwks: false };
      }
      if (this.jwks) return { claims: (await jwtVerify(token, this.jwks.getKey, { ...options, algorithms: JWKS_ALGORITHMS })).payload, viaJwks: true };
      throw new TokenGeweigerd(`Tokens met algoritme ${alg ?? '(geen)'} worden niet aanvaard`);
    } catch (err) {
      throw translate(err);
    }
  }
}

function translate(err: unknown): Error {
  if (err instanceof TokenGeweigerd) return err;
  if (err instanceof JwksUnavailable) return new SleutelsOnbereikbaar(err.cause);
  if (err instanceof errors.JWTExpired) return new TokenGeweigerd('Het token is verlopen');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return new TokenGeweigerd('Het token komt van een andere uitgever (iss)');
    if (err.claim === 'aud') return new TokenGeweigerd('Het token is niet voor deze API bedoeld (aud)');
    if (err.reason === 'missing') return new TokenGeweigerd(`Het token mist de claim ${err.claim}`);
    return new TokenGeweigerd(`De claim ${err.claim} van het token is ongeldig`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return new TokenGeweigerd('De handtekening van het token klopt niet');
  if (err instanceof errors.JOSEAlgNotAllowed) return new TokenGeweigerd('Het algoritme van het token wordt niet aanvaard');
  if (err instanceof errors.JWKSNoMatchingKey) return new TokenGeweigerd('Het token is getekend met een onbekende sleutel');
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return new SleutelsOnbereikbaar(err);
  // The plain JOSEError is what jose throws for a JWKS answer that is not 200 or not JSON.
  if (err instanceof errors.JOSEError && err.constructor !== errors.JOSEError) return new TokenGeweigerd('Het token is ongeldig');
  // The JWKS fetch failing (connection refused, DNS, a bad answer) and anything else unexpected.
  return new SleutelsOnbereikbaar(err);
}
