import addFormats from 'ajv-formats';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import OpenAPIBackend, { Context, Request as OasRequest } from 'openapi-backend';

/** DUO's published contract, copied into the repository (contracts/duo, see its ORIGIN.md). */
export const DUO_CONTRACT_DIR = join(__dirname, '..', '..', 'contracts', 'duo', 'API');
/** The APIs a municipality calls at DUO (the Notificatie API is the municipality's side). */
export const DUO_APIS = [
  'PIP', 'MAP-PVT-Zroute', 'GevolgdeUren', 'Examen', 'Inburgeringstermijn', 'Inburgeringsplicht', 'Vrijstelling',
  'Ontheffing', 'Leerbaarheidstoets', 'Inburgeringsaanbod', 'Contactpersoon',
] as const;

/** One request the stand-in received, valid or not. */
export interface Ontvangen {
  berichtId: string | null;
  methode: string;
  pad: string;
  operationId: string | null;
  headers: Record<string, string>;
  body: unknown;
  geldig: boolean;
  fouten: string[];
  /** The HTTP status answered. */
  status: number;
  /** A BerichtId seen before (a redelivery): answered as the first time, not registered again. */
  herhaling: boolean;
  ontvangenOp: string;
}

export interface StandInOpties {
  port?: number;
  /** The base path of DUO_BASE_URL, e.g. `/v1`. */
  basePad?: string;
  /** Our app: where notifications go, and the token it accepts. */
  notificatieUrl?: string;
  notificatieToken?: string;
  oinDuo?: string;
  oinGemeente?: string;
  /** Answers each DUO request after this many ms (to kill the app while messages are in flight). */
  vertragingMs?: number;
}

/** What a GET answers per BSN (set by tests or the dev command): examenresultaten, inburgeringstermijn, doelgroep. */
export type Gegevens = Partial<Record<'getExamenresultatenByBsn' | 'getInburgeringstermijnByBsn' | 'getDoelgroepByBsn' | 'getInburgeringsplichtByBsn', unknown>>;

const API_VERSION: Record<string, string> = {};

export interface BrpPersoon {
  naam: string;
  geboortedatum: string;
  geslacht: 'man' | 'vrouw' | 'x';
  datumInschrijvingBrp?: string;
}

/**
 * A local DUO for tests and demos. Every request is matched and validated (path, headers, body) against DUO's own
 * OpenAPI files with openapi-backend (ajv, formats checked); an invalid request is answered 400 as DUO would, and
 * every request is recorded. A BerichtId seen before is answered as the first time and counted as a redelivery.
 */
export class DuoStandIn {
  private server?: Server;
  private apis: OpenAPIBackend[] = [];
  readonly ontvangen: Ontvangen[] = [];
  private readonly gegevens = new Map<string, Gegevens>();
  /** The municipality's BRP as Haal Centraal "BRP Personen bevragen" answers it (not DUO's: no DUO file to validate it). */
  private readonly brp = new Map<string, BrpPersoon>();
  /** The next n writes are answered with this status (to exercise retries and refusals). */
  private storingen: { status: number; aantal: number; fouttekst?: string }[] = [];
  private readonly beantwoord = new Map<string, number>();
  url = '';

  constructor(private readonly opties: StandInOpties = {}) {}

  /** Where `notificeer` sends DUO's notifications: the app's Notificatie API, once the app listens on `port`. */
  notificeerApp(port: number): void {
    this.opties.notificatieUrl = `http://127.0.0.1:${port}/api/v1/duo/notificaties`;
  }

  get basePad(): string {
    return this.opties.basePad ?? '/v1';
  }

  async start(): Promise<string> {
    for (const naam of DUO_APIS) {
      const api = new OpenAPIBackend({
        definition: join(DUO_CONTRACT_DIR, naam, 'openapi.yml'),
        strict: true,
        // Compile each operation's validators on first use: eleven files at start-up are slow on a shared machine.
        quick: true,
        // DUO's patterns are written for JavaScript's non-unicode RegExp (e.g. `\,`).
        ajvOpts: { unicodeRegExp: false },
        validate: true,
        // openapi-backend ignores unknown formats by default: check date, date-time and uuid as DUO does.
        customizeAjv: (ajv) => addFormats(ajv as any) as any,
      });
      await api.init();
      API_VERSION[naam] = (api.definition.info as { version: string }).version;
      this.apis.push(api);
    }
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.opties.port ?? 0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.basePad}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** Registers what DUO knows of a BSN, answered by its GET operations. */
  zetGegevens(bsn: string, gegevens: Gegevens): void {
    this.gegevens.set(bsn, { ...this.gegevens.get(bsn), ...gegevens });
  }

