import { randomBytes } from 'node:crypto';
import { StoredEvent } from '../events/envelope';
import { bsnEigenaar } from '../privacy/bsn-sleutels';
import { KeyStore } from '../privacy/key-store';
import { DUO_NOTIFICATIES_STREAM } from './notificatie-events';
import { leesOntvangen, ontvangenData } from './notificatie-lezen';

const BERICHT = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';
const event = (data: unknown, schemaVersion: number): StoredEvent => ({
  streamId: DUO_NOTIFICATIES_STREAM, version: 1, position: 1, eventId: BERICHT, type: 'DuoNotificatieOntvangen', data: data as Record<string, unknown>,
  metadata: { actor: { id: 'duo', rol: 'systeem' }, correlationId: BERICHT, causationId: null, recordedAt: '2026-11-29T10:00:00Z', schemaVersion },
} as StoredEvent);

describe('DuoNotificatieOntvangen: who it is about, encrypted under the BSN\'s key (version 2), and version 1 upcast', () => {
  const keys = new KeyStore(':memory:', randomBytes(32));
  afterAll(() => keys.close());
  const body = { registratieDatumTijd: '2026-11-20T09:30:00+01:00', gebeurtenisId: 'SS139', bsn: '123456782', vNummer: 918273645 };

  it('version 2 holds no BSN or v-nummer in clear, reads back, and reads as erased once the BSN\'s key is destroyed', () => {
    const data = ontvangenData(keys, BERICHT, '00000001800866472000', body);
    expect(JSON.stringify(data)).not.toMatch(/123456782|918273645/);
    expect(data.notificatie).toEqual({ registratieDatumTijd: body.registratieDatumTijd, gebeurtenisId: 'SS139' });
    expect(leesOntvangen(event(data, 2), keys).notificatie).toEqual({ ...body, persoonGewist: false });
    // Bound to its event: moved to another BerichtId it does not open.
    expect(leesOntvangen(event({ ...data, berichtId: 'ander' }, 2), keys).notificatie.persoonGewist).toBe(true);
    keys.destroy(bsnEigenaar(keys, body.bsn), ['persoon']);
    expect(leesOntvangen(event(data, 2), keys).notificatie).toEqual({ registratieDatumTijd: body.registratieDatumTijd, gebeurtenisId: 'SS139', persoonGewist: true });
  });

  it('version 1 (BSN in clear in DUO\'s body) reads as version 2', () => {
    const v1 = { berichtId: BERICHT, bron: '00000001800866472000', notificatie: body };
    expect(leesOntvangen(event(v1, 1), keys)).toEqual({ berichtId: BERICHT, bron: v1.bron, notificatie: { ...body, persoonGewist: false } });
  });

  it('a notification with neither BSN nor v-nummer has nothing to encrypt', () => {
    const data = ontvangenData(keys, BERICHT, 'x', { registratieDatumTijd: body.registratieDatumTijd, gebeurtenisId: 'SS999' });
    expect(data).toEqual({ berichtId: BERICHT, bron: 'x', notificatie: { registratieDatumTijd: body.registratieDatumTijd, gebeurtenisId: 'SS999' } });
    expect(leesOntvangen(event(data, 2), keys).notificatie.persoonGewist).toBe(false);
  });
});
