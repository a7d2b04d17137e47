import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import { DuoConfig } from './duo-config';

/** The contract version each operation was built against (info.version of DUO's files), sent as `API-Version`. */
const API_VERSIE: Record<string, string> = {
  PIP: '1.2.0', map: '1.0.0', pvt: '1.0.0', zroute: '1.0.0', uren: '1.0.0', examens: '1.0.0', inburgeringstermijn: '1.0.0', doelgroep: '1.2.2',
};
const apiVersie = (pad: string): string => API_VERSIE[pad.split('/')[3] ?? ''] ?? '1.0.0';

export interface DuoAntwoord {
  status: number;
  body: unknown;
  apiVersion?: string;
}

/**
 * DUO over Digikoppeling REST: DUO's headers (Bron, Doel, BerichtId; contracts/duo/README.md "OIN") and the client
 * certificate (mutual TLS) from DUO_TLS_CERT/KEY/CA. One keep-alive agent; timeouts so a hung DUO is a retry.
 */
export class DuoClient {
  private readonly agent: Agent;

  constructor(private readonly config: DuoConfig) {
    const { cert, key, ca } = config.tls;
    this.agent = new Agent({
      connect: { ...(cert ? { cert: readFileSync(cert) } : {}), ...(key ? { key: readFileSync(key) } : {}), ...(ca ? { ca: readFileSync(ca) } : {}) },
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
  }

  verstuur(methode: 'POST' | 'PUT' | 'GET', pad: string, berichtId: string, body?: unknown): Promise<DuoAntwoord> {
    return this.vraag(methode, pad, berichtId, body);
  }

  /** A GET of DUO's facts (exam results, terms, doelgroep), with a fresh BerichtId. */
  haal(pad: string): Promise<DuoAntwoord> {
    return this.vraag('GET', pad, randomUUID());
  }

  private async vraag(methode: string, pad: string, berichtId: string, body?: unknown): Promise<DuoAntwoord> {
    if (!this.config.baseUrl) throw new Error('DUO_BASE_URL is niet gezet');
    const res = await request(this.config.baseUrl + pad, {
      method: methode as 'GET',
      dispatcher: this.agent,
      headers: {
        accept: 'application/json',
        bron: this.config.oinGemeente,
        doel: this.config.oinDuo,
        berichtId,
        'API-Version': apiVersie(pad),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const tekst = await res.body.text();
    let parsed: unknown = tekst;
    try {
      parsed = tekst ? JSON.parse(tekst) : undefined;
    } catch {
      /* DUO's error bodies are JSON; anything else is kept as text */
    }
    const v = res.headers['api-version'];
    return { status: res.statusCode, body: parsed, apiVersion: Array.isArray(v) ? v[0] : v };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
