import { inzageProjection } from '../audit/inzage.projection';
import { bewaartermijnenProjection } from '../privacy/bewaartermijnen.projection';
import { deadlineScheduleProjection } from '../sagas/deadline-schedule.projection';
import { Projection } from './projection';

/** Every read model the runner feeds. Add a projection with one line here. */
export const PROJECTIONS: Projection[] = [
  inzageProjection,
  bewaartermijnenProjection,
  deadlineScheduleProjection,
];
