import { StoredEvent } from '../events/envelope';
import { isEncrypted } from '../privacy/encrypting-event-store';
import { KeyStore } from '../privacy/key-store';
import { openVoorBsn, versleutelVoorBsn } from '../privacy/bsn-sleutels';
import { upcast } from '../trajectories/core/upcast';
import { DUO_UPCASTERS, DuoNotificatie, DuoNotificatieOntvangenData, NotificatiePersoon, persoonPlaats } from './notificatie-events';

/** The data of a DuoNotificatieOntvangen (version 2): who it is about encrypted under the BSN's key (or the v-nummer's). */
export function ontvangenData(keys: KeyStore, berichtId: string, bron: string, body: DuoNotificatie): DuoNotificatieOntvangenData {
  const { bsn, vNummer, ...notificatie } = body;
  const persoon: NotificatiePersoon = { ...(bsn !== undefined ? { bsn } : {}), ...(vNummer !== undefined ? { vNummer } : {}) };
  if (bsn === undefined && vNummer === undefined) return { berichtId, bron, notificatie };
  const eigenaar = bsn ?? `v-nummer:${vNummer}`;
  return { berichtId, bron, notificatie, persoon: versleutelVoorBsn(keys, eigenaar, persoonPlaats(berichtId), persoon) };
}

/**
 * A recorded notification as DUO sent it, any version: `persoonGewist` when who it is about was erased since (its
 * key destroyed with the person's trajectory), so it can no longer be applied.
 */
export function leesOntvangen(event: StoredEvent, keys: KeyStore): { berichtId: string; bron: string; notificatie: DuoNotificatie & { persoonGewist: boolean } } {
  const d = upcast(event, DUO_UPCASTERS).data as unknown as DuoNotificatieOntvangenData;
  const persoon = isEncrypted(d.persoon) ? openVoorBsn(keys, d.persoon, persoonPlaats(d.berichtId)) : d.persoon;
  const leesbaar = !persoon || (typeof persoon === 'object' && !('$gewist' in persoon) && !('$onleesbaar' in persoon));
  const p = leesbaar ? ((persoon ?? {}) as NotificatiePersoon) : {};
  return { berichtId: d.berichtId, bron: d.bron, notificatie: { ...d.notificatie, ...p, persoonGewist: !leesbaar } };
}
