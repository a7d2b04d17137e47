import { StoredEvent } from '../events/envelope';
import { Change, Projection, ProjectionReader, perBatch } from '../projections/projection';
import { Rijen } from '../projections/rijen';
import { idOfStream, upcast } from '../trajectories';
import { BERICHT_FEITEN, DuoStand, berichtenVoor, nieuweStand } from './berichten';
import { TRAJECTEN, TRAJECTEN_ZOEK } from '../projections/trajecten.projection';
import { ProjectieSleutels } from '../projections/zoeksleutels';
import { DUO_NOTIFICATIES_STREAM, DuoNotificatieOntvangenData, DuoNotificatieVerwerktData } from './notificatie-events';

/** The DUO slice's own BSN index until version 2 of the notifications; dropped at start (one BSN index: the list's). */
export const OUDE_DUO_BSN = 'ie_p_duo_bsn';
export const DUO_STAND = 'ie_p_duo_outbox_stand';
export const DUO_BERICHTEN = 'ie_p_duo_outbox_berichten';
/**
 * The sender's record of delivery. Deliberately not one of the outbox projection's `tables`: a rebuild re-derives the
 * same messages with the same BerichtIds and finds them delivered, so a rebuild never sends a message twice.
 */
export const DUO_AFLEVERING = 'ie_duo_aflevering';
export const DUO_NOTIFICATIES = 'ie_p_duo_notificaties';

/** The delivery record lives beside the read models but is no projection's table (created by the sender and the overview). */
export const maakAfleveringTabel = (db: { exec(sql: string): unknown }): void => {
  db.exec(`CREATE TABLE IF NOT EXISTS ${DUO_AFLEVERING} (
    bericht_id TEXT PRIMARY KEY, status TEXT NOT NULL, pogingen INTEGER NOT NULL, volgende_poging TEXT,
    http_status INTEGER, fout TEXT, verzonden_op TEXT, bijgewerkt_op TEXT NOT NULL)`);
};

/**
 * The one BSN index (the list's `ie_p_trajecten_zoek`, keyed by PROJECTIE_SLEUTELS' HMAC): the trajectory DUO's
 * notifications are about. An ondertussen-trajectory is no inburgeringsplicht; of several, the one still running,
 * then the latest registered. The caller makes sure the `trajecten` projection has seen the log (NotificatieVerwerker).
 */
export const trajectBijBsn = (read: ProjectionReader, sleutels: ProjectieSleutels, bsn: string): string | undefined =>
  read.get<{ id: string }>(
    `SELECT z.id FROM ${TRAJECTEN_ZOEK} z JOIN ${TRAJECTEN} t ON t.id = z.id
     WHERE z.bsn_sleutel = ? AND t.soort <> 'ondertussen'
     ORDER BY t.datum_einde IS NOT NULL, t.datum_registratie DESC, z.rowid DESC LIMIT 1`, [sleutels.bsnSleutel(bsn)])?.id;

/**
 * The outbox: every message for DUO that the trajectories' facts cause, in log order, with its stable BerichtId.
 * A message DUO's rules refuse is stored with its reason and never sent (berichten.ts decides). With the connection
 * off (`aan` false) it keeps only what DUO's rules need per trajectory and queues nothing: switched on later, it
 * reports the facts from then on.
 */
