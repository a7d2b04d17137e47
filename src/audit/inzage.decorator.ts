import { SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { INZAGE_KEY, InzageInterceptor } from './inzage.interceptor';

export { INZAGE_KEY };

/**
 * Marks a route that shows a trajectory's data: the InzageInterceptor records every successful call in the access
 * log (stream `inzage-<trajectId>`, the trajectory id from the `:id` route parameter) before the answer leaves.
 * The interceptor is bound to these routes only (its module must import AuditModule): an interceptor that is global
 * makes Nest run every other route through rxjs and AsyncResource.bind too (~5% of a command's CPU, measured).
 */
export const Inzage = () => applyDecorators(SetMetadata(INZAGE_KEY, true), UseInterceptors(InzageInterceptor));
