import { SetMetadata, applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { INZAGE_KEY } from './inzage.hook';

export { INZAGE_KEY };

/**
 * Marks a route that shows a trajectory's data: the access log's hook (inzage.hook.ts, registered by configureApp)
 * records every successful call in the access log (stream `inzage-<trajectId>`, the trajectory id from the `:id` route
 * parameter) before the answer leaves. The mark is Fastify route config, so the hook costs other routes one lookup.
 */
export const Inzage = () => applyDecorators(SetMetadata(INZAGE_KEY, true), RouteConfig({ [INZAGE_KEY]: true }));
