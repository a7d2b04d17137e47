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
