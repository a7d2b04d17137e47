import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule, getSchemaPath } from '@nestjs/swagger';
import type {
  OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { API_VERSION } from '../http/api-version';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from '../http/problem';
import { markeerDatums } from '../trajectories/core/validators';
import { KINDS } from '../trajectories/kinds';
import { SCHEMAS, ref } from './schemas';

/** The server URL of every /api/v1 operation: the ADR wants the major version in the server, not in each path. */
export const API_SERVER = '/api/v1';
/** Operations outside the prefix (/health, /ready) carry their own server. */
const ROOT_SERVER = [{ url: '/', description: 'Beheer-endpoints buiten /api/v1' }];

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The OpenAPI 3 document as served at /api/v1/openapi.json: Nest's scan of the controllers, finished in one place
 * with what holds for every operation (NL API Design Rules): the API-Version header on every success, problem+json
 * for every error the shell can give, `format: uuid` on ids, and one operation per action.
 */
export function buildOpenApiDocument(app: INestApplication, unprefixed: string[]): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('inburgering-engine')
    .setDescription(
      'Event-sourced zaakbehandeling voor de Wet inburgering 2021. Fouten zijn application/problem+json (RFC 9457); '
        + 'elk antwoord draagt een API-Version-header. Lijsten: `paginaGrootte` en `cursor` (de `volgende` van het vorige antwoord).',
    )
    .setVersion(API_VERSION)
    .setContact('inburgering-engine', 'https://github.com/inburgering-engine/inburgering-engine', 'inburgering-engine@s-hertogenbosch.nl')
    .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12')
    .addServer(API_SERVER, 'Deze server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Een JWT met sub, name en rollen (ontwikkeling: npm run token)' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    ignoreGlobalPrefix: true,
    operationIdFactory: (controller, method) => `${controller}_${method}`,
  });
  markeerDatums(document.components?.schemas);
  return voltooi(document, unprefixed);
}

/** What holds for every operation; exported for the unit test. */
export function voltooi(document: OpenAPIObject, unprefixed: string[] = []): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...SCHEMAS };
  document.components.headers = {
    ...document.components.headers,
    'API-Version': { description: 'De volledige versie van de API (NL API Design Rules)', schema: { type: 'string', example: API_VERSION } },
  };
  actieOperaties(document);
  for (const [path, item] of Object.entries(document.paths)) {
    if (unprefixed.some((u) => path === `/${u}`)) item.servers = ROOT_SERVER;
    for (const method of METHODS) {
      const op = item[method];
      if (op) operatie(path, method, op);
    }
  }
  return document;
}

const PROBLEM_SCHEMA = ref('Problem');

function probleem(status: number, description?: string): ResponseObject {
  return {
    description: description ?? PROBLEM_TYPES[status]?.title ?? `HTTP ${status}`,
    headers: { 'API-Version': { $ref: '#/components/headers/API-Version' } },
    content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_SCHEMA } },
  };
}

/** The errors an operation can answer, by what it is: the shell's (auth, limits, body) and the domain's. */
function fouten(path: string, method: string, op: OperationObject): number[] {
  const params = (op.parameters ?? []) as ParameterObject[];
  const beveiligd = (op.security ?? []).length > 0;
  const metBody = method === 'post' || method === 'put' || method === 'patch' || method === 'delete';
  const statussen = new Set<number>([500]);
  if (metBody || params.length > 0) statussen.add(400);
  if (beveiligd) [401, 403, 429, 503].forEach((s) => statussen.add(s));
  if (path.includes('{id}')) statussen.add(404);
  if (metBody && op.requestBody) [413, 415].forEach((s) => statussen.add(s));
  if (method === 'post' && path.startsWith('/trajecten')) statussen.add(422);
  if (path.includes('/acties/')) [409, 412].forEach((s) => statussen.add(s));
  if (path === '/health' || path === '/ready') statussen.add(503);
  return [...statussen].sort();
}

function operatie(path: string, method: string, op: OperationObject): void {
  for (const p of (op.parameters ?? []) as ParameterObject[]) {
    if (p.in === 'path' && p.name === 'id') p.schema = { type: 'string', format: 'uuid' };
  }
  for (const [code, response] of Object.entries(op.responses)) {
    if (/^[23]\d\d$/.test(code)) {
      const r = response as ResponseObject;
      r.headers = { 'API-Version': { $ref: '#/components/headers/API-Version' }, ...r.headers };
    }
  }
  for (const status of fouten(path, method, op)) {
    const bestaand = op.responses[status] as ResponseObject | undefined;
    op.responses[status] = probleem(status, bestaand?.description || undefined);
  }
}

const camel = (naam: string) => naam.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * One operation per action (`POST /trajecten/{id}/acties/stel-pip-vast`), each with its own body and an example, next
 * to the generic `{actie}` operation that existing clients use. The server has one route for all: these are its
 * instances, so a generated client ties an action's name to its body.
 */
function actieOperaties(document: OpenAPIObject): void {
  const generiekPad = '/trajecten/{id}/acties/{actie}';
  const generiek = document.paths[generiekPad]?.post;
  if (!generiek) return;
  const perActie = new Map<string, { soorten: string[]; schemas: string[] }>();
  for (const kind of Object.values(KINDS)) {
    for (const a of kind.acties.filter((x) => !x.systeem)) {
      const e = perActie.get(a.naam) ?? { soorten: [], schemas: [] };
      e.soorten.push(kind.soort);
      if (!e.schemas.includes(getSchemaPath(a.dto))) e.schemas.push(getSchemaPath(a.dto));
      perActie.set(a.naam, e);
    }
  }
  const params = ((generiek.parameters ?? []) as ParameterObject[]).filter((p) => p.name !== 'actie');
  for (const [naam, { soorten, schemas }] of perActie) {
    const schema: SchemaObject | ReferenceObject = schemas.length === 1 ? { $ref: schemas[0] } : { oneOf: schemas.map(($ref) => ({ $ref })) };
    const example = voorbeeld(schema, document.components?.schemas ?? {});
    document.paths[`/trajecten/{id}/acties/${naam}`] = {
      post: {
        ...structuredClone(generiek),
        operationId: camel(naam),
        summary: `Actie ${naam} (${soorten.join(', ')}); het antwoord is het bijgewerkte traject`,
        parameters: structuredClone(params),
        requestBody: { required: true, content: { 'application/json': { schema, example } } },
      },
    };
  }
}

/**
 * A valid example for a schema, made from the schema itself (so it cannot drift from it): the first enum value, a
 * date for `format: date`, the minimum for numbers, every required property.
 */
export function voorbeeld(schema: SchemaObject | ReferenceObject, components: Record<string, SchemaObject | ReferenceObject>, depth = 0): unknown {
  if (depth > 8) return null;
  if ('$ref' in schema) {
    const target = components[schema.$ref.replace('#/components/schemas/', '')];
    return target ? voorbeeld(target, components, depth + 1) : null;
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.oneOf?.length) return voorbeeld(schema.oneOf[0], components, depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => voorbeeld(s, components, depth + 1)));
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(k)) out[k] = voorbeeld(v, components, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(1, schema.minItems ?? 1);
      return schema.items ? Array.from({ length: n }, () => voorbeeld(schema.items!, components, depth + 1)) : [];
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date') return '2025-03-01';
      if (schema.format === 'uuid') return '3f2b8c1e-6a7d-4e5f-9a0b-1c2d3e4f5a6b';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return null;
  }
}
