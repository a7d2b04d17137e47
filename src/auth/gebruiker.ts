import type { JWTPayload } from 'jose';
import type { Rol } from './rollen.decorator';

export const ROLLEN: readonly Rol[] = ['klantmanager', 'teamleider', 'compliance', 'beheerder'];

/**
 * The authenticated user on `req.user`. `rol` is the role this request acts in (the first of the user's roles that
 * the endpoint allows); `RequestActor` and the access log read `sub` and `rol` from here, never from the body.
 */
export interface Gebruiker {
  sub: string;
  name?: string;
  rol: string;
  rollen: Rol[];
}

/** The claim by its literal name, else by a dotted path (`realm_access.roles`). */
function claimOf(claims: JWTPayload, name: string): unknown {
  if (name in claims) return claims[name];
  return name.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), claims);
}

/** The known roles in a roles claim: an array, or a string of roles separated by spaces or commas. Unknown roles are dropped. */
export function rollenUit(claims: JWTPayload, claimName: string): Rol[] {
  const raw = claimOf(claims, claimName);
  const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const known = values.filter((v): v is Rol => typeof v === 'string' && (ROLLEN as string[]).includes(v));
  return [...new Set(known)];
}
