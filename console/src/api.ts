import { createParser } from 'eventsource-parser';
import type { paths } from './api/schema';
import { huidigeSessie, SESSIE_VERLOPEN, vergeetSessie } from './auth';

/** The document's paths are relative to its server `/api/v1` (ADR: the version in the server URL); the console calls them there. */
type ApiPaths = { [P in keyof paths as `/api/v1${P & string}`]: paths[P] };
/** The GET paths of the served OpenAPI document (generated: scripts/console-openapi.mjs). */
type GetPath = { [P in keyof ApiPaths]: ApiPaths[P] extends { get: (...args: never[]) => unknown } | { get: object } ? P : never }[keyof ApiPaths];
type Op<P extends GetPath> = ApiPaths[P] extends { get: infer O } ? O : never;
/** The query parameters the API documents for a path: the console can only send what the API accepts. */
export type QueryOf<P extends GetPath> = Op<P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** The JSON answer as the API documents it, once it does; until then the console's own model (model.ts) of api.md. */
export type AntwoordOf<P extends GetPath, Model> = Op<P> extends { responses: { 200: { content: { 'application/json': infer R } } } }
  ? (Record<string, never> extends R ? Model : R) // an empty or `unknown` schema says nothing: keep the model
  : Model;

export class ApiFout extends Error {
  constructor(readonly status: number, message: string, readonly problem?: Record<string, unknown>) {
    super(message);
  }
}

/** 401: the token expired or was refused. The session is dropped and the app shows the sign-in page again. */
export class NietIngelogd extends ApiFout {
  constructor(status: number, message: string, problem?: Record<string, unknown>) {
    super(status, message, problem);
    vergeetSessie();
    window.dispatchEvent(new CustomEvent(SESSIE_VERLOPEN, { detail: message }));
  }
}

function headers(accept = 'application/json'): Record<string, string> {
  const sessie = huidigeSessie();
  if (!sessie) throw new NietIngelogd(401, 'Uw sessie is verlopen; log opnieuw in');
  return { Authorization: `Bearer ${sessie.accessToken}`, Accept: accept };
}

function url(path: string, query?: object, pad?: Record<string, string>): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(pad?.[k] ?? ''));
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${filled}?${qs}` : filled;
}

async function fout(res: Response): Promise<ApiFout> {
  let problem: Record<string, unknown> | undefined;
  try {
    problem = await res.json();
  } catch {
    problem = undefined;
  }
  const detail = typeof problem?.detail === 'string' ? problem.detail : `HTTP ${res.status}`;
  return res.status === 401 ? new NietIngelogd(401, detail, problem) : new ApiFout(res.status, detail, problem);
}

/** GET a documented path with its documented query, as the signed-in user. */
export async function haal<P extends GetPath, Model>(path: P, query?: QueryOf<P>, pad?: Record<string, string>): Promise<AntwoordOf<P, Model>> {
  const res = await fetch(url(path, query as object, pad), { headers: headers() });
  if (!res.ok) throw await fout(res);
  return res.json();
}

/**
 * Downloads an export (NDJSON or CSV) with the token in the Authorization header, never in the URL: the answer is
 * read into a Blob and saved through an object URL.
 */
export async function download(path: GetPath, query: Record<string, unknown>, accept: string, bestandsnaam: string): Promise<number> {
  const res = await fetch(url(path, query), { headers: headers(accept) });
  if (!res.ok) throw await fout(res);
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = bestandsnaam;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return blob.size;
}

/**
 * Live updates from GET /api/v1/dashboards/updates. An EventSource cannot send an Authorization header, so the
 * console reads the Server-Sent Events with fetch (a ReadableStream, parsed by eventsource-parser) and sends the
 * bearer token like every other call; it reconnects after a break. Returns a function that stops it.
 */
export function volgUpdates(onUpdate: (u: { projection: string; position: number }) => void, onStatus: (verbonden: boolean) => void): () => void {
  const controller = new AbortController();
  let gestopt = false;
  const verbind = async () => {
    while (!gestopt) {
      try {
        const res = await fetch('/api/v1/dashboards/updates', { headers: headers('text/event-stream'), signal: controller.signal });
        if (!res.ok || !res.body) throw await fout(res);
        onStatus(true);
        const parser = createParser({ onEvent: (e) => onUpdate(JSON.parse(e.data)) });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch (err) {
        if (gestopt || err instanceof NietIngelogd) return;
      }
      onStatus(false);
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void verbind();
  return () => {
    gestopt = true;
    controller.abort();
  };
}
