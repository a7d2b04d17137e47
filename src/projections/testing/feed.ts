import Database from 'better-sqlite3';
import { StoredEvent } from '../../events/envelope';
import { EventStore } from '../../events/event-store';
import { plusDagen, plusJaren } from '../../trajectories/core/kalender';
import { AnyMachineSnapshot } from 'xstate';
import { InburgeringContext, KINDS, initialSnapshot, metGevolgen, step } from '../../trajectories';
import { Projection } from '../projection';
import { openProjectionsDb } from '../projections-db';
import { ProjectionRunner } from '../runner';
import { sqlOver } from '../reader';

/**
 * Projections over an in-memory read-model database, fed stored events one by one as the runner would. After each
 * inburgering fact it records the deadline facts through the decider's own step (`metGevolgen`), so a spec's stream
 * is what the command path would write; pass `{ termijnen: false }` as the first argument to feed only the events given.
 */
export function feed(...args: (Projection | { termijnen: boolean })[]) {
  const opties = args[0] && !('handle' in args[0]) ? (args.shift() as { termijnen: boolean }) : { termijnen: true };
  const projections = args as Projection[];
  const inburgering = KINDS.inburgering;
  const snapshots = new Map<string, AnyMachineSnapshot>();
  const db: Database.Database = openProjectionsDb(':memory:');
  const runner = new ProjectionRunner({} as EventStore, db, projections);
  let position = 0;
  const versions = new Map<string, number>();
  const read = sqlOver(db).reader;
  const api = {
    db,
    read,
    /** Appends to `stream` (`traject-<id>` when a bare id is given) and applies it to every projection. */
    on(stream: string, type: string, data: Record<string, unknown>, datum = (data.datum ?? data.ingangsdatum ?? '2025-01-01') as string) {
      const streamId = /^(traject|privacy|inzage)-/.test(stream) ? stream : `traject-${stream}`;
      const voor = snapshots.get(streamId) ?? (type === 'InburgeraarGeregistreerd' && data.soort !== 'ondertussen' ? initialSnapshot(inburgering) : undefined);
      if (!opties.termijnen || !voor) return api.raw(streamId, type, data, datum);
      const feit = { type, data, datum } as never;
      const events = type.startsWith('Termijn') ? [feit] : metGevolgen(inburgering, voor, [feit], datum);
      let na = voor;
      for (const e of events) {
        na = step(inburgering, na, e);
        api.raw(streamId, e.type, e.data as Record<string, unknown>, e.datum);
      }
      snapshots.set(streamId, na);
      return api;
    },
    /** Appends exactly this event. */
    raw(stream: string, type: string, data: Record<string, unknown>, datum: string) {
      const streamId = /^(traject|privacy|inzage)-/.test(stream) ? stream : `traject-${stream}`;
      const version = (versions.get(streamId) ?? 0) + 1;
      versions.set(streamId, version);
      const event: StoredEvent = {
        eventId: `${streamId}-${version}`, type, data, streamId, version, position: ++position,
        metadata: { actor: { id: 'kim', rol: 'klantmanager' }, correlationId: 'c', causationId: null, datum, recordedAt: '2025-01-01T00:00:00Z', schemaVersion: 1 },
      };
      for (const p of projections) runner.apply(p, [event]);
      return api;
    },
    /** The trajectory's context as the slice folds it (recorded deadlines included), for comparing with the view. */
    context(traject: string): InburgeringContext {
      return snapshots.get(`traject-${traject}`)!.context as InburgeringContext;
    },
    /** `PersoonsgegevensGewist` for a trajectory, as the privacy service records it. */
    wis(traject: string, velden = ['InburgeraarGeregistreerd.persoon']) {
      return api.on(`privacy-${traject}`, 'PersoonsgegevensGewist', { trajectId: traject, veldgroepen: ['persoon'], velden, reden: 'test' }, '2025-06-01');
    },
    rows(table: string, where = '1 = 1', params: unknown[] = []) {
      return db.prepare(`SELECT * FROM ${table} WHERE ${where}`).all(...params) as Record<string, any>[];
    },
  };
  return api;
}

export const PERSOON = { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw' };
export const registratie = (extra: Record<string, unknown> = {}) => ({
  soort: 'inburgering', doelgroep: 'asielstatushouder', persoon: PERSOON, datum: '2025-01-15', datumKoppeling: '2025-01-10',
  datumMeldingDuo: '2025-01-15', consulent: 'kim', ...extra,
});
export const bevindingen = { opleiding: 'mbo', werkervaring: 'kapper', gezondheid: 'goed', kinderenVve: 'n.v.t.' };
export const pipData = (datum: string, leerroute = 'b1', start = plusDagen(datum, 1)) => ({
  datum, leerroute, voortgangsgesprekken: 2, participatieactiviteiten: [], map: leerroute === 'onderwijsroute' ? 'niet-van-toepassing' : 'van-toepassing',
  inburgeringstermijn: { start, eind: plusJaren(start, 3) },
});
