import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { FixedClock } from '../../src/events/clock';
import { authHeaders } from './auth';

/** A case worker's view (a klantmanager token by default) of the API: register, act, read, with the status expected at each step. */
export class TrajectClient {
  constructor(readonly app: INestApplication, readonly headers: Record<string, string> = {}) {}

  static async start(now = '2026-11-29T10:00:00Z', options: Parameters<typeof createApp>[0] = {}) {
    const clock = new FixedClock(new Date(now));
    const app = await createApp({ clock, ...options });
    return { app, clock, client: new TrajectClient(app, await authHeaders('klantmanager', 'kim')) };
  }

  http() {
    return request(this.app.getHttpServer());
  }

  /** GET/POST with this client's credentials. */
  get(path: string) {
    return this.http().get(path).set(this.headers);
  }

  post(path: string) {
    return this.http().post(path).set(this.headers);
  }

  async registreer(body: Record<string, unknown>, status = 201) {
    const res = await this.http().post('/api/v1/trajecten').set(this.headers).send(body);
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res;
  }

  async actie(id: string, actie: string, body: Record<string, unknown>, status = 200, headers: Record<string, string> = {}) {
    const res = await this.http().post(`/api/v1/trajecten/${id}/acties/${actie}`).set({ ...this.headers, ...headers }).send(body);
    if (res.status !== status) throw new Error(`${actie}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }

  async view(id: string) {
    const res = await this.http().get(`/api/v1/trajecten/${id}`).set(this.headers);
    expect(res.status).toBe(200);
    return res.body;
  }

  async gebeurtenissen(id: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
    const res = await this.http().get(`/api/v1/trajecten/${id}/gebeurtenissen`).set(this.headers);
    expect(res.status).toBe(200);
    return res.body;
  }
}