// Each statement's text built once (the runner finds its prepared statement by the text: no string to build and hash per row).
const SELECT_STAND = `SELECT stand FROM ${DUO_STAND} WHERE traject = ?`;
const UPSERT_STAND = `INSERT INTO ${DUO_STAND} (traject, stand) VALUES (?, ?) ON CONFLICT(traject) DO UPDATE SET stand = excluded.stand`;
const INSERT_BERICHT = `INSERT OR IGNORE INTO ${DUO_BERICHTEN} (bericht_id, volgorde, traject, operatie, methode, pad, body, weigering, datum, aangemaakt_op)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export const duoOutboxProjection = (aan: boolean): Projection => ({
  name: 'duo-outbox',
  // 2: the stand keeps no BSN, the paths carry its place ({bsn}).
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS ${DUO_STAND} (traject TEXT PRIMARY KEY, stand TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${DUO_BERICHTEN} (
      bericht_id TEXT PRIMARY KEY, volgorde INTEGER NOT NULL, traject TEXT NOT NULL, operatie TEXT NOT NULL,
      methode TEXT NOT NULL, pad TEXT NOT NULL, body TEXT NOT NULL, weigering TEXT, datum TEXT, aangemaakt_op TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS ${DUO_BERICHTEN}_traject ON ${DUO_BERICHTEN}(traject, volgorde);
    CREATE INDEX IF NOT EXISTS ${DUO_BERICHTEN}_volgorde ON ${DUO_BERICHTEN}(volgorde);`,
  tables: [DUO_STAND, DUO_BERICHTEN],
  byTrajectory: true,
  // Every other fact leaves the stand as it was and causes no message (berichten.ts).
  types: BERICHT_FEITEN,
  // The stand is read (parsed) and written once per batch (rijen.ts), when it changed; messages are queued as they come.
  ...perBatch((events, read) => {
    const standen = new Rijen<{ stand: DuoStand; json?: string }>(read, DUO_STAND,
      (r, traject) => {
        const rij = r.get<{ stand: string }>(SELECT_STAND, [traject]);
        return rij && { stand: JSON.parse(rij.stand), json: rij.stand };
      },
      (traject, { stand }, bron) => {
        const json = JSON.stringify(stand);
        return json === bron?.json ? null
          : { sql: UPSERT_STAND, params: [traject, json] };
      });
    const changes: Change[] = [];
    for (const e of events) {
      if (!e.streamId.startsWith('traject-')) continue;
      const traject = idOfStream(e.streamId);
      // The row's stand is changed in place (one copy per row and batch, see Rijen.bewerk; written when its JSON changed).
      let rij = standen.bewerk(traject);
      if (!rij) {
        if (e.type !== 'InburgeraarGeregistreerd') continue;
        standen.set(traject, (rij = { stand: nieuweStand() }));
      }
      const feit = upcast(e);
      const { berichten } = berichtenVoor(rij.stand, { eventId: e.eventId, type: feit.type, data: feit.data as Record<string, unknown> }, { ids: aan, terPlaatse: true });
      if (aan) berichten.forEach((b, i) => changes.push({
        sql: INSERT_BERICHT,
        params: [b.berichtId, e.position * 16 + i, traject, b.operatie, b.methode, b.pad, JSON.stringify(b.body), b.weigering ?? null,
          e.metadata.datum ?? null, e.metadata.recordedAt],
      }));
    }
    return [...changes, ...standen.changes()];
  }),
});

/**
 * Each notification DUO sent and what became of it (the dashboard's and the processor's work list). No BSN, nor a
 * hash of it: the processor reads who it is about from the event, decrypted, when it applies it.
 */
export const duoNotificatiesProjection: Projection = {
  name: 'duo-notificaties',
  // 2: without bsn_hash (version 2 of DuoNotificatieOntvangen encrypts who it is about; one BSN index); with feit.
  version: 2,
  schema: `CREATE TABLE IF NOT EXISTS ${DUO_NOTIFICATIES} (
    bericht_id TEXT PRIMARY KEY, positie INTEGER NOT NULL, gebeurtenis TEXT NOT NULL, registratie TEXT NOT NULL,
    ontvangen_op TEXT NOT NULL, uitkomst TEXT NOT NULL, traject TEXT, toelichting TEXT, feit TEXT);
    CREATE INDEX IF NOT EXISTS ${DUO_NOTIFICATIES}_uitkomst ON ${DUO_NOTIFICATIES}(uitkomst, positie);
    CREATE INDEX IF NOT EXISTS ${DUO_NOTIFICATIES}_traject ON ${DUO_NOTIFICATIES}(traject);`,
  tables: [DUO_NOTIFICATIES],
  byTrajectory: true,
  types: ['DuoNotificatieOntvangen', 'DuoNotificatieVerwerkt'],
  handle(e: StoredEvent): Change[] {
    if (e.streamId !== DUO_NOTIFICATIES_STREAM) return [];
    if (e.type === 'DuoNotificatieOntvangen') {
      // Both versions keep gebeurtenisId and registratieDatumTijd in `notificatie`.
      const d = e.data as unknown as DuoNotificatieOntvangenData;
      return [{
        sql: `INSERT OR IGNORE INTO ${DUO_NOTIFICATIES} (bericht_id, positie, gebeurtenis, registratie, ontvangen_op, uitkomst)
              VALUES (?, ?, ?, ?, ?, 'ontvangen')`,
        params: [d.berichtId, e.position, d.notificatie.gebeurtenisId, d.notificatie.registratieDatumTijd, e.metadata.recordedAt],
      }];
    }
    if (e.type === 'DuoNotificatieVerwerkt') {
      const d = e.data as unknown as DuoNotificatieVerwerktData;
      return [{
        sql: `UPDATE ${DUO_NOTIFICATIES} SET uitkomst = ?, traject = ?, toelichting = ?, feit = ? WHERE bericht_id = ?`,
        params: [d.uitkomst, d.traject ?? null, d.toelichting ?? null, d.feit ? JSON.stringify(d.feit) : null, d.berichtId],
      }];
    }
    return [];
  },
};
