import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config';

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

/**
 * Serves the built console under /console: its files (hashed assets cached for a year, index.html never), and
 * index.html for every other page path so that deep links (/console/ambities) work. Called from configureApp,
 * after helmet, before the API's routes; paths with an extension that do not exist fall through to the 404.
 */
export function mountConsole(app: INestApplication, dist = CONSOLE_DIST): void {
  const express = app as NestExpressApplication;
  const csp = consoleCsp(app.get<AppConfig>(APP_CONFIG).authIssuer);
  express.use(CONSOLE_PATH, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', csp);
    next();
  });
  express.useStaticAssets(dist, {
    prefix: CONSOLE_PATH,
    index: false,
    redirect: false,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  express.use(CONSOLE_PATH, (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /\.[a-z0-9]+$/i.test(req.path)) return next();
    if (req.originalUrl === CONSOLE_PATH) return res.redirect(301, `${CONSOLE_PATH}/`);
    const index = join(dist, 'index.html');
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) return res.status(503).type('html').send(NIET_GEBOUWD);
    res.sendFile(index);
  });
}
