import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

export type Rol = 'klantmanager' | 'teamleider' | 'compliance' | 'beheerder';

export const ROLLEN_KEY = 'ie:rollen';
export const PUBLIEK_KEY = 'ie:publiek';

/**
 * The roles that may call an endpoint (controller or handler; the handler's wins); the auth guard enforces it.
 * Without `@Rollen` (and without `@Publiek`) an endpoint is closed to every role.
 */
export const Rollen = (...rollen: Rol[]) =>
  applyDecorators(
    SetMetadata(ROLLEN_KEY, rollen),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Geen of een ongeldig token (problem+json, WWW-Authenticate: Bearer)' }),
    ApiForbiddenResponse({ description: `Alleen voor de rol ${rollen.join(', ')} (problem+json)` }),
  );

/** Open without a token: /health, /ready and the OpenAPI document. */
export const Publiek = () => SetMetadata(PUBLIEK_KEY, true);
