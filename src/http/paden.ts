import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from './problem';

/**
 * ADR "no-trailing-slash": a path ending in `/` is another resource, which does not exist: 404 problem+json
 * (via the problem filter). Swagger UI's own pages (`except`) keep their slashes.
 */
export function geenSlashAanHetEind(except: string[] = []) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const path = req.path;
    if (path.length > 1 && path.endsWith('/') && !except.some((e) => path.startsWith(e))) {
      next(new ProblemException(404, `Er is geen ${req.method} ${path} in deze API (zonder / aan het eind?)`));
      return;
    }
    next();
  };
}

/**
 * `Cache-Control: no-store` on every answer under `prefix` (case views, lists, audit pages all carry personal data;
 * AVG art. 32), except the public documents in `except`, which may be cached.
 */
export function geenOpslagVanPersoonsgegevens(prefix: string, except: string[] = []) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith(prefix) && !except.some((e) => req.path.startsWith(e))) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
