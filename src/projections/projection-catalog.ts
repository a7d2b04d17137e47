import { DynamicModule, ForwardReference, InjectionToken, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '../config';
import { DUO_CONFIG } from '../duo/duo-config';
import { PROJECTION_TOKEN_PREFIX, Projection } from './projection';
import { PROJECTIE_SLEUTELS, ProjectieSleutels, zoeksleutel } from './zoeksleutels';

type ModuleRef = Type<unknown> | DynamicModule | ForwardReference | Promise<DynamicModule> | undefined;

/**
 * The projections registered (`provideProjection`) in a module and everything it imports, read from the modules'
 * metadata without instantiating anything: for tools that work on the read models with the application stopped
 * (`npm run projections`, the benchmark). Projections built by a factory get their dependencies from `deps`. In the running application the runner finds the same providers through
 * Nest's DiscoveryService (projections.module.ts); a test holds the two to the same list.
 */
export function projectionsOf(root: Type<unknown>, deps: Map<InjectionToken, unknown> = new Map()): Projection[] {
  const seen = new Set<unknown>();
  const found = new Map<string, Projection>();
  const visit = (ref: ModuleRef): void => {
    const m = ref && typeof ref === 'object' && 'forwardRef' in ref ? ref.forwardRef() : ref;
    // An async dynamic module (a promise) cannot be read without running it: none registers projections here.
    if (!m || m instanceof Promise || seen.has(m)) return;
    seen.add(m);
    const [type, dynamic] = typeof m === 'function' ? [m, undefined] : [(m as DynamicModule).module, m as DynamicModule];
    const providers = [...(Reflect.getMetadata(MODULE_METADATA.PROVIDERS, type) ?? []), ...(dynamic?.providers ?? [])];
    for (const p of providers) {
      if (!p || typeof p !== 'object' || typeof p.provide !== 'string' || !p.provide.startsWith(PROJECTION_TOKEN_PREFIX)) continue;
      const projection = 'useFactory' in p ? build(p.provide, p.useFactory, p.inject ?? []) : (p.useValue as Projection);
      if (found.has(projection.name) && found.get(projection.name) !== projection) throw new Error(`Two different projections are registered as ${projection.name}`);
      found.set(projection.name, projection);
    }
    for (const i of [...(Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) ?? []), ...(dynamic?.imports ?? [])]) visit(i);
  };
  // A projection registered with provideProjectionFactory is built from the dependencies the caller passes.
  const build = (token: string, factory: (...args: unknown[]) => Projection, inject: InjectionToken[]): Projection =>
    factory(...inject.map((t) => {
      if (!deps.has(t)) throw new Error(`${token} needs ${String(t)}: pass it to projectionsOf`);
      return deps.get(t);
    }));
  visit(root);
  return [...found.values()];
}

/**
 * `projectionsOf` with the dependencies the application's factory-built projections take, in one place: the search
 * keys (PROJECTIE_SLEUTELS; a throwaway key where the caller only needs names and tables) and the DUO configuration
 * (from `config`, default the environment's). A slice adding a factory with a new dependency adds it here.
 */
export function projectionsOfApp(
  root: Type<unknown>,
  opties: { sleutels?: ProjectieSleutels; config?: Pick<AppConfig, 'duo'> } = {},
): Projection[] {
  return projectionsOf(root, new Map<InjectionToken, unknown>([
    [PROJECTIE_SLEUTELS, opties.sleutels ?? { bsnSleutel: zoeksleutel(randomBytes(32)) }],
    [DUO_CONFIG, (opties.config ?? loadConfig()).duo],
  ]));
}
