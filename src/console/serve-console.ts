import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CONSOLE_PATH = '/console';
/** Where `npm run build:console` puts the console (vite build of console/). */
export const CONSOLE_DIST = join(__dirname, '..', '..', 'console', 'dist');

/**
 * The console's own Content-Security-Policy: only its own scripts and styles, and connections to this server and to
 * the identity provider (discovery, token endpoint: the OIDC code flow runs in the browser). No inline script.
 */
export function consoleCsp(issuer?: string): string {
  let idp = '';
  if (issuer) {
    try {
      idp = ` ${new URL(issuer).origin}`;
    } catch {
      idp = '';
    }
  }
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self' data:",
    `connect-src 'self'${idp}`, "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
  ].join('; ');
}

const NIET_GEBOUWD = '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Console niet gebouwd</title>'
  + '<p>De console is niet gebouwd. Draai <code>npm run build</code> (of <code>npm start</code>, dat eerst bouwt).</p></html>';

/** Hashed assets may be cached for a year; everything else (index.html) is checked every time. */
const cacheControlFor = (file: string) => (/[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');

/**
 * Serves the built console under /console with @fastify/static: its files (hashed assets cached for a year,
 * index.html never), and index.html for every other page path so that deep links (/console/ambities) work; `/console`
 * itself redirects to `/console/`. Paths with an extension that do not exist are the API's 404. The console's own CSP
 * replaces helmet's on every file it serves. Called from configureApp with the app's Fastify instance.
 */
export function mountConsole(fastify: FastifyInstance, options: { issuer?: string; dist?: string } = {}): void {
  const dist = options.dist ?? CONSOLE_DIST;
  const csp = consoleCsp(options.issuer);
  // Only `reply.sendFile` (`serve: false`): the routes are ours, so that a page path falls back to index.html.
  void fastify.register(fastifyStatic, {
    root: dist,
    serve: false,
    index: false,
    cacheControl: false,
    suppressWarning: true,
    setHeaders: (reply: FastifyReply, file: string) => {
      reply.header('Cache-Control', cacheControlFor(file));
      reply.header('Content-Security-Policy', csp);
    },
  });
  const index = join(dist, 'index.html');
  const page = (req: FastifyRequest, reply: FastifyReply) => {
    const path = (req.params as { '*': string })['*']; // decoded by the router
    reply.header('Content-Security-Policy', csp);
    if (/\.[a-z0-9]+$/i.test(path)) return reply.sendFile(path);
    reply.header('Cache-Control', 'no-cache');
    if (!existsSync(index)) return reply.status(503).type('text/html; charset=utf-8').send(NIET_GEBOUWD);
    return reply.sendFile('index.html');
  };
  fastify.route({ method: ['GET', 'HEAD'], url: CONSOLE_PATH, handler: (_req, reply) => reply.redirect(`${CONSOLE_PATH}/`, 301) });
  fastify.route({ method: ['GET', 'HEAD'], url: `${CONSOLE_PATH}/*`, handler: page });
}
