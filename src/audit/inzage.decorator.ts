import { SetMetadata } from '@nestjs/common';

export const INZAGE_KEY = 'ie:inzage';

/**
 * Marks a route that shows a trajectory's data: the InzageInterceptor records every successful call in the access
 * log (stream `inzage-<trajectId>`, the trajectory id from the `:id` route parameter) before the answer leaves.
 */
export const Inzage = () => SetMetadata(INZAGE_KEY, true);