  /** A person in the stand-in's BRP (served at /haalcentraal/api/brp/personen, BRP_API_URL = `brpUrl`). */
  zetPersoon(bsn: string, persoon: BrpPersoon): void {
    this.brp.set(bsn, persoon);
  }

  get brpUrl(): string {
    return this.url.slice(0, this.url.length - this.basePad.length) + '/haalcentraal/api/brp';
  }

  /** The next `aantal` writes answer `status` (503: retried by the sender; 400/403/404: a refusal). */
  storing(status: number, aantal = 1, fouttekst?: string): void {
    this.storingen.push({ status, aantal, fouttekst });
  }

  /** The writes DUO registered: valid, answered 2xx, each BerichtId once. */
  geregistreerd(): Ontvangen[] {
    return this.ontvangen.filter((o) => o.geldig && o.status < 300 && !o.herhaling && o.methode !== 'GET');
  }

  ongeldig(): Ontvangen[] {
    return this.ontvangen.filter((o) => !o.geldig);
  }

  /** Sends a notification to the app, with DUO's headers; returns the status and the API-Version header. */
  async notificeer(body: Record<string, unknown>, opties: { berichtId?: string; token?: string | null; headers?: Record<string, string> } = {}) {
    if (!this.opties.notificatieUrl) throw new Error('notificatieUrl is not set');
    const token = opties.token === undefined ? this.opties.notificatieToken : opties.token;
    const res = await fetch(this.opties.notificatieUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        bron: this.opties.oinDuo ?? '00000001800866472000',
        doel: this.opties.oinGemeente ?? '00000001001172773000',
        berichtid: opties.berichtId ?? randomUUID(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...opties.headers,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, apiVersion: res.headers.get('api-version'), body: await res.text() };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await lees(req);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname.startsWith('/_stand-in')) return this.beheer(req.method ?? 'GET', url, raw, res);
    if (url.pathname === '/haalcentraal/api/brp/personen' && req.method === 'POST') return this.brpVraag(raw, res);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v ?? '']));
    let body: unknown = undefined;
    const fouten: string[] = [];
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        fouten.push('body is geen JSON');
      }
    }
    const pad = url.pathname.startsWith(this.basePad) ? url.pathname.slice(this.basePad.length) : null;
    if (pad === null) fouten.push(`pad valt buiten het basispad ${this.basePad}`);
    const oasReq: OasRequest = { method: req.method ?? 'GET', path: pad ?? url.pathname, headers, query: Object.fromEntries(url.searchParams), body };
    const match = pad === null ? undefined : this.match(oasReq);
    if (pad !== null && !match) fouten.push(`geen operatie van DUO voor ${oasReq.method} ${pad}`);
    if (match) {
      const v = match.api.validateRequest(oasReq, match.operation);
      for (const e of v.errors ?? []) fouten.push(`${e.instancePath || ''} ${e.message ?? ''} ${JSON.stringify(e.params)}`.trim());
      const ct = headers['content-type'] ?? '';
      if (raw.length > 0 && !ct.startsWith('application/json')) fouten.push(`content-type ${ct} is geen application/json`);
    }
    const berichtId = headers['berichtid'] || null;
    const operationId = match?.operation.operationId ?? null;
    const herhaling = !!berichtId && fouten.length === 0 && this.beantwoord.has(berichtId);
    let status: number;
    let antwoord: unknown;
    if (fouten.length > 0) {
      status = match ? 400 : 404;
      antwoord = [{ fouttekst: fouten.join('; ').slice(0, 200) }];
    } else if (herhaling) {
      status = this.beantwoord.get(berichtId!)!;
    } else {
      const storing = req.method !== 'GET' ? this.storingen[0] : undefined;
      if (storing) {
        if (--storing.aantal <= 0) this.storingen.shift();
        status = storing.status;
        antwoord = storing.status < 500 ? [{ fouttekst: storing.fouttekst ?? 'Geweigerd door de stand-in' }] : undefined;
      } else if (req.method === 'GET') {
        const bsn = match!.params.bsn as string | undefined;
        const data = bsn ? this.gegevens.get(bsn)?.[operationId as keyof Gegevens] : undefined;
        status = data === undefined ? 404 : 200;
        antwoord = data;
      } else {
        status = req.method === 'POST' ? 201 : 200;
      }
      if (berichtId && req.method !== 'GET' && status < 500) this.beantwoord.set(berichtId, status);
    }
    this.ontvangen.push({
      berichtId, methode: oasReq.method, pad: pad ?? url.pathname, operationId, headers, body, geldig: fouten.length === 0,
      fouten, status, herhaling, ontvangenOp: new Date().toISOString(),
    });
    if (this.opties.vertragingMs) await new Promise((r) => setTimeout(r, this.opties.vertragingMs));
    res.statusCode = status;
    res.setHeader('API-Version', (match && API_VERSION[this.apiNaam(match.api)]) || '1.0.0');
    if (berichtId) res.setHeader('berichtId', berichtId);
    if (antwoord !== undefined) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(antwoord));
    } else res.end();
  }

  private apiNaam(api: OpenAPIBackend): string {
    return DUO_APIS[this.apis.indexOf(api)];
  }

  private match(req: OasRequest) {
    for (const api of this.apis) {
      const operation = api.matchOperation(req);
      if (operation) {
        const context = api.router.parseRequest(req, operation) as Context['request'];
        return { api, operation, params: context.params };
      }
    }
    return undefined;
  }

  private brpVraag(raw: string, res: ServerResponse): void {
    const vraag = JSON.parse(raw || '{}') as { type?: string; burgerservicenummer?: string[] };
    const personen = vraag.type === 'RaadpleegMetBurgerservicenummer'
      ? (vraag.burgerservicenummer ?? []).flatMap((bsn) => {
        const p = this.brp.get(bsn);
        return p ? [{ burgerservicenummer: bsn, naam: { volledigeNaam: p.naam }, geboorte: { datum: { type: 'Datum', datum: p.geboortedatum } },
          geslacht: { code: p.geslacht === 'man' ? 'M' : p.geslacht === 'vrouw' ? 'V' : 'O' },
          ...(p.datumInschrijvingBrp ? { datumInschrijvingInGemeente: { type: 'Datum', datum: p.datumInschrijvingBrp } } : {}) }] : [];
      })
      : [];
    res.statusCode = vraag.type === 'RaadpleegMetBurgerservicenummer' ? 200 : 400;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ type: vraag.type, personen }));
  }

  /** The dev command's control surface: what was received, DUO's data per BSN, and sending a notification. */
  private async beheer(methode: string, url: URL, raw: string, res: ServerResponse): Promise<void> {
    const json = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body, null, 2));
    };
    try {
      if (methode === 'GET' && url.pathname === '/_stand-in/ontvangen') return json(200, this.ontvangen);
      if (methode === 'PUT' && url.pathname.startsWith('/_stand-in/gegevens/')) {
        this.zetGegevens(url.pathname.split('/').pop()!, JSON.parse(raw));
        return json(200, this.gegevens.get(url.pathname.split('/').pop()!));
      }
      if (methode === 'PUT' && url.pathname.startsWith('/_stand-in/brp/')) {
        this.zetPersoon(url.pathname.split('/').pop()!, JSON.parse(raw));
        return json(200, this.brp.get(url.pathname.split('/').pop()!));
      }
      if (methode === 'POST' && url.pathname === '/_stand-in/notificaties') {
        const { berichtId, ...body } = JSON.parse(raw) as Record<string, unknown>;
        return json(200, await this.notificeer(body, { berichtId: berichtId as string | undefined }));
      }
      json(404, { fout: 'GET /_stand-in/ontvangen, PUT /_stand-in/gegevens/{bsn}, PUT /_stand-in/brp/{bsn}, POST /_stand-in/notificaties' });
    } catch (err) {
      json(400, { fout: String((err as Error).message) });
    }
  }
}

function lees(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const delen: Buffer[] = [];
    req.on('data', (d: Buffer) => delen.push(d));
    req.on('end', () => resolve(Buffer.concat(delen).toString('utf8')));
    req.on('error', reject);
  });
}
