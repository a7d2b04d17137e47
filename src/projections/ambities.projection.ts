import { StoredEvent } from '../events/envelope';
import { AmbitieFeiten, volgendeFeiten } from './ambities/feiten';
import { volgendeStap } from './inburgering-context';
import { Change, Projection, ProjectionReader } from './projection';
import { persoonsvelden, wissingUit } from './wissing';

export const AMBITIE_TRAJECTEN = 'ie_p_ambities_trajecten';

/**
 * The facts behind the Bossche ambitions and the national indicators (ambities.md), one row per inburgering
 * trajectory: the context folded with `reduce` (without personal data) and the facts derived from it
 * (ambities/feiten.ts). The figures themselves are computed at query time (ambities/bereken.ts), for any period.
 * Sex is the one personal field kept (ambition 6); it is blanked when the `persoon` is erased.
 */
export const ambitiesProjection: Projection = {
  name: 'ambities',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS ${AMBITIE_TRAJECTEN} (
      traject TEXT PRIMARY KEY, context TEXT NOT NULL, fase TEXT NOT NULL, feiten TEXT NOT NULL);`,
  tables: [AMBITIE_TRAJECTEN],

  handle(e: StoredEvent, read: ProjectionReader): Change[] {
    const wissing = wissingUit(e);
    if (wissing) {
      if (!wissing.geslacht) return [];
      const row = read.get<{ feiten: string }>(`SELECT feiten FROM ${AMBITIE_TRAJECTEN} WHERE traject = ?`, [wissing.trajectId]);
      if (!row) return [];
      const feiten: AmbitieFeiten = { ...JSON.parse(row.feiten), geslacht: null };
      return [{ sql: `UPDATE ${AMBITIE_TRAJECTEN} SET feiten = ? WHERE traject = ?`, params: [JSON.stringify(feiten), wissing.trajectId] }];
    }
    // One read gives the fold and the facts before this event.
    const vorig: { feiten?: AmbitieFeiten } = {};
    const stap = volgendeStap(e, (traject) => {
      const row = read.get<{ context: string; fase: string; feiten: string }>(
        `SELECT context, fase, feiten FROM ${AMBITIE_TRAJECTEN} WHERE traject = ?`, [traject]);
      if (!row) return null;
      vorig.feiten = JSON.parse(row.feiten);
      return { context: JSON.parse(row.context), fase: row.fase };
    });
    if (!stap) return [];
    const { traject, event, na } = stap;
    const geslacht = event.type === 'InburgeraarGeregistreerd' ? persoonsvelden(event.data.persoon).geslacht : null;
    const feiten = volgendeFeiten(traject, vorig.feiten ?? null, na.context, na.fase, event, geslacht);
    return [{
      sql: `INSERT INTO ${AMBITIE_TRAJECTEN} (traject, context, fase, feiten) VALUES (?, ?, ?, ?)
            ON CONFLICT(traject) DO UPDATE SET context = excluded.context, fase = excluded.fase, feiten = excluded.feiten`,
      params: [traject, JSON.stringify(na.context), na.fase, JSON.stringify(feiten)],
    }];
  },
};

/** Every trajectory's facts. */
export const alleFeiten = (read: ProjectionReader): AmbitieFeiten[] =>
  read.all<{ feiten: string }>(`SELECT feiten FROM ${AMBITIE_TRAJECTEN} ORDER BY traject`).map((r) => JSON.parse(r.feiten));
