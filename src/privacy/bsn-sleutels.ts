import { createHmac } from 'node:crypto';
import { EncryptedField, isEncrypted, openField, sealField } from './encrypting-event-store';
import { FieldGroups } from './field-groups';
import { KeyStore } from './key-store';

/**
 * Personal data that arrives before (or without) a trajectory, keyed by the person's BSN instead: DUO's notifications
 * name a BSN, and which trajectory it belongs to is known only later, or never. Such a field is encrypted under the
 * key of the owner `bsn-<HMAC of the BSN>` (group `persoon`), so the erasure of any trajectory of that BSN destroys it
 * with the trajectory's own `persoon` key (privacy.service.ts). The owner id is an HMAC under a secret derived from
 * the master key: the key store never holds a BSN in clear.
 */
export const BSN_GROEP = 'persoon';

/** The key owner of data about this BSN outside its trajectory. */
export const bsnEigenaar = (keys: Pick<KeyStore, 'deriveSecret'>, bsn: string): string =>
  `bsn-${createHmac('sha256', keys.deriveSecret('bsn-sleutel-eigenaar')).update(bsn).digest('hex').slice(0, 40)}`;

/** `value` encrypted (AES-256-GCM) under the BSN's key, bound to `plaats` (stream, event, field) as associated data. */
export function versleutelVoorBsn(keys: KeyStore, bsn: string, plaats: string, value: unknown): EncryptedField {
  const { kid, key } = keys.activeKey(bsnEigenaar(keys, bsn), BSN_GROEP);
  return sealField(kid, key, Buffer.from(plaats), value);
}

/** The value, or `{"$gewist": true}` once its key was destroyed (`$onleesbaar` when the ciphertext was altered). */
export function openVoorBsn(keys: KeyStore, veld: unknown, plaats: string): unknown {
  return isEncrypted(veld) ? openField(keys, veld, Buffer.from(plaats), BSN_GROEP) : veld;
}

/** The field group that holds the registration's `persoon` (and so the BSN): erasing it erases the BSN's own keys too. */
export const bsnGroepVan = (groups: FieldGroups): string | undefined =>
  Object.entries(groups).find(([, fields]) => fields.some((f) => f === 'InburgeraarGeregistreerd.persoon' || f === 'InburgeraarGeregistreerd.persoon.bsn'))?.[0];
