import { createHmac } from 'node:crypto';
import { AppConfig } from '../config';
import { KeyStore } from '../privacy/key-store';

/** A keyed hash: the same input gives the same key, and without the secret the input cannot be found from it. */
export type Zoeksleutel = (waarde: string) => string;

/** Nest token of the ProjectieSleutels (projections.module.ts). */
export const PROJECTIE_SLEUTELS = Symbol('PROJECTIE_SLEUTELS');

/** What the read models need to index personal data without keeping it in clear. */
export interface ProjectieSleutels {
  /** HMAC-SHA256 of a BSN: `GET /trajecten?bsn=` finds it, the read-model file never holds the BSN itself. */
  bsnSleutel: Zoeksleutel;
}

export const zoeksleutel = (secret: Buffer): Zoeksleutel => (waarde) => createHmac('sha256', secret).update(waarde).digest('hex');

/**
 * The BSN index's secret: from PSEUDONYM_SECRET when set (so it survives a change of master key), otherwise derived
 * from the master key. A BSN is 9 digits (10^9 values), so an unkeyed hash would be reversed by trying them all.
 * Changing the secret needs `npm run projections -- rebuild trajecten`.
 */
export function projectieSleutels(config: Pick<AppConfig, 'pseudonymSecret'>, keys: Pick<KeyStore, 'deriveSecret'>): ProjectieSleutels {
  return { bsnSleutel: zoeksleutel(bsnIndexGeheim(config, keys)) };
}

/** The secret of the BSN index (see projectieSleutels); a parallel rebuild hands it to its worker. */
export function bsnIndexGeheim(config: Pick<AppConfig, 'pseudonymSecret'>, keys: Pick<KeyStore, 'deriveSecret'>): Buffer {
  return config.pseudonymSecret
    ? createHmac('sha256', Buffer.from(config.pseudonymSecret, 'utf8')).update('bsn-index').digest()
    : keys.deriveSecret('bsn-index');
}

/**
 * A name as searched: lower case, without diacritics (NFKD, marks removed) and with single spaces, so `?naam=ozil`
 * finds "Özil" and `haddad` finds "Amal  Haddad" (SQLite's own LIKE folds ASCII only).
 */
export const zoekNaam = (naam: string): string =>
  naam.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
