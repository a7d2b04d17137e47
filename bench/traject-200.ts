/**
 * The benchmarks' trajectory: registration, brede intake, PIP, then `registreer-uren` until the stream holds `events`
 * events. Typed by shape only, so that bench:http can record it through another checkout's command handler.
 */
import { randomUUID } from 'node:crypto';

interface Handler {
  register(id: string, payload: never, ctx: object): Promise<unknown>;
  execute(id: string, action: string, payload: object, ctx: object): Promise<{ state: { version: number } }>;
}

const context = () => ({ actor: { id: 'bench', rol: 'klantmanager' }, correlationId: randomUUID() });

/** Registration up to the PIP: five events. */
export async function recordIntake(handler: Handler, id: string): Promise<void> {
  const ctx = context();
  await handler.register(id, {
    soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2026-01-10', datumKoppeling: '2026-01-06',
    persoon: { naam: 'Noor Jansen', geboortedatum: '1990-01-01', geslacht: 'vrouw' },
  } as never, ctx);
  await handler.execute(id, 'start-brede-intake', { datum: '2026-02-01' }, ctx);
  await handler.execute(id, 'registreer-leerbaarheidstoets', { datum: '2026-02-01', adviesNiveau: 'B1', adviesLeerroute: 'b1' }, ctx);
  await handler.execute(id, 'rond-brede-intake-af', { datum: '2026-02-02', bevindingen: { opleiding: 'havo', werkervaring: 'kapper', gezondheid: 'goed', kinderenVve: 'n.v.t.' } }, ctx);
  await handler.execute(id, 'stel-pip-vast', { datum: '2026-03-01', leerroute: 'b1', voortgangsgesprekken: 2, participatieactiviteiten: [] }, ctx);
}

/** The whole trajectory; answers its version (= `events`). */
export async function recordTrajectory(handler: Handler, id: string, events = 200): Promise<number> {
  await recordIntake(handler, id);
  const ctx = context();
  let version = 5;
  while (version < events) version = (await handler.execute(id, 'registreer-uren', { datum: '2026-06-01', soort: 'nt2', uren: 1 }, ctx)).state.version;
  return version;
}

/** A day `n` days after 2026-03-01 (the PIP's date), as a date string. */
const dag = (n: number) => new Date(Date.UTC(2026, 2, 1 + n)).toISOString().slice(0, 10);

/**
 * A trajectory as a case worker's year writes it, up to `events` events (a command's follow-up facts may take it a
 * few past): after the PIP, bijstand (and with it the ontzorging and its deadline facts), then day by day hours of NT2,
 * KNM and participation, now and then a participation activity started and finished, a progress interview (free text,
 * encrypted), a change of the PIP (encrypted reasons) and an exam result. Beside `recordTrajectory`'s stream of hours
 * only, it has the fold meet the guards, the growing arrays (activities, interviews, results) and the decryption a
 * real one does. Answers its version.
 */
export async function recordRealisticTrajectory(handler: Handler, id: string, events = 200): Promise<number> {
  await recordIntake(handler, id);
  const ctx = context();
  const onderdelen = ['lezen', 'luisteren', 'schrijven', 'spreken', 'knm'];
  let version = (await handler.execute(id, 'registreer-bijstand', { ingangsdatum: dag(0) }, ctx)).state.version;
  let activiteit = 0;
  let lopend: string | null = null;
  for (let i = 1; version < events; i++) {
    const datum = dag(i);
    const [action, payload]: [string, object] =
      i % 20 === 8 && !lopend ? ['start-participatieactiviteit', { datum, activiteitId: (lopend = `act-${++activiteit}`), soort: 'werkervaringsplek', categorie: 'arbeid', aanbieder: 'Weener XL' }]
      : i % 20 === 18 && lopend ? ['rond-participatieactiviteit-af', { datum, activiteitId: lopend, resultaat: 'afgerond met een getuigschrift' }]
      : i % 25 === 9 ? ['registreer-voortgangsgesprek', { datum, verslag: `Gesprek ${i}: de lessen gaan goed, de inburgeraar wil meer spreken.` }]
      : i % 40 === 19 ? ['wijzig-pip', { datum, wijziging: `meer uren NT2 (${i})`, reden: 'de voortgang vraagt erom' }]
      : i % 30 === 29 ? ['registreer-examenresultaat', { datum, onderdeel: onderdelen[(i / 30) % 5 | 0], niveau: 'B1', behaald: i % 60 === 59 }]
      : ['registreer-uren', { datum, soort: i % 10 === 6 ? 'knm' : i % 10 === 7 ? 'participatie' : 'nt2', uren: 3 }];
    if (action === 'rond-participatieactiviteit-af') lopend = null;
    version = (await handler.execute(id, action, payload, ctx)).state.version;
  }
  return version;
}
