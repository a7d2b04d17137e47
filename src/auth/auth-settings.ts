import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppConfig } from '../config';
import { JwksTiming } from './jwks-cache';

/** How tokens are verified; made once at start-up from the configuration. */
export interface AuthSettings {
  /** HS256 secret; with `jwksUrl` too, HS256 tokens use this and every other algorithm the JWKS. */
  secret?: Uint8Array;
  jwksUrl?: URL;
  issuer?: string;
  audience?: string;
  rollenClaim: string;
  /** Where the secret came from, for the start-up log. */
  bron: 'AUTH_JWT_SECRET' | 'AUTH_JWKS_URL' | 'ontwikkelgeheim';
  /** The development secret's file, when one is used. */
  devSecretFile?: string;
  /** The longest a token may live (AUTH_MAX_TOKEN_LIFETIME_SECONDS): `exp` no further ahead, `exp − iat` no longer. */
  maxLifetimeSeconds: number;
  /** Fetching and keeping the JWKS (AUTH_JWKS_* variables). */
  jwksTiming: JwksTiming;
}

export const MIN_SECRET_LENGTH = 32;
export const TOKEN_HINT = 'npm run token -- --rol klantmanager --sub kim';

/** The development secret lives next to the SQLite event store: `data/dev-jwt-secret` by default. */
export function devSecretFileOf(config: Pick<AppConfig, 'sqlitePath'>): string | undefined {
  if (config.sqlitePath === ':memory:') return undefined;
  return join(dirname(config.sqlitePath), 'dev-jwt-secret');
}

/** Reads the development secret, making it (random, mode 0600) when it does not exist yet. */
export function readOrMakeDevSecret(file: string): { secret: string; gemaakt: boolean } {
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), gemaakt: false };
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    return { secret: readFileSync(file, 'utf8').trim(), gemaakt: true };
  } catch (err) {
    // Another process (`npm run token`, a second instance) made it between our check and our write.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { secret: readFileSync(file, 'utf8').trim(), gemaakt: false };
    throw err;
  }
}

/**
 * The verification settings. Secrets come only from the environment, or in development from the generated file.
 * Production refuses to start without AUTH_JWKS_URL or AUTH_JWT_SECRET, and with a JWKS also without issuer and
 * audience (any other application's token from the same identity provider would pass otherwise).
 */
export function resolveAuthSettings(config: AppConfig, log: (msg: string) => void = () => undefined): AuthSettings {
  const production = config.nodeEnv === 'production';
  const common = {
    issuer: config.authIssuer,
    audience: config.authAudience,
    rollenClaim: config.authRollenClaim || 'rollen',
    maxLifetimeSeconds: config.authMaxTokenLifetimeSeconds,
    jwksTiming: {
      cacheMs: config.authJwksCacheSeconds * 1000,
      cooldownMs: config.authJwksCooldownSeconds * 1000,
      maxStaleMs: config.authJwksMaxStaleSeconds * 1000,
      timeoutMs: 5000,
    },
  };
  let jwksUrl: URL | undefined;
  if (config.authJwksUrl) {
    try {
      jwksUrl = new URL(config.authJwksUrl);
    } catch {
      throw new Error(`AUTH_JWKS_URL is geen geldige URL: ${config.authJwksUrl}`);
    }
    if (jwksUrl.protocol !== 'https:' && jwksUrl.protocol !== 'http:') throw new Error('AUTH_JWKS_URL moet https (of http) zijn');
    if (production && (!config.authIssuer || !config.authAudience)) {
      throw new Error('AUTH_ISSUER en AUTH_AUDIENCE zijn verplicht in productie naast AUTH_JWKS_URL');
    }
  }
  if (config.authJwtSecret !== undefined) {
    if (config.authJwtSecret.length < MIN_SECRET_LENGTH) {
      throw new Error(`AUTH_JWT_SECRET is te kort: minstens ${MIN_SECRET_LENGTH} tekens (bijvoorbeeld: openssl rand -base64 32)`);
    }
    return { ...common, secret: new TextEncoder().encode(config.authJwtSecret), jwksUrl, bron: 'AUTH_JWT_SECRET' };
  }
  if (jwksUrl) return { ...common, jwksUrl, bron: 'AUTH_JWKS_URL' };
  if (production) {
    throw new Error(
      'Authenticatie is niet geconfigureerd: zet in productie AUTH_JWKS_URL (met AUTH_ISSUER en AUTH_AUDIENCE) of AUTH_JWT_SECRET',
    );
  }
  const file = devSecretFileOf(config);
  if (!file) return { ...common, secret: randomBytes(32), bron: 'ontwikkelgeheim' };
  const { secret, gemaakt } = readOrMakeDevSecret(file);
  if (gemaakt) log(`Ontwikkelgeheim voor tokens gemaakt in ${file}; zet AUTH_JWT_SECRET of AUTH_JWKS_URL buiten ontwikkeling`);
  log(`Geen AUTH_JWT_SECRET of AUTH_JWKS_URL: tokens worden gecontroleerd met het ontwikkelgeheim in ${file}. Een token: ${TOKEN_HINT}`);
  return { ...common, secret: new TextEncoder().encode(secret), bron: 'ontwikkelgeheim', devSecretFile: file };
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
