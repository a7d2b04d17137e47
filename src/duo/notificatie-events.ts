import { EncryptedField } from '../privacy/encrypting-event-store';
import { Upcaster } from '../trajectories/core/upcast';

/**
 * The facts of DUO's notifications, in their own stream. A notification is recorded (DuoNotificatieOntvangen, event id
 * = DUO's BerichtId, so the same notification twice is stored once) before it is answered 201, and then applied to
 * the trajectories; DuoNotificatieVerwerkt records what applying it did.
 */
export const DUO_NOTIFICATIES_STREAM = 'duo-notificaties';

/** DUO's Notificatie schema (contracts/duo/API/Notificatie/openapi.yml). */
export interface DuoNotificatie {
  registratieDatumTijd: string;
  gebeurtenisId: string;
  bsn?: string;
  vNummer?: number;
}

/** Version 1 (schemaVersion 1): DUO's body as received, the BSN in clear. Read only through the upcaster below. */
export interface DuoNotificatieOntvangenV1 {
  berichtId: string;
  bron: string;
  notificatie: DuoNotificatie;
}

/** Who a notification is about: DUO's `bsn` and `vNummer` (a vreemdelingennummer identifies a person too). */
export interface NotificatiePersoon {
  bsn?: string;
  vNummer?: number;
}

/**
 * Version 2: who it is about apart from DUO's body, encrypted under the BSN's own key (src/privacy/bsn-sleutels.ts),
 * which the erasure of the person's trajectory destroys. A v1 event upcast to this shape has it in clear.
 */
export interface DuoNotificatieOntvangenData {
  berichtId: string;
  bron: string;
  notificatie: Omit<DuoNotificatie, 'bsn' | 'vNummer'>;
  persoon?: EncryptedField | NotificatiePersoon;
}

export const ONTVANGEN_SCHEMA_VERSIE = 2;

/** Old shapes read as the current one (never rewritten in the log). */
export const DUO_UPCASTERS: Record<string, Upcaster> = {
  'DuoNotificatieOntvangen@1': (data) => {
    const { notificatie: { bsn, vNummer, ...notificatie }, ...rest } = data as unknown as DuoNotificatieOntvangenV1;
    const persoon: NotificatiePersoon = { ...(bsn !== undefined ? { bsn } : {}), ...(vNummer !== undefined ? { vNummer } : {}) };
    return { ...rest, notificatie, ...(Object.keys(persoon).length ? { persoon } : {}) };
  },
};

/** Where a notification's BSN is bound (AES-GCM associated data): it cannot be moved to another event. */
export const persoonPlaats = (berichtId: string): string => `${DUO_NOTIFICATIES_STREAM}\n${berichtId}\npersoon`;

/**
 * `toegepast`: the trajectory's command was recorded; `geregistreerd`: a new trajectory; `geen-actie`: noted, nothing
 * in the trajectory changes; `geweigerd`: the trajectory refused the command (its reason in toelichting);
 * `onbekende-gebeurtenis`: a gebeurtenisId this system does not map; `niet-gevonden`: no trajectory for the BSN;
 * `aandacht`: DUO's fact differs from the case and no action of the trajectory records it (SS102's term, SS124/SS125's
 * doelgroep): recorded with `feit` on the case and listed on the dashboard for a case worker.
 */
export type DuoUitkomst = 'toegepast' | 'geregistreerd' | 'geen-actie' | 'geweigerd' | 'onbekende-gebeurtenis' | 'niet-gevonden' | 'aandacht';

/**
 * Schema version 1 throughout: `aandacht` and `feit` were added later and are optional, so every earlier event
 * still reads as it was written.
 */
export interface DuoNotificatieVerwerktData {
  berichtId: string;
  gebeurtenisId: string;
  uitkomst: DuoUitkomst;
  traject?: string;
  toelichting?: string;
  /** DUO's fact beside the case's, e.g. `{ doelgroep: { duo, traject } }` or `{ inburgeringstermijn: { duo, traject } }`. */
  feit?: Record<string, unknown>;
}
