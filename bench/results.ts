import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes one benchmark run to bench/results/<name>-<timestamp>.json, with the machine it ran on; returns the path. */
export function writeResults(name: string, payload: Record<string, unknown>): string {
  const date = new Date().toISOString();
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${name}-${date.replace(/[:.]/g, '-')}.json`);
  const environment = { node: process.version, platform: process.platform, arch: process.arch, cpu: cpus()[0]?.model, cpus: cpus().length, tmpdir: tmpdir() };
  writeFileSync(out, `${JSON.stringify({ date, environment, ...payload }, null, 2)}\n`);
  return out;
}
