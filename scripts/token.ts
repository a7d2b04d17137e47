/**
 * Mints a development token, signed HS256 with AUTH_JWT_SECRET or the development secret in the data folder
 * (made when missing, as the server does). Prints only the token, so `TOKEN=$(npm run -s token -- --rol klantmanager)`.
 *
 *   npm run token -- --rol klantmanager --sub kim [--name "Kim de Vries"] [--uur 8]
 *
 * `--rol` may be repeated or comma-separated (the first allowed one acts). AUTH_ROLLEN_CLAIM, AUTH_ISSUER and
 * AUTH_AUDIENCE are honoured, so the token fits the server's configuration. The development secret is the server's:
 * `dev-jwt-secret` next to SQLITE_PATH, so a token for another SQLITE_PATH is signed with that store's secret.
 */
import { SignJWT } from 'jose';
import { parseArgs } from 'node:util';
import { resolveAuthSettings } from '../src/auth/auth-settings';
import { ROLLEN } from '../src/auth/gebruiker';
import { loadConfig } from '../src/config';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rol: { type: 'string', multiple: true },
      sub: { type: 'string' },
      name: { type: 'string' },
      uur: { type: 'string', default: '8' },
    },
  });
  const rollen = (values.rol ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  if (rollen.length === 0) fail(`Gebruik: npm run token -- --rol <${ROLLEN.join('|')}> [--sub kim] [--name "Kim"] [--uur 8]`);
  const onbekend = rollen.filter((r) => !(ROLLEN as string[]).includes(r));
  if (onbekend.length) process.stderr.write(`Let op: onbekende rol ${onbekend.join(', ')} geeft nergens toegang\n`);
  const uur = Number(values.uur);
  if (!Number.isFinite(uur) || uur <= 0) fail('--uur moet een positief getal zijn');
  const sub = values.sub ?? rollen[0];

  const config = loadConfig();
  if (uur * 3600 > config.authMaxTokenLifetimeSeconds) {
    fail(`--uur ${uur} is langer dan de server aanvaardt (AUTH_MAX_TOKEN_LIFETIME_SECONDS=${config.authMaxTokenLifetimeSeconds})`);
  }
  const settings = resolveAuthSettings({ ...config, authJwksUrl: undefined });
  if (!settings.secret) fail('Geen AUTH_JWT_SECRET: met alleen AUTH_JWKS_URL geeft de identiteitsprovider de tokens uit');

  let jwt = new SignJWT({ name: values.name ?? sub, [settings.rollenClaim]: rollen })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(`${Math.round(uur * 3600)}s`);
  if (settings.issuer) jwt = jwt.setIssuer(settings.issuer);
  if (settings.audience) jwt = jwt.setAudience(settings.audience);
  process.stdout.write(`${await jwt.sign(settings.secret)}\n`);
}

main().catch((err: unknown) => fail(`Geen token: ${(err as Error).message}`));
