import { JWTPayload, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { AuthSettings } from './auth-settings';
import { Gebruiker, rollenUit } from './gebruiker';
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

/** Verifies bearer tokens with jose (HS256 with the secret, or the issuer's JWKS) and makes the `Gebruiker` of their claims. */
export class TokenVerifier {
  /** The issuer's key set, kept with "last good" semantics (jwks-cache.ts). */
  readonly jwks?: LastGoodJwks;

  constructor(private readonly settings: AuthSettings, warn: (msg: string, err?: unknown) => void = () => undefined) {
    if (settings.jwksUrl) this.jwks = new LastGoodJwks(settings.jwksUrl, settings.jwksTiming, warn);
  }

  async verify(token: string): Promise<Omit<Gebruiker, 'rol'>> {
    const claims = await this.claims(token);
    this.checkLifetime(claims);
    const sub = claims.sub;
    if (typeof sub !== 'string' || sub.length === 0) throw new TokenGeweigerd('Het token heeft geen sub');
    const name = typeof claims.name === 'string' ? claims.name : undefined;
    return { sub, name, rollen: rollenUit(claims, this.settings.rollenClaim) };
  }

  /**
   * jose checks that `exp` has not passed; this bounds how long a token may live at all (a token with `exp` in 9999
   * is a key to the API forever) and refuses one issued in the future (`iat` ahead of our clock: minted by a
   * misconfigured or hostile signer).
   */
  private checkLifetime(claims: JWTPayload): void {
    const now = Math.floor(Date.now() / 1000);
    const max = this.settings.maxLifetimeSeconds;
    if (typeof claims.iat === 'number' && claims.iat > now + CLOCK_TOLERANCE_S) throw new TokenGeweigerd('Het token is uitgegeven in de toekomst (iat)');
    if (typeof claims.exp === 'number' && claims.exp > now + max + CLOCK_TOLERANCE_S) {
      throw new TokenGeweigerd(`Het token is te lang geldig (exp): hoogstens ${max} seconden`);
    }
    if (typeof claims.iat === 'number' && typeof claims.exp === 'number' && claims.exp - claims.iat > max + CLOCK_TOLERANCE_S) {
      throw new TokenGeweigerd(`Het token is te lang geldig (exp − iat): hoogstens ${max} seconden`);
    }
  }

  private async claims(token: string): Promise<JWTPayload> {
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
    };
    try {
      if (alg === 'HS256' && this.settings.secret) {
        return (await jwtVerify(token, this.settings.secret, { ...options, algorithms: ['HS256'] })).payload;
      }
      if (this.jwks) return (await jwtVerify(token, this.jwks.getKey, { ...options, algorithms: JWKS_ALGORITHMS })).payload;
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
