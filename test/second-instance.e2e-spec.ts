import { INestApplication } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { TrajectRepository } from '../src/trajectories/core/traject-repository';
import { authHeaders } from './support/auth';

jest.setTimeout(120_000);

/**
 * The trajectory cache (TrajectRepository) cannot go stale: a second server process on the same files writes to a
 * trajectory the first one has cached, and the first one's next read and command are decided on the new state.
 */
describe('a second instance on the same files', () => {
  let dir: string;
  let app: INestApplication;
  let other: ChildProcess;
  let otherPort: number;
  let headers: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ie-second-'));
    headers = await authHeaders('klantmanager', 'kim');
    app = await createApp({ config: { sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections-a.sqlite') } });
    other = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'support/crash-server.ts')], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, DIR: dir, PROJECTIONS: join(dir, 'projections-b.sqlite'), SCHEDULER: 'false' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    otherPort = await new Promise<number>((resolve, reject) => {
      other.stdout!.on('data', (d) => {
        const m = /LISTENING (\d+)/.exec(String(d));
        if (m) resolve(Number(m[1]));
      });
      other.once('exit', (code) => reject(new Error(`second instance stopped (${code})`)));
    });
  });
  afterAll(async () => {
    other?.kill('SIGTERM');
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Registers a trajectory through the first instance. */
  const registreer = (persoon: { naam: string; geboortedatum: string; geslacht: string }) =>
    request(app.getHttpServer()).post('/api/v1/trajecten').set(headers).send({
      soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2026-01-10', datumKoppeling: '2026-01-06', persoon,
    });

  it('decides the first instance\'s next command on what the second one wrote', async () => {
    const a = () => request(app.getHttpServer());
    const reg = await registreer({ naam: 'Noor Jansen', geboortedatum: '1990-01-01', geslacht: 'vrouw' });
    expect(reg.status).toBe(201);
    const id = reg.body.id as string;
    // The first instance has the trajectory folded and cached now.
    // Registration records its deadline facts (TermijnGesteld) in the same append.
    const r0 = reg.body.revisie as number;
    expect((await a().get(`/api/v1/trajecten/${id}`).set(headers)).body.revisie).toBe(r0);
    expect(app.get(TrajectRepository).cacheSize.trajectories).toBe(1);

    // The second instance starts the intake.
    const b = await fetch(`http://127.0.0.1:${otherPort}/api/v1/trajecten/${id}/acties/start-brede-intake`, {
      method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ datum: '2026-02-01' }),
    });
    expect(b.status).toBe(200);
    const rb = ((await b.json()) as { revisie: number }).revisie;
    expect(rb).toBeGreaterThan(r0);

    // The first instance sees it on its next read...
    const view = await a().get(`/api/v1/trajecten/${id}`).set(headers);
    expect(view.body).toMatchObject({ revisie: rb, fase: 'intake' });
    expect(view.headers.etag).toBe(`"${rb}"`);
    // ...and decides its next command on it: allowed only once the intake has started (422 on a stale state).
    const toets = await a().post(`/api/v1/trajecten/${id}/acties/registreer-leerbaarheidstoets`).set(headers)
      .send({ datum: '2026-02-01', adviesNiveau: 'B1', adviesLeerroute: 'b1' });
    expect(toets.status).toBe(200);
    expect(toets.body.revisie).toBeGreaterThan(rb);

    // And the other way round once more, with the first instance's If-Match pinned on what it had seen: 412, not a lost update.
    const c = await fetch(`http://127.0.0.1:${otherPort}/api/v1/trajecten/${id}/acties/rond-brede-intake-af`, {
      method: 'POST', headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ datum: '2026-02-02', bevindingen: { opleiding: 'havo', werkervaring: 'kapper', gezondheid: 'goed', kinderenVve: 'n.v.t.' } }),
    });
    expect(c.status).toBe(200);
    const stale = await a().post(`/api/v1/trajecten/${id}/acties/rond-brede-intake-af`).set({ ...headers, 'If-Match': `"${toets.body.revisie}"` })
      .send({ datum: '2026-02-02', bevindingen: { opleiding: 'havo', werkervaring: 'kapper', gezondheid: 'goed', kinderenVve: 'n.v.t.' } });
    expect(stale.status).toBe(412);
  });

  it('shows no personal data the second instance erased, though the first one had the trajectory cached', async () => {
    const a = () => request(app.getHttpServer());
    const reg = await registreer({ naam: 'Fatima Bakker', geboortedatum: '1988-03-04', geslacht: 'vrouw' });
    expect(reg.status).toBe(201);
    const id = reg.body.id as string;
    // Cached and decrypted in the first instance.
    expect((await a().get(`/api/v1/trajecten/${id}`).set(headers)).body.persoon.naam).toBe('Fatima Bakker');

    const beheerder = await authHeaders('beheerder', 'bram');
    const wis = await fetch(`http://127.0.0.1:${otherPort}/api/v1/trajecten/${id}/persoonsgegevens`, {
      method: 'DELETE', headers: { ...beheerder, 'content-type': 'application/json' }, body: JSON.stringify({ reden: 'verzoek art. 17 AVG' }),
    });
    expect(wis.status).toBe(200);

    // The erasure changed no event of the trajectory's own stream: only the key file and the privacy stream tell.
    const view = await a().get(`/api/v1/trajecten/${id}`).set(headers);
    expect(view.status).toBe(200);
    expect(view.body.persoon).toEqual({ $gewist: true, veldgroep: 'persoon' });
    const tijdlijn = await a().get(`/api/v1/trajecten/${id}/tijdlijn`).set(headers);
    expect(JSON.stringify(tijdlijn.body)).not.toContain('Fatima');
  });
});
