import { HttpException } from '@nestjs/common';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, plus extension members (`errors`, `revisie`, `fase`, ...). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

/** Problem type URIs: stable identifiers, not meant to be dereferenced (RFC 9457 §3.1.1). */
const problemType = (slug: string) => `urn:inburgering-engine:probleem:${slug}`;

/** One title and type per status; a `type` never changes once published. */
export const PROBLEM_TYPES: Record<number, { type: string; title: string }> = {
  400: { type: problemType('ongeldige-invoer'), title: 'Ongeldige invoer' },
  401: { type: problemType('niet-geauthenticeerd'), title: 'Niet geauthenticeerd' },
  403: { type: problemType('geen-toegang'), title: 'Geen toegang' },
  404: { type: problemType('niet-gevonden'), title: 'Niet gevonden' },
  405: { type: problemType('methode-niet-toegestaan'), title: 'Methode niet toegestaan' },
  406: { type: problemType('niet-aanvaardbaar'), title: 'Gevraagd formaat niet beschikbaar' },
  409: { type: problemType('gelijktijdige-wijziging'), title: 'Gelijktijdige wijziging' },
  412: { type: problemType('verouderde-revisie'), title: 'Verouderde revisie' },
  413: { type: problemType('verzoek-te-groot'), title: 'Verzoek te groot' },
  415: { type: problemType('mediatype-niet-ondersteund'), title: 'Mediatype niet ondersteund' },
  422: { type: problemType('actie-geweigerd'), title: 'Actie niet toegestaan' },
  429: { type: problemType('te-veel-verzoeken'), title: 'Te veel verzoeken' },
  500: { type: problemType('interne-fout'), title: 'Interne fout' },
  503: { type: problemType('niet-beschikbaar'), title: 'Dienst niet beschikbaar' },
};

/** Extension members never override the standard ones (RFC 9457 §3.2): `status` is always the HTTP status. */
export function problemFor(status: number, detail: string, extensions: Record<string, unknown> = {}): Problem {
  const known = PROBLEM_TYPES[status] ?? { type: 'about:blank', title: `HTTP ${status}` };
  return { ...extensions, ...known, status, detail };
}

/**
 * An HTTP answer with extension members, for cases outside the domain vocabulary
 * (e.g. a 503 from /health). The global filter renders it as problem+json.
 */
export class ProblemException extends HttpException {
  constructor(status: number, detail: string, readonly extensions: Record<string, unknown> = {}) {
    super(detail, status);
    this.name = 'ProblemException';
  }
}
