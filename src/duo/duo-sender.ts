import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { Subscription, filter } from 'rxjs';
import { PROJECTIONS_DB } from '../projections/projections-db';
import { ProjectionRunner } from '../projections/runner';
import { DuoClient } from './duo-client';
import { DUO_CONFIG, DuoConfig } from './duo-config';
import { DUO_AFLEVERING, DUO_BERICHTEN, maakAfleveringTabel } from './duo.projections';
import { BSN_PLEK } from './berichten';
import { TrajectRepository } from '../trajectories/core/traject-repository';

export type Afleverstatus = 'wachtend' | 'verzonden' | 'geweigerd-door-duo';

interface Open {
  bericht_id: string;
  traject: string;
  methode: 'POST' | 'PUT';
  pad: string;
  body: string;
  pogingen: number | null;
  volgende_poging: string | null;
}

/** DUO refuses these for good (its rules, its authorisation, an unknown person): retrying cannot help. */
const WEIGERING = new Set([400, 403, 404, 409, 422]);

/** Back-off after `pogingen` failed attempts: doubling from min, capped at max. */
export const wachttijd = (pogingen: number, minMs: number, maxMs: number): number => Math.min(maxMs, minMs * 2 ** Math.max(0, pogingen - 1));

/**
 * Delivers the outbox to DUO. Per trajectory strictly in order (DUO's PUTs replace totals: a later one must not
 * overtake an earlier one); a transient failure (network, 5xx, 429, 401) is retried with back-off, a refusal by
 * DUO is recorded and not retried. The delivery is recorded after DUO's answer: a crash in between sends the
 * message again with the same BerichtId (at-least-once on the wire, once at DUO by BerichtId).
 */
