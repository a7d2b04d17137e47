import { inzageProjection } from '../audit/inzage.projection';
import { bewaartermijnenProjection } from '../privacy/bewaartermijnen.projection';
import { deadlineScheduleProjection } from '../sagas/deadline-schedule.projection';
import { ambitiesProjection } from './ambities.projection';
import { Projection } from './projection';
import { termijnenProjection } from './termijnen.projection';
import { trajectenProjection } from './trajecten.projection';
import { ProjectieSleutels } from './zoeksleutels';

/** Every read model the runner feeds. Add a projection with one line here. */
export const projecties = (sleutels: ProjectieSleutels): Projection[] => [
  inzageProjection,
  bewaartermijnenProjection,
  deadlineScheduleProjection,
  trajectenProjection(sleutels),
  termijnenProjection,
  ambitiesProjection,
];
