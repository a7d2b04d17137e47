import { SetMetadata } from '@nestjs/common';

export type Rol = 'klantmanager' | 'teamleider' | 'compliance' | 'beheerder';

export const ROLLEN_KEY = 'ie:rollen';
export const PUBLIEK_KEY = 'ie:publiek';

/** The roles that may call an endpoint (controller or handler); the auth guard enforces it. */
export const Rollen = (...rollen: Rol[]) => SetMetadata(ROLLEN_KEY, rollen);

/** Open without a token: /health, /ready and the OpenAPI document. */
export const Publiek = () => SetMetadata(PUBLIEK_KEY, true);
