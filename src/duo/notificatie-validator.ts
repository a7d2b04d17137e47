import { Injectable } from '@nestjs/common';
import addFormats from 'ajv-formats';
import type { HttpRequest } from '../http/http-types';
import { join } from 'node:path';
import OpenAPIBackend from 'openapi-backend';

/** DUO's own file for the API we serve (contracts/duo is a verbatim copy of DUO's published contract). */
export const NOTIFICATIE_SPEC = join(__dirname, '..', '..', 'contracts', 'duo', 'API', 'Notificatie', 'openapi.yml');
/** info.version of that file: the `API-Version` of every answer. */
export const NOTIFICATIE_API_VERSIE = '1.8.0';

/** Validates a notification's headers and body against DUO's Notificatie API with openapi-backend (formats checked). */
@Injectable()
export class NotificatieValidator {
  private api?: Promise<OpenAPIBackend>;

  private laad(): Promise<OpenAPIBackend> {
    this.api ??= (async () => {
      const api = new OpenAPIBackend({
        definition: NOTIFICATIE_SPEC, strict: true, quick: true, validate: true,
        ajvOpts: { unicodeRegExp: false },
        customizeAjv: (ajv) => addFormats(ajv as any) as any,
      });
      await api.init();
      return api;
    })();
    return this.api;
  }

  /** The violations of DUO's specification; empty when the request is valid. */
  async fouten(req: HttpRequest): Promise<string[]> {
    const api = await this.laad();
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v ?? '']));
    const verzoek = { method: 'POST', path: '/notificaties', headers, body: req.body };
    const v = api.validateRequest(verzoek, 'opvoerenNotificatie');
    const fouten = (v.errors ?? []).map((e) => `${e.instancePath || ''} ${e.message ?? ''}`.trim());
    if (req.body === undefined || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) fouten.push('body is geen Notificatie-object');
    return fouten;
  }
}
