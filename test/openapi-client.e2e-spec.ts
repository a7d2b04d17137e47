import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import ts from 'typescript';
import { createApp } from '../src/app.factory';

// Building the app (and generating and compiling a client) takes longer than Jest's default 5 s on a busy machine.
jest.setTimeout(60_000);

/**
 * A UI team's view of the API: a TypeScript client generated from the served document (openapi-typescript) and a
 * small program against it that compiles only if the answers are typed. `Is<A, B>` is exact type equality, so an
 * untyped field (`never`, `unknown`) fails where a plain assignment would pass.
 */
const PROGRAM = `
import type { components, paths } from './api';
type Is<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const yes = <T extends true>(): T => true as T;

type View = paths['/trajecten/{id}']['get']['responses'][200]['content']['application/json'];
yes<Is<View['revisie'], number>>();
yes<Is<View['fase'], string>>();
yes<Is<View['toegestaneActies'], string[]>>();
yes<Is<NonNullable<View['termijnen']['pip']>['status'], 'lopend' | 'gehaald' | 'verstreken' | 'vervallen'>>();
yes<Is<NonNullable<View['termijnen']['screening']>['uiterlijk'], string | null | undefined>>();

type Na = paths['/trajecten/{id}/acties/stel-pip-vast']['post'];
yes<Is<Na['requestBody']['content']['application/json']['leerroute'], 'b1' | 'onderwijsroute' | 'z-route'>>();
yes<Is<Na['responses'][200]['content']['application/json'], View>>();

type Lijst = paths['/trajecten']['get']['responses'][200]['content']['application/json'];
yes<Is<Lijst['items'][number]['naam'], string | null>>();
yes<Is<Lijst['volgende'], string | null>>();
yes<Is<Lijst['totaal'], number>>();

type Tijdlijn = paths['/trajecten/{id}/tijdlijn']['get']['responses'][200]['content']['application/json'];
yes<Is<Tijdlijn['stappen'][number]['gebeurtenis']['positie'], number>>();
type Termijnen = paths['/dashboards/termijnen']['get']['responses'][200]['content']['application/json'];
yes<Is<Termijnen['lopend'][number]['dagenTotLaatsteDag'], number | null>>();
type Audit = paths['/audit/gebeurtenissen']['get']['responses'][200]['content']['application/json'];
yes<Is<Audit['gebeurtenissen'][number]['stream'], string>>();
type Inzage = paths['/audit/inzage']['get']['responses'][200]['content']['application/json'];
yes<Is<Inzage['inzages'][number]['actor']['sub'], string>>();
type Probleem422 = paths['/trajecten/{id}/acties/stel-pip-vast']['post']['responses'][422]['content']['application/problem+json'];
yes<Is<Probleem422['ontbrekendeVelden'], string[] | undefined>>();
yes<Is<Probleem422['status'], number>>();
yes<Is<components['schemas']['UpdateBericht']['position'], number>>();
`;

/** Generates the client from `doc` and type-checks PROGRAM against it: the compiler's messages (none = typed). */
function typeCheck(doc: unknown): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-client-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
    execFileSync(process.execPath, [join(__dirname, '../node_modules/openapi-typescript/bin/cli.js'), join(dir, 'openapi.json'), '-o', join(dir, 'api.ts')], { stdio: 'pipe' });
    writeFileSync(join(dir, 'program.ts'), PROGRAM);
    const program = ts.createProgram([join(dir, 'program.ts')], { strict: true, noEmit: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022 });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a client generated from the served OpenAPI document', () => {
  let app: INestApplication;
  let doc: any;
  beforeAll(async () => {
    app = await createApp();
    doc = (await request(app.getHttpServer()).get('/api/v1/openapi.json').expect(200)).body;
  });
  afterAll(() => app.close());

  it('types the view, the lists, the timeline, dashboards, audit pages, problem+json and the SSE message', () => {
    expect(typeCheck(doc)).toEqual([]);
  }, 60_000);

  it('does not compile once the view\'s response schema is removed', () => {
    const broken = structuredClone(doc);
    delete broken.paths['/trajecten/{id}'].get.responses['200'].content;
    expect(typeCheck(broken).length).toBeGreaterThan(0);
  }, 60_000);

  it('does not compile once the view\'s fields are untyped', () => {
    const broken = structuredClone(doc);
    broken.components.schemas.TrajectView = { type: 'object' };
    expect(typeCheck(broken).length).toBeGreaterThan(0);
  }, 60_000);
});
