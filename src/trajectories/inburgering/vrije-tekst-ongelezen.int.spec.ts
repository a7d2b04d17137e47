import { randomUUID } from 'node:crypto';
import { FixedClock } from '../../events/clock';
import { EncryptingEventStore } from '../../privacy/encrypting-event-store';
import { KeyStore } from '../../privacy/key-store';
import { TempEncryptingStore, encryptingStoreInTempDir } from '../../privacy/testing/encrypting-store-in-temp-dir';
import { CommandHandler } from '../core/command-handler';
import { fold } from '../core/fold';
import { TrajectRepository } from '../core/traject-repository';
import { InburgeringContext } from './context';
import { inburgeringKind } from './kind';

/**
 * A cold load folds the stream as read lazily: encrypted fields decrypt when first read. The fold decides on none of
 * the free text it copies into the context, so it leaves it undecrypted (reduce.ts `kopie`); whoever reads the context
 * then sees exactly what an eager fold gives.
 */
describe('free text copied into the context is decrypted only when read (real SQLite, encrypting store)', () => {
  let temp: TempEncryptingStore;
  let keys: KeyStore;
  let store: EncryptingEventStore;
  const ctx = { actor: { id: 'test', rol: 'klantmanager' }, correlationId: randomUUID() };

  beforeEach(() => {
    temp = encryptingStoreInTempDir('ie-vrije-tekst-');
    ({ keys, store } = temp);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await temp.remove();
  });

  async function traject(): Promise<string> {
    const handler = new CommandHandler(new TrajectRepository(store, keys), new FixedClock(new Date('2026-11-29T10:00:00Z')));
    const id = randomUUID();
    await handler.register(id, {
      soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2026-01-10', datumKoppeling: '2026-01-06',
      persoon: { naam: 'Noor Jansen', geboortedatum: '1990-01-01', geslacht: 'vrouw' },
    } as never, ctx);
    const acties: [string, object][] = [
      ['registreer-screening', { datum: '2026-01-20', bevindingen: 'spreekt Arabisch en wat Engels' }],
      ['start-brede-intake', { datum: '2026-02-01' }],
      ['registreer-leerbaarheidstoets', { datum: '2026-02-01', adviesNiveau: 'B1', adviesLeerroute: 'b1' }],
      ['rond-brede-intake-af', { datum: '2026-02-02', bevindingen: { opleiding: 'havo', werkervaring: 'kapper', gezondheid: 'goed', kinderenVve: 'n.v.t.' } }],
      ['stel-pip-vast', { datum: '2026-03-01', leerroute: 'b1', voortgangsgesprekken: 2, participatieactiviteiten: [] }],
      ['start-participatieactiviteit', { datum: '2026-03-02', activiteitId: 'act-1', soort: 'stage', categorie: 'arbeid', aanbieder: 'Kapsalon Noord' }],
      ['registreer-voortgangsgesprek', { datum: '2026-03-03', verslag: 'gaat goed' }],
      ['wijzig-pip', { datum: '2026-03-04', wijziging: 'meer uren', reden: 'nieuw werk' }],
      ['rond-participatieactiviteit-af', { datum: '2026-03-05', activiteitId: 'act-1', resultaat: 'getuigschrift' }],
      ['registreer-ontheffing', { datum: '2026-03-06', grond: 'medisch', volledig: false, onderdelen: ['spreken'] }],
    ];
    for (const [actie, payload] of acties) await handler.execute(id, actie, payload, ctx);
    return id;
  }

  it('a cold load decrypts only what the machine decides on; reading the context decrypts the rest, as an eager fold has it', async () => {
    const id = await traject();
    const opened = jest.spyOn(keys, 'key');
    const { state } = await new TrajectRepository(store, keys).load(id);
    // The person (a context field of its own) and the activity's id (a guard compares it), once per event.
    const bijLaden = opened.mock.calls.length;
    expect(bijLaden).toBe(3);

    const c = state.context as InburgeringContext;
    expect(c.voortgangsgesprekken[0].verslag).toBe('gaat goed');
    expect(opened.mock.calls.length).toBe(bijLaden + 1);

    const eager = fold(inburgeringKind, id, await store.readStream(`traject-${id}`));
    expect(JSON.stringify(state.context)).toBe(JSON.stringify(eager.context));
    expect(state.context).toEqual(eager.context);
    expect({ ...c.participatieactiviteiten[0] }).toEqual({
      activiteitId: 'act-1', soort: 'stage', categorie: 'arbeid', aanbieder: 'Kapsalon Noord', start: '2026-03-02', eind: '2026-03-05', resultaat: 'getuigschrift',
    });
    expect(c.bredeIntake.bevindingen).toEqual({ opleiding: 'havo', werkervaring: 'kapper', gezondheid: 'goed', kinderenVve: 'n.v.t.' });
    expect(c.screening).toEqual({ datum: '2026-01-20', uitvoerder: 'Weener XL', bevindingen: 'spreekt Arabisch en wat Engels' });
    expect(c.pip!.wijzigingen).toEqual([{ datum: '2026-03-04', wijziging: 'meer uren', reden: 'nieuw werk' }]);
    expect(c.ontheffingen).toEqual([{ datum: '2026-03-06', grond: 'medisch', volledig: false, onderdelen: ['spreken'] }]);
  });

  it('copies read as plain objects: their keys, a spread and JSON give the values', async () => {
    const id = await traject();
    const { state } = await new TrajectRepository(store, keys).load(id);
    const gesprek = (state.context as InburgeringContext).voortgangsgesprekken[0];
    expect(Object.keys(gesprek)).toEqual(['datum', 'verslag']);
    expect({ ...gesprek }).toEqual({ datum: '2026-03-03', verslag: 'gaat goed' });
    expect(JSON.parse(JSON.stringify(gesprek))).toEqual({ datum: '2026-03-03', verslag: 'gaat goed' });
  });
});
