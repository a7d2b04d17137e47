import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from '../../src/app.factory';

export type Rol = 'klantmanager' | 'teamleider' | 'compliance' | 'beheerder' | string;

/** A signed HS256 development token, as `npm run token` mints, for the e2e tests. */
export async function tokenFor(rol: Rol, sub = `test-${rol}`, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ name: `Test ${rol}`, rollen: [rol], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

/** `{ Authorization: 'Bearer …' }` for a role. */
export async function authHeaders(rol: Rol, sub?: string): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await tokenFor(rol, sub)}` };
}
