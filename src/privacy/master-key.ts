import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppConfig } from '../config';

/** Where the key store lives: KEYSTORE_PATH, else `keys.sqlite` next to the SQLite event store. */
export function keystorePathOf(config: AppConfig): string {
  if (config.keystorePath) return config.keystorePath;
  if (config.sqlitePath === ':memory:') return ':memory:';
  return join(dirname(config.sqlitePath), 'keys.sqlite');
}

/** 64 hex characters or base64 of 32 bytes. */
export function parseMasterKey(value: string): Buffer {
  const v = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (key.length !== 32) throw new Error('KEYSTORE_MASTER_KEY moet 32 bytes zijn, als 64 hex-tekens of base64');
  return key;
}

/**
 * The master key: from KEYSTORE_MASTER_KEY; required in production. In development and tests a key is made once
 * in the data folder (like a development secret), so `npm start` still needs nothing else.
 */
export function resolveMasterKey(config: AppConfig, log: (msg: string) => void = () => undefined): Buffer {
  if (config.keystoreMasterKey) return parseMasterKey(config.keystoreMasterKey);
  if (config.nodeEnv === 'production') {
    throw new Error('KEYSTORE_MASTER_KEY ontbreekt: in productie is de hoofdsleutel van de sleutelopslag verplicht (32 bytes, hex of base64)');
  }
  const path = keystorePathOf(config);
  if (path === ':memory:') return randomBytes(32);
  const file = join(dirname(path), 'keystore-master.key');
  if (existsSync(file)) return parseMasterKey(readFileSync(file, 'utf8'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  log(`Ontwikkelhoofdsleutel voor de sleutelopslag gemaakt in ${file}; zet KEYSTORE_MASTER_KEY in productie`);
  return parseMasterKey(readFileSync(file, 'utf8'));
}
