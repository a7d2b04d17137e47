import { Module } from '@nestjs/common';
import { TrajectoriesModule } from '../trajectories/trajectories.module';
import { provideProjection } from '../projections/projection';
import { deadlineScheduleProjection } from './deadline-schedule.projection';
import { Scheduler } from './scheduler';

/** Deadlines: the schedule projection and the scheduler that fires them. */
@Module({
  imports: [TrajectoriesModule],
  providers: [Scheduler, provideProjection(deadlineScheduleProjection)],
  exports: [Scheduler],
})
export class SagasModule {}
