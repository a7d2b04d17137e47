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

export interface DuoNotificatieOntvangenData {
  berichtId: string;
  bron: string;
  notificatie: DuoNotificatie;
}

/**
 * `toegepast`: the trajectory's command was recorded; `geregistreerd`: a new trajectory; `geen-actie`: noted, nothing
 * in the trajectory changes; `geweigerd`: the trajectory refused the command (its reason in toelichting);
 * `onbekende-gebeurtenis`: a gebeurtenisId this system does not map; `niet-gevonden`: no trajectory for the BSN.
 */
export type DuoUitkomst = 'toegepast' | 'geregistreerd' | 'geen-actie' | 'geweigerd' | 'onbekende-gebeurtenis' | 'niet-gevonden';

export interface DuoNotificatieVerwerktData {
  berichtId: string;
  gebeurtenisId: string;
  uitkomst: DuoUitkomst;
  traject?: string;
  toelichting?: string;
}
