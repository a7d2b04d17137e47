import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { ReadinessService } from '../health/readiness.service';
import { provideProjection } from '../projections/projection';
import { TrajectoriesModule } from '../trajectories/trajectories.module';
import { deadlineScheduleProjection } from './deadline-schedule.projection';
import { Scheduler } from './scheduler';
import { schedulerReadiness } from './scheduler-readiness';

/** Deadlines: the schedule projection and the scheduler that fires them; /ready shows the scheduler's health. */
@Module({
  imports: [TrajectoriesModule],
  providers: [Scheduler, provideProjection(deadlineScheduleProjection)],
  exports: [Scheduler],
})
export class SagasModule implements OnApplicationBootstrap {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly readiness: ReadinessService,
  ) {}

  onApplicationBootstrap(): void {
    this.readiness.register('scheduler', () => schedulerReadiness(this.scheduler.health()));
  }
}