@Injectable()
export class DuoSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DuoSender');
  private timer?: NodeJS.Timeout;
  private subscription?: Subscription;
  private bezig?: Promise<number>;
  private opnieuw = false;
  private gestopt = false;

  constructor(
    @Inject(DUO_CONFIG) private readonly config: DuoConfig,
    @Inject(PROJECTIONS_DB) private readonly db: Database.Database,
    private readonly runner: ProjectionRunner,
    private readonly client: DuoClient,
    private readonly trajecten: TrajectRepository,
  ) {
    maakAfleveringTabel(db);
  }

  onApplicationBootstrap(): void {
    if (!this.config.baseUrl) return;
    this.subscription = this.runner.updates$.pipe(filter((u) => u.projection === 'duo-outbox')).subscribe(() => void this.ronde());
    const tik = () => {
      if (this.gestopt) return;
      void this.ronde().finally(() => { if (!this.gestopt) this.timer = setTimeout(tik, this.config.intervalMs); });
    };
    tik();
  }

  async onApplicationShutdown(): Promise<void> {
    this.gestopt = true;
    this.subscription?.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    await this.bezig?.catch(() => 0);
    await this.client.close();
  }

  /** One pass over what is due; returns the number of messages delivered or refused. Concurrent calls coalesce. */
  ronde(): Promise<number> {
    if (this.bezig) {
      this.opnieuw = true;
      return this.bezig;
    }
    this.bezig = (async () => {
      let totaal = 0;
      do {
        this.opnieuw = false;
        totaal += await this.eenRonde();
      } while (this.opnieuw && !this.gestopt);
      return totaal;
    })().finally(() => (this.bezig = undefined));
    return this.bezig;
  }

  private async eenRonde(): Promise<number> {
    const nu = new Date().toISOString();
    // The first open message of each trajectory, in log order; it is sent when due.
    const open = this.db.prepare(`
      SELECT b.bericht_id, b.traject, b.methode, b.pad, b.body, a.pogingen, a.volgende_poging
      FROM ${DUO_BERICHTEN} b LEFT JOIN ${DUO_AFLEVERING} a ON a.bericht_id = b.bericht_id
      WHERE b.weigering IS NULL AND (a.status IS NULL OR a.status = 'wachtend')
      ORDER BY b.volgorde LIMIT 500`).all() as Open[];
    const gezien = new Set<string>();
    let klaar = 0;
    for (const m of open) {
      if (this.gestopt) break;
      if (gezien.has(m.traject)) continue;
      gezien.add(m.traject);
      if (m.volgende_poging && m.volgende_poging > nu) continue;
      if (await this.lever(m)) klaar++;
    }
    return klaar;
  }

  /** The message's path with the person's BSN, read from the case (decrypted) at the moment of sending. */
  private async metBsn(m: Open): Promise<string | null> {
    if (!m.pad.includes(BSN_PLEK)) return m.pad;
    const { state } = await this.trajecten.load(m.traject);
    const bsn = (state.context as { persoon?: { bsn?: unknown } }).persoon?.bsn;
    return typeof bsn === 'string' && /^\d{9}$/.test(bsn) ? m.pad.replace(BSN_PLEK, bsn) : null;
  }

  private async lever(m: Open): Promise<boolean> {
    const pogingen = (m.pogingen ?? 0) + 1;
    let status: Afleverstatus;
    let httpStatus: number | null = null;
    let fout: string | null = null;
    try {
      const pad = await this.metBsn(m);
      if (!pad) throw new GeenBsn();
      const antwoord = await this.client.verstuur(m.methode, pad, m.bericht_id, JSON.parse(m.body));
      httpStatus = antwoord.status;
      if (antwoord.status >= 200 && antwoord.status < 300) status = 'verzonden';
      else if (WEIGERING.has(antwoord.status)) {
        status = 'geweigerd-door-duo';
        fout = foutTekst(antwoord.body) ?? `HTTP ${antwoord.status}`;
      } else {
        status = 'wachtend';
        fout = `HTTP ${antwoord.status}${foutTekst(antwoord.body) ? `: ${foutTekst(antwoord.body)}` : ''}`;
      }
    } catch (err) {
      // Erased since it was queued: there is no BSN to report under any more, and there never will be.
      status = err instanceof GeenBsn ? 'geweigerd-door-duo' : 'wachtend';
      fout = String((err as Error).message ?? err);
    }
    const nu = new Date();
    const volgende = status === 'wachtend' ? new Date(nu.getTime() + wachttijd(pogingen, this.config.backoffMinMs, this.config.backoffMaxMs)).toISOString() : null;
    if (status === 'wachtend') this.logger.warn(`Bericht ${m.bericht_id} niet afgeleverd (poging ${pogingen}): ${fout}; opnieuw na ${volgende}`);
    if (status === 'geweigerd-door-duo') this.logger.warn(`Bericht ${m.bericht_id} geweigerd door DUO: ${fout}`);
    this.db.prepare(`
      INSERT INTO ${DUO_AFLEVERING} (bericht_id, status, pogingen, volgende_poging, http_status, fout, verzonden_op, bijgewerkt_op)
      VALUES (@id, @status, @pogingen, @volgende, @httpStatus, @fout, @verzonden, @nu)
      ON CONFLICT(bericht_id) DO UPDATE SET status = excluded.status, pogingen = excluded.pogingen, volgende_poging = excluded.volgende_poging,
        http_status = excluded.http_status, fout = excluded.fout, verzonden_op = excluded.verzonden_op, bijgewerkt_op = excluded.bijgewerkt_op`)
      .run({ id: m.bericht_id, status, pogingen, volgende, httpStatus, fout, verzonden: status === 'wachtend' ? null : nu.toISOString(), nu: nu.toISOString() });
    return status !== 'wachtend';
  }
}

function foutTekst(body: unknown): string | undefined {
  if (Array.isArray(body)) return body.map((f) => (f as { fouttekst?: string }).fouttekst).filter(Boolean).join('; ') || undefined;
  if (body && typeof body === 'object' && 'fouttekst' in body) return String((body as { fouttekst: unknown }).fouttekst);
  return typeof body === 'string' && body ? body.slice(0, 200) : undefined;
}

class GeenBsn extends Error {
  constructor() {
    super('Geen BSN meer bij het traject (persoonsgegevens gewist): niet verzonden');
  }
}
