import { Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import { PROJECTIONS_DB } from '../projections/projections-db';
import { DUO_CONFIG, DuoConfig } from './duo-config';
import { DUO_AFLEVERING, DUO_BERICHTEN, DUO_NOTIFICATIES, maakAfleveringTabel } from './duo.projections';

/** `geweigerd`: DUO's rules refuse it, so it was not sent; `geweigerd-door-duo`: sent and refused by DUO. */
export type Berichtstatus = 'wachtend' | 'verzonden' | 'geweigerd' | 'geweigerd-door-duo';

const STATUS_SQL = `CASE WHEN b.weigering IS NOT NULL THEN 'geweigerd' ELSE COALESCE(a.status, 'wachtend') END`;
const BERICHT_SQL = `
  SELECT b.bericht_id AS berichtId, b.traject, b.operatie, b.methode, b.pad, b.body, b.datum, b.aangemaakt_op AS aangemaaktOp,
    ${STATUS_SQL} AS status, COALESCE(b.weigering, a.fout) AS reden, COALESCE(a.pogingen, 0) AS pogingen,
    a.volgende_poging AS volgendePoging, a.verzonden_op AS verzondenOp, a.http_status AS httpStatus
  FROM ${DUO_BERICHTEN} b LEFT JOIN ${DUO_AFLEVERING} a ON a.bericht_id = b.bericht_id`;

interface BerichtRij {
  berichtId: string; traject: string; operatie: string; methode: string; pad: string; body: string; datum: string | null;
  aangemaaktOp: string; status: Berichtstatus; reden: string | null; pogingen: number; volgendePoging: string | null;
  verzondenOp: string | null; httpStatus: number | null;
}

/** The DUO exchange as the case worker sees it; BSNs are masked in the paths shown. */
const toon = ({ body, pad, ...r }: BerichtRij) => ({ ...r, pad: pad.replace(/\/personen\/\d{9}\//, '/personen/{bsn}/'), inhoud: JSON.parse(body) });

type NotificatieRij = Record<string, unknown> & { feit: string | null };
/** DUO's fact beside the case's (SS102, SS124/SS125), when the processor recorded one. */
const metFeit = ({ feit, ...r }: NotificatieRij) => ({ ...r, ...(feit ? { feit: JSON.parse(feit) as unknown } : {}) });

@Injectable()
export class DuoOverzicht {
  constructor(@Inject(PROJECTIONS_DB) private readonly db: Database.Database, @Inject(DUO_CONFIG) private readonly config: DuoConfig) {
    maakAfleveringTabel(db);
  }

  private tabel(naam: string): boolean {
    return !!this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(naam);
  }

  traject(id: string) {
    const berichten = this.tabel(DUO_BERICHTEN)
      ? (this.db.prepare(`${BERICHT_SQL} WHERE b.traject = ? ORDER BY b.volgorde`).all(id) as BerichtRij[]).map(toon) : [];
    const notificaties = this.tabel(DUO_NOTIFICATIES)
      ? (this.db.prepare(`SELECT bericht_id AS berichtId, gebeurtenis AS gebeurtenisId, registratie AS registratieDatumTijd, ontvangen_op AS ontvangenOp,
          uitkomst, toelichting, feit FROM ${DUO_NOTIFICATIES} WHERE traject = ? ORDER BY positie`).all(id) as NotificatieRij[]).map(metFeit) : [];
    return { koppeling: this.config.baseUrl ? 'aan' : 'uit', berichten, notificaties };
  }

  dashboard(status?: Berichtstatus) {
    const berichten = this.tabel(DUO_BERICHTEN)
      ? (this.db.prepare(`SELECT * FROM (${BERICHT_SQL}) WHERE (@status IS NULL OR status = @status) ORDER BY aangemaaktOp DESC LIMIT 500`)
        .all({ status: status ?? null }) as BerichtRij[]).map(toon) : [];
    const telling = this.tabel(DUO_BERICHTEN)
      ? Object.fromEntries((this.db.prepare(`SELECT status, COUNT(*) AS n FROM (${BERICHT_SQL}) GROUP BY status`).all() as { status: string; n: number }[]).map((r) => [r.status, r.n]))
      : {};
    // Notifications that ask for a case worker: not (yet) applied, refused, without a trajectory, or differing from the case.
    const notificaties = this.tabel(DUO_NOTIFICATIES)
      ? (this.db.prepare(`SELECT bericht_id AS berichtId, gebeurtenis AS gebeurtenisId, registratie AS registratieDatumTijd, ontvangen_op AS ontvangenOp,
          uitkomst, traject, toelichting, feit FROM ${DUO_NOTIFICATIES}
          WHERE uitkomst IN ('ontvangen', 'geweigerd', 'niet-gevonden', 'onbekende-gebeurtenis', 'aandacht') ORDER BY positie DESC LIMIT 500`).all() as NotificatieRij[]).map(metFeit) : [];
    return { koppeling: this.config.baseUrl ? 'aan' : 'uit', telling, berichten, notificaties };
  }
}
