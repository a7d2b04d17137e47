import { StoredEvent } from '../events/envelope';
import { PERSOONSGEGEVENS_GEWIST } from '../privacy/bewaartermijnen.projection';

/** Which personal fields a read model must blank after an erasure (`PersoonsgegevensGewist` in `privacy-<id>`). */
export interface Wissing {
  trajectId: string;
  naam: boolean;
  geslacht: boolean;
  bsn: boolean;
}

const PERSOON = 'InburgeraarGeregistreerd.persoon';

/**
 * The erasure an event records, or null. `velden` names the erased fields (`Gebeurtenis.pad`): the whole
 * `persoon` blanks every personal field a read model keeps, `persoon.naam` only the name; without `velden`
 * the `persoon` field group counts as the whole `persoon`.
 */
export function wissingUit(e: StoredEvent): Wissing | null {
  if (e.type !== PERSOONSGEGEVENS_GEWIST || !e.streamId.startsWith('privacy-')) return null;
  const trajectId = typeof e.data.trajectId === 'string' ? e.data.trajectId : e.streamId.slice('privacy-'.length);
  const velden = Array.isArray(e.data.velden)
    ? (e.data.velden as unknown[]).filter((v): v is string => typeof v === 'string')
    : Array.isArray(e.data.veldgroepen) && (e.data.veldgroepen as unknown[]).includes('persoon') ? [PERSOON] : [];
  const geraakt = (veld: string) => velden.some((v) => v === PERSOON || v === `${PERSOON}.${veld}`);
  return { trajectId, naam: geraakt('naam'), geslacht: geraakt('geslacht'), bsn: geraakt('bsn') };
}

/** Name, sex and BSN from a registration's `persoon`; null where absent or erased (`{"$gewist": true}`). */
export function persoonsvelden(persoon: unknown): { naam: string | null; geslacht: string | null; bsn: string | null } {
  const p = persoon && typeof persoon === 'object' ? (persoon as Record<string, unknown>) : {};
  return {
    naam: typeof p.naam === 'string' ? p.naam : null,
    geslacht: typeof p.geslacht === 'string' ? p.geslacht : null,
    bsn: typeof p.bsn === 'string' ? p.bsn : null,
  };
}
