import type { FastifyRequest } from 'fastify';
import { Gebruiker } from './gebruiker';
import { SleutelsOnbereikbaar, TokenGeweigerd, TokenVerifier } from './token-verifier';

/** Who sent a request, decided once: by the rate limit before the body is read, reused by the guard. */
export interface Verdict {
  user?: Gebruiker;
  /** Why a token that was sent is refused (401 on a protected endpoint). */
  weigering?: string;
  /** The identity provider's keys could not be had (503 on a protected endpoint). */
  onbereikbaar?: SleutelsOnbereikbaar;
}

type WithVerdict = FastifyRequest & { authVerdict?: Promise<Verdict> };

/** The request's verdict, computed on first use (one verification per request). */
export function identify(req: FastifyRequest, verifier: TokenVerifier): Promise<Verdict> {
  const r = req as WithVerdict;
  r.authVerdict ??= verdictOf(req.headers.authorization, verifier);
  return r.authVerdict;
}

async function verdictOf(header: string | undefined, verifier: TokenVerifier): Promise<Verdict> {
  if (header === undefined) return {};
  const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  if (!m) return { weigering: 'De Authorization-header moet "Bearer <JWT>" zijn' };
  try {
    const identity = await verifier.verify(m[1]);
    // A copy per request: the verified identity is shared with every request carrying the same token.
    return { user: { ...identity, rollen: [...identity.rollen], rol: identity.rollen[0] ?? 'onbekend' } };
  } catch (err) {
    if (err instanceof TokenGeweigerd) return { weigering: err.message };
    if (err instanceof SleutelsOnbereikbaar) return { onbereikbaar: err };
    throw err;
  }
}
