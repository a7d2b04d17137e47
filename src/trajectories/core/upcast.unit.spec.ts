import { StoredEvent } from '../../events/envelope';
import { Upcaster, upcast } from './upcast';

const event = (type: string, data: Record<string, unknown>, schemaVersion?: number): StoredEvent => ({
  eventId: 'e-1', streamId: 'traject-1', version: 1, position: 1, type, data,
  metadata: { actor: { id: 'kim', rol: 'klantmanager' }, correlationId: 'c', causationId: null, datum: '2024-01-15', recordedAt: '2024-01-15T10:00:00Z', schemaVersion: schemaVersion as number },
});

// A sample history: v1 held one `naam`; v2 split it; v3 added `geslacht` with a default.
const UPCASTERS: Record<string, Upcaster> = {
  'Geregistreerd@1': ({ naam, ...rest }) => {
    const [voornaam, ...achter] = String(naam).split(' ');
    return { ...rest, voornaam, achternaam: achter.join(' ') };
  },
  'Geregistreerd@2': (data) => ({ geslacht: 'x', ...data }),
};

describe('upcast', () => {
  it('applies every upcaster from the stored version on, and records the version reached', () => {
    const up = upcast(event('Geregistreerd', { naam: 'Amal El Haddad', datum: '2024-01-15' }, 1), UPCASTERS);
    expect(up.data).toEqual({ voornaam: 'Amal', achternaam: 'El Haddad', datum: '2024-01-15', geslacht: 'x' });
    expect(up.metadata.schemaVersion).toBe(3);
  });
  it('starts at the stored version: a v2 event gets only the v2 → v3 step', () => {
    const up = upcast(event('Geregistreerd', { voornaam: 'Amal', achternaam: 'Haddad', geslacht: 'vrouw' }, 2), UPCASTERS);
    expect(up.data).toEqual({ voornaam: 'Amal', achternaam: 'Haddad', geslacht: 'vrouw' });
    expect(up.metadata.schemaVersion).toBe(3);
  });
  it('treats a missing schemaVersion as 1', () => {
    expect(upcast(event('Geregistreerd', { naam: 'Amal Haddad' }), UPCASTERS).metadata.schemaVersion).toBe(3);
  });
  it('returns the very same event when no upcaster matches (another type, or the current version)', () => {
    const ander = event('BredeIntakeGestart', { datum: '2024-02-01' }, 1);
    const actueel = event('Geregistreerd', { voornaam: 'A' }, 3);
    expect(upcast(ander, UPCASTERS)).toBe(ander);
    expect(upcast(actueel, UPCASTERS)).toBe(actueel);
  });
  it('never changes the stored event', () => {
    const stored = event('Geregistreerd', { naam: 'Amal Haddad' }, 1);
    const kopie = structuredClone(stored);
    upcast(stored, UPCASTERS);
    expect(stored).toEqual(kopie);
  });
  it('with the default registry (every event at version 1) nothing changes', () => {
    const e = event('InburgeraarGeregistreerd', { soort: 'inburgering' }, 1);
    expect(upcast(e)).toBe(e);
  });
});
