/**
 * The DUO connection's configuration, part of the one schema (src/config.ts, README "DUO-koppeling"). Unset DUO_BASE_URL: the outbound
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
  /** The sender's polling interval and back-off bounds (ms). */
  intervalMs: number;
  backoffMinMs: number;
  backoffMaxMs: number;
}

/** Nest token of the DuoConfig: AppConfig's `duo` (src/config.ts reads and checks every DUO_* variable). */
export const DUO_CONFIG = Symbol('DUO_CONFIG');

