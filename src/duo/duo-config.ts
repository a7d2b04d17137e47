import { createHmac } from 'node:crypto';

/**
 * The DUO connection's configuration, read in one place (README "DUO-koppeling"). Unset DUO_BASE_URL: the outbound
 * connection is off and nothing queues. The inbound Notificatie API is always served; it needs a token only when
 * DUO_NOTIFICATIE_TOKEN is set (in production DUO authenticates by mutual TLS at the reverse proxy).
 */
export interface DuoConfig {
  /** DUO's base path including the major version, e.g. `https://duo.example:1234/v1`; undefined: off. */
  baseUrl?: string;
  /** Our OIN, sent as `Bron`. */
  oinGemeente: string;
  /** DUO's OIN, sent as `Doel` (and expected as `Bron` of a notification). */
  oinDuo: string;
  /** File paths of the Digikoppeling client certificate, its key and DUO's CA. */
  tls: { cert?: string; key?: string; ca?: string };
  notificatieToken?: string;
  /** Key of the BSN index's keyed hash (HMAC-SHA256): BSNs are never stored in clear in the read models. */
  bsnSleutel: string;
  /** The sender's polling interval and back-off bounds (ms). */
  intervalMs: number;
  backoffMinMs: number;
  backoffMaxMs: number;
}

const OIN = /^\d{20}$/;

export function duoConfig(env: NodeJS.ProcessEnv = process.env): DuoConfig {
  const productie = (env.NODE_ENV ?? 'development') === 'production';
  const baseUrl = env.DUO_BASE_URL?.trim() ? env.DUO_BASE_URL.trim().replace(/\/+$/, '') : undefined;
  if (baseUrl) {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !productie)) {
      throw new Error(`DUO_BASE_URL moet https:// zijn${productie ? ' in productie' : ''} (was ${url.protocol})`);
    }
  }
  const oinGemeente = env.DUO_OIN_GEMEENTE ?? '';
  const oinDuo = env.DUO_OIN_DUO ?? '';
  if (baseUrl && (!OIN.test(oinGemeente) || !OIN.test(oinDuo))) {
    throw new Error('DUO_OIN_GEMEENTE en DUO_OIN_DUO moeten elk een OIN van 20 cijfers zijn als DUO_BASE_URL is gezet');
  }
  // Unset: derived from the key store's master key (required in production anyway), so no new secret is needed.
  const bsnSleutel = env.DUO_BSN_SLEUTEL || env.PSEUDONYM_SECRET
    || (env.KEYSTORE_MASTER_KEY ? createHmac('sha256', env.KEYSTORE_MASTER_KEY).update('duo-bsn-index').digest('hex') : '');
  if (productie && !bsnSleutel) throw new Error('DUO_BSN_SLEUTEL, PSEUDONYM_SECRET of KEYSTORE_MASTER_KEY is verplicht in productie');
  return {
    baseUrl,
    oinGemeente,
    oinDuo,
    tls: { cert: env.DUO_TLS_CERT || undefined, key: env.DUO_TLS_KEY || undefined, ca: env.DUO_TLS_CA || undefined },
    notificatieToken: env.DUO_NOTIFICATIE_TOKEN || undefined,
    bsnSleutel: bsnSleutel || 'ontwikkeling-duo-bsn-index',
    intervalMs: Number(env.DUO_INTERVAL_MS ?? 1000),
    backoffMinMs: Number(env.DUO_BACKOFF_MIN_MS ?? 1000),
    backoffMaxMs: Number(env.DUO_BACKOFF_MAX_MS ?? 5 * 60_000),
  };
}

export const DUO_CONFIG = Symbol('DUO_CONFIG');

/** The keyed hash of a BSN (HMAC-SHA256, hex): the one function the BSN index is keyed by. */
export const bsnHash = (sleutel: string, bsn: string): string => createHmac('sha256', sleutel).update(bsn).digest('hex');
