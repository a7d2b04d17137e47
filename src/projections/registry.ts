import { inzageProjection } from '../audit/inzage.projection';
import { DuoConfig } from '../duo/duo-config';
import { duoBsnIndexProjection, duoNotificatiesProjection, duoOutboxProjection } from '../duo/duo.projections';
import { bewaartermijnenProjection } from '../privacy/bewaartermijnen.projection';
import { deadlineScheduleProjection } from '../sagas/deadline-schedule.projection';
import { ambitiesProjection } from './ambities.projection';
import { Projection } from './projection';
import { termijnenProjection } from './termijnen.projection';
import { trajectenProjection } from './trajecten.projection';

/** Every read model the runner feeds. Add a projection with one line here. */
export const PROJECTIONS: Projection[] = [
  inzageProjection,
  bewaartermijnenProjection,
  deadlineScheduleProjection,
  trajectenProjection,
  termijnenProjection,
  ambitiesProjection,
];

/** The DUO slice's read models; the outbox queues messages only with DUO_BASE_URL set. */
export const duoProjections = (c: DuoConfig): Projection[] => [
  duoBsnIndexProjection(c.bsnSleutel),
  duoNotificatiesProjection(c.bsnSleutel),
  duoOutboxProjection(!!c.baseUrl),
];
