import { JSONWebKeySet, JWTVerifyGetKey, createLocalJWKSet, errors } from 'jose';

/** How the identity provider's key set is fetched and kept (AUTH_JWKS_* variables, README "Key rotation and revocation"). */
export interface JwksTiming {
  /** A fetched set is used this long before it is fetched again. */
  cacheMs: number;
  /** The least time between two fetches (also for a token with an unknown `kid`). */
  cooldownMs: number;
  /** When a refetch fails: how long past `cacheMs` the last good set keeps being used. */
  maxStaleMs: number;
  /** One fetch may take this long. */
  timeoutMs: number;
}

/** The keys could not be fetched and no usable set is left. */
export class JwksUnavailable extends Error {
  constructor(readonly cause: unknown) {
    super('De sleutels van de identiteitsprovider (AUTH_JWKS_URL) zijn niet op te halen');
    this.name = 'JwksUnavailable';
  }
}

export interface JwksStatus {
  /** False only when no usable key set is left: every token signed through the JWKS is then refused with a 503. */
  ready: boolean;
  detail?: string;
}

/**
 * The issuer's JWKS with "last good" semantics, which jose's createRemoteJWKSet lacks: when a refetch fails, the set
 * fetched last keeps verifying tokens for at most `maxStaleMs` past its cache time (a warning in the log and in
 * /ready), instead of every request answering 503 once the cache expires. Verification itself is jose's
 * (createLocalJWKSet). A token with an unknown `kid` triggers a refetch (rotation), at most once per `cooldownMs`.
 */
export class LastGoodJwks {
  private local?: JWTVerifyGetKey;
  private fetchedAt = 0;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private failure?: { since: number; error: unknown };
  private pending?: Promise<void>;
  /** Counts the key sets fetched: a token verified under one generation is not trusted under the next (token-verifier.ts). */
  private fetched = 0;

  constructor(
    private readonly url: URL,
    private readonly timing: JwksTiming,
    private readonly warn: (msg: string, err?: unknown) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** jose's key resolver: `jwtVerify(token, jwks.getKey, …)`. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.local || this.now() - this.fetchedAt >= this.timing.cacheMs) await this.refreshIfAllowed();
    if (!this.local) throw new JwksUnavailable(this.failure?.error);
    try {
      return await this.local(header, token);
    } catch (err) {
      // Rotation: a new key the cached set does not know yet.
      if (!(err instanceof errors.JWKSNoMatchingKey) || !this.mayFetch()) throw err;
      await this.refresh();
      return this.local(header, token);
    }
  };

  /**
   * The generation of the key set that verifies tokens right now without a fetch, or undefined when the next
   * verification would fetch (the set is absent or past its cache time). A verified-token cache trusts an entry only
   * while this still names the generation that verified it: a refetch (rotation, revocation, SIGHUP) or the set
   * going stale sends every token through jose again.
   */
  freshGeneration(): number | undefined {
    return this.local && this.now() - this.fetchedAt < this.timing.cacheMs ? this.fetched : undefined;
  }

  /** Fetches now (SIGHUP, or an operator after revoking a key), whatever the cooldown. */
  async refresh(): Promise<void> {
    this.pending ??= this.fetchOnce().finally(() => (this.pending = undefined));
    await this.pending;
  }

  status(): JwksStatus {
    if (!this.local) {
      return this.failure ? { ready: false, detail: `JWKS niet op te halen: ${messageOf(this.failure.error)}` } : { ready: true, detail: 'JWKS nog niet opgehaald' };
    }
    if (!this.failure) return { ready: true };
    const until = new Date(this.fetchedAt + this.timing.cacheMs + this.timing.maxStaleMs).toISOString();
    if (!this.usable()) return { ready: false, detail: `JWKS niet op te halen sinds ${iso(this.failure.since)}; de laatste goede sleutels golden tot ${until}` };
    return { ready: true, detail: `waarschuwing: JWKS niet op te halen sinds ${iso(this.failure.since)}; de sleutels van ${iso(this.fetchedAt)} gelden tot uiterlijk ${until}` };
  }

  private usable(): boolean {
    return !!this.local && this.now() - this.fetchedAt < this.timing.cacheMs + this.timing.maxStaleMs;
  }

  private mayFetch(): boolean {
    return this.now() - this.lastAttempt >= this.timing.cooldownMs;
  }

  /** Stale or absent: fetch when the cooldown allows (a failure keeps the last good set); throws when none is usable. */
  private async refreshIfAllowed(): Promise<void> {
    if (this.mayFetch()) await this.refresh();
    if (!this.usable()) throw new JwksUnavailable(this.failure?.error);
  }

  private async fetchOnce(): Promise<void> {
    this.lastAttempt = this.now();
    try {
      const res = await fetch(this.url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timing.timeoutMs), redirect: 'error' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const jwks = (await res.json()) as JSONWebKeySet;
      if (!jwks || !Array.isArray(jwks.keys)) throw new Error('geen JWKS (keys ontbreekt)');
      this.local = createLocalJWKSet(jwks);
      this.fetchedAt = this.now();
      this.fetched++;
      if (this.failure) this.warn(`JWKS weer opgehaald na een storing sinds ${iso(this.failure.since)}`);
      this.failure = undefined;
    } catch (err) {
      this.failure = { since: this.failure?.since ?? this.now(), error: err };
      if (this.usable()) {
        const until = iso(this.fetchedAt + this.timing.cacheMs + this.timing.maxStaleMs);
        this.warn(`JWKS niet op te halen (${messageOf(err)}); de laatste goede sleutels van ${iso(this.fetchedAt)} blijven gelden tot uiterlijk ${until}`, err);
      } else {
        this.warn(`JWKS niet op te halen (${messageOf(err)}) en er zijn geen bruikbare sleutels meer`, err);
      }
    }
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const messageOf = (err: unknown) => (err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err));
