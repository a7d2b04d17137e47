import { createServer, get } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ExportFormat, streamExport } from '../../src/audit/event-log';
import { EventStore } from '../../src/events/event-store';

export interface ExportMeasurement {
  format: ExportFormat;
  events: number;
  lines: number;
  megabytes: number;
  seconds: number;
  eventsPerSecond: number;
  /** heapUsed before the export (after a GC when --expose-gc), the highest sample during it, and the difference. */
  heapBaselineMb: number;
  heapMaxMb: number;
  heapGrowthMb: number;
  rssMaxMb: number;
  /** Events the server read from the store while the client did not read at all (backpressure). */
  readWhilePaused: number;
  /** Events the server read from the store in all. */
  readTotal: number;
  /** How far the server's reading ran ahead of what the client had received, when the client paused. */
  leadAtPause: number;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

/**
 * Serves `streamExport` over a real HTTP socket (a Node response, as the app's `reply.raw`) and downloads it, discarding the bytes,
 * while sampling process.memoryUsage() every 10 ms. Halfway through the client stops reading for `pauseMs`: with
 * backpressure the server stops reading the store too.
 */
export async function measureExport(store: EventStore, format: ExportFormat, pauseMs = 500): Promise<ExportMeasurement> {
  let read = 0;
  const counting = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'readAll') {
        return async (...args: Parameters<EventStore['readAll']>) => {
          const page = await target.readAll(...args);
          read += page.length;
          return page;
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  // The app hands streamExport the Node response itself (reply.raw), as here.
  const server = createServer((_req, res) => {
    streamExport(counting, {}, format, res).catch((err) => res.destroy(err));
  }).listen(0);
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;

  (global as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let heapMax = baseline;
  let rssMax = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    heapMax = Math.max(heapMax, m.heapUsed);
    rssMax = Math.max(rssMax, m.rss);
  }, 10);

  const start = performance.now();
  const total = await store.headPosition();
  let readWhilePaused = 0;
  let leadAtPause = 0;
  const { lines, bytes } = await new Promise<{ lines: number; bytes: number }>((resolve, reject) => {
    get({ port, path: '/export' }, (res) => {
      let lines = 0;
      let bytes = 0;
      let paused = false;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        if (!paused && lines > total / 2) {
          paused = true;
          leadAtPause = read - lines;
          res.pause();
          // Let whatever was in flight settle, then count what the server reads while nobody reads from it.
          setTimeout(() => {
            const before = read;
            setTimeout(() => {
              readWhilePaused = read - before;
              res.resume();
            }, pauseMs);
          }, 100);
        }
      });
      res.on('end', () => resolve({ lines, bytes }));
      res.on('error', reject);
    }).on('error', reject);
  });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  await new Promise((r) => server.close(r));
  const events = format === 'csv' ? lines - 1 : lines;
  return {
    format, events, lines, megabytes: mb(bytes), seconds: Math.round(seconds * 10) / 10,
    eventsPerSecond: Math.round(events / seconds),
    heapBaselineMb: mb(baseline), heapMaxMb: mb(heapMax), heapGrowthMb: mb(heapMax - baseline), rssMaxMb: mb(rssMax),
    readWhilePaused,
    readTotal: read,
    leadAtPause,
  };
}
