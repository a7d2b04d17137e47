/**
 * The peer: Emmett 0.42 (CommandHandler on its SQLite event store, the sqlite3 driver) behind bare Node `http`, taking
 * the same requests as this project (register, actions, GET view with an access-log event), with a small decider
 * for the same four commands. SQLite's own default durability (synchronous FULL). Prints `LISTENING <port>`.
 * Usage: emmett-server.ts <file.sqlite>
 */
import { CommandHandler, type Event } from '@event-driven-io/emmett';
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';

type Fact = Event<string, Record<string, unknown>>;
interface Traject { status: 'nieuw' | 'aangemeld' | 'intake' | 'intake-afgerond' | 'uitvoering'; uren: number; revisie: number }

const initialState = (): Traject => ({ status: 'nieuw', uren: 0, revisie: -1 });
const evolve = (s: Traject, e: Fact): Traject => {
  const r = s.revisie + 1;
  switch (e.type) {
    case 'InburgeraarGeregistreerd': return { ...s, status: 'aangemeld', revisie: r };
    case 'BredeIntakeGestart': return { ...s, status: 'intake', revisie: r };
    case 'LeerbaarheidstoetsGeregistreerd': return { ...s, revisie: r };
    case 'BredeIntakeAfgerond': return { ...s, status: 'intake-afgerond', revisie: r };
    case 'PipVastgesteld': return { ...s, status: 'uitvoering', revisie: r };
    case 'UrenGeregistreerd': return { ...s, uren: s.uren + Number(e.data.uren), revisie: r };
    default: return { ...s, revisie: r };
  }
};

class NotAllowed extends Error {}
const need = (s: Traject, status: Traject['status']) => { if (s.status !== status) throw new NotAllowed(`niet toegestaan in ${s.status}`); };
const ACTIES: Record<string, (s: Traject, body: any) => Fact> = {
  'start-brede-intake': (s, b) => (need(s, 'aangemeld'), { type: 'BredeIntakeGestart', data: { datum: b.datum } }),
  'registreer-leerbaarheidstoets': (s, b) => (need(s, 'intake'), { type: 'LeerbaarheidstoetsGeregistreerd', data: b }),
  'rond-brede-intake-af': (s, b) => (need(s, 'intake'), { type: 'BredeIntakeAfgerond', data: b }),
  'stel-pip-vast': (s, b) => (need(s, 'intake-afgerond'), { type: 'PipVastgesteld', data: b }),
  'registreer-uren': (s, b) => (need(s, 'uitvoering'), { type: 'UrenGeregistreerd', data: b }),
};

const store = getSQLiteEventStore({ fileName: process.argv[2], schema: { autoMigration: 'CreateOrUpdate' } });
const handle = CommandHandler<Traject, Fact>({ evolve, initialState });

const body = (req: IncomingMessage): Promise<any> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c)).on('end', () => {
      try { resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {}); } catch (e) { reject(e); }
    });
  });
const send = (res: ServerResponse, status: number, value: unknown) => {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
};

const server = createServer(async (req, res) => {
  try {
    const m = /^\/api\/v1\/trajecten(?:\/([0-9a-f-]{36})(?:\/acties\/([a-z-]+))?)?$/.exec(req.url ?? '');
    if (!m) return send(res, 404, { title: 'niet gevonden' });
    const [, id, actie] = m;
    if (req.method === 'POST' && !id) {
      const b = await body(req);
      const nieuw = randomUUID();
      const { newState } = await handle(store, `traject-${nieuw}`, (s) => {
        if (s.status !== 'nieuw') throw new NotAllowed('bestaat al');
        return { type: 'InburgeraarGeregistreerd', data: b };
      });
      return send(res, 201, { id: nieuw, ...newState });
    }
    if (req.method === 'POST' && id && actie) {
      const b = await body(req);
      const decide = ACTIES[actie];
      if (!decide) return send(res, 404, { title: 'onbekende actie' });
      const { newState } = await handle(store, `traject-${id}`, (s) => decide(s, b));
      return send(res, 200, { id, ...newState });
    }
    if (req.method === 'GET' && id) {
      const { state } = await store.aggregateStream(`traject-${id}`, { evolve, initialState });
      await store.appendToStream(`inzage-${id}`, [{ type: 'TrajectIngezien', data: { trajectId: id, at: new Date().toISOString() } }]);
      return send(res, 200, { id, ...state });
    }
    send(res, 405, { title: 'methode niet toegestaan' });
  } catch (err) {
    send(res, err instanceof NotAllowed ? 422 : 500, { title: String((err as Error).message ?? err) });
  }
});
server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${(server.address() as { port: number }).port}`));
