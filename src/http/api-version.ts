import type { NextFunction, Request, Response } from 'express';

/** The `API-Version` header (NL API Design Rules): the package version, on every response. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const API_VERSION: string = (require('../../package.json') as { version: string }).version;

export function apiVersionHeader(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('API-Version', API_VERSION);
  next();
}
