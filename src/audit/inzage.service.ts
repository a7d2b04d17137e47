import { Inject, Injectable } from '@nestjs/common';
import type { HttpRequest } from '../http/http-types';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config';
import { Clock } from '../events/clock';
import { NewEvent } from '../events/envelope';
import { EventStore } from '../events/event-store';
import { KeyStore, pseudonym } from '../privacy/key-store';
import { TraceContext } from './trace-context';

export const INZAGE_PREFIX = 'inzage-';
/** Exports and queries of the event log (not about one trajectory) go to one stream. */
export const EXPORT_STREAM = 'inzage-export';
export const TRAJECT_INGEZIEN = 'TrajectIngezien';
export const GEBEURTENISSEN_GEEXPORTEERD = 'GebeurtenissenGeexporteerd';
/** A search for a person (`GET /trajecten?bsn=` or `?naam=`), in its own stream. */
export const ZOEK_STREAM = 'inzage-zoeken';
export const TRAJECTEN_GEZOCHT = 'TrajectenGezocht';
export const INZAGE_TYPES = [TRAJECT_INGEZIEN, GEBEURTENISSEN_GEEXPORTEERD, TRAJECTEN_GEZOCHT];

export interface Lezer {
  sub: string;
  rol: string;
}

/** Who reads: the authenticated user the auth guard put on the request (as RequestActor). */
export function lezerOf(req: HttpRequest): Lezer {
  const user = req.user;
  return { sub: user?.sub ?? 'anoniem', rol: user?.rol ?? 'onbekend' };
}

export interface Inzage {
  lezer: Lezer;
  trace: TraceContext;
  /** Method and route template, e.g. `GET /api/v1/trajecten/:id/tijdlijn`. */
  endpoint: string;
  correlationId: string;
}

/**
 * The access log, in the event store itself (streams `inzage-<trajectId>` and `inzage-export`), so it is as durable
 * and tamper-evident (hash chain) as the case events. An entry follows the Logboek Dataverwerkingen: trace and span
 * ids, the processing activity, and a pseudonymised data subject (an HMAC of the trajectory id, never the BSN).
 * Appending is awaited before the data is answered: when the log cannot be written, the read fails.
 */
@Injectable()
export class InzageService {
  private readonly secret: Buffer;
  private readonly pseudonyms = new Map<string, string>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    keys: KeyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secret = config.pseudonymSecret ? Buffer.from(config.pseudonymSecret, 'utf8') : keys.deriveSecret('inzage-pseudoniem');
  }

  /** The data subject as the access log names it: stable per trajectory, meaningless without the secret. */
  dataSubjectId(trajectId: string): string {
    let id = this.pseudonyms.get(trajectId);
    if (id === undefined) {
      id = pseudonym(this.secret, trajectId);
      // Bounded: the oldest out. (An HMAC per read was ~1% of a read's CPU; the same trajectory is read again and again.)
      if (this.pseudonyms.size >= 10_000) this.pseudonyms.delete(this.pseudonyms.keys().next().value as string);
      this.pseudonyms.set(trajectId, id);
    }
    return id;
  }

  async trajectIngezien(trajectId: string, inzage: Inzage): Promise<void> {
    await this.store.append(`${INZAGE_PREFIX}${trajectId}`, [this.entry(TRAJECT_INGEZIEN, 'traject-inzien', inzage, { trajectId })], 'any');
  }

  async gebeurtenissenGeexporteerd(inzage: Inzage, formaat: string, selectie: Record<string, unknown>): Promise<void> {
    const trajectId = typeof selectie.traject === 'string' ? selectie.traject : null;
    await this.store.append(EXPORT_STREAM, [
      this.entry(GEBEURTENISSEN_GEEXPORTEERD, 'gebeurtenissen-exporteren', inzage, { trajectId, formaat, selectie }),
    ], 'any');
  }

  /**
   * A search for a person: who searched, for what and which trajectories the answer showed. The search terms are
   * personal data, so they are logged as keyed hashes (the BSN as the index keys it), never in clear: compliance can
   * still answer "who searched for this BSN" by hashing it the same way.
   */
  async trajectenGezocht(inzage: Inzage, zoekopdracht: Record<string, unknown>, gevonden: string[], totaal: number): Promise<void> {
    await this.store.append(ZOEK_STREAM, [
      this.entry(TRAJECTEN_GEZOCHT, 'trajecten-zoeken', inzage, { trajectId: null, zoekopdracht, gevonden, totaal }),
    ], 'any');
  }

  private entry(type: string, name: string, i: Inzage, extra: { trajectId: string | null } & Record<string, unknown>): NewEvent {
    const now = this.clock.now();
    return {
      eventId: randomUUID(),
      type,
      data: {
        trace_id: i.trace.traceId,
        span_id: i.trace.spanId,
        parent_span_id: i.trace.parentSpanId,
        name,
        start_time: now.toISOString(),
        status_code: 'OK',
        processing_activity_id: this.config.processingActivityId,
        data_subject_id: extra.trajectId ? this.dataSubjectId(extra.trajectId) : null,
        data_subject_id_type: extra.trajectId ? 'traject-pseudoniem' : null,
        actor: i.lezer,
        endpoint: i.endpoint,
        ...extra,
      },
      metadata: {
        actor: { id: i.lezer.sub, rol: i.lezer.rol },
        correlationId: i.correlationId,
        causationId: null,
        datum: this.clock.today(),
        recordedAt: now.toISOString(),
        schemaVersion: 1,
      },
    };
  }
}
