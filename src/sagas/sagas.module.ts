import { Module } from '@nestjs/common';
import { TrajectoriesModule } from '../trajectories/trajectories.module';
import { Scheduler } from './scheduler';

/** Deadlines: the schedule projection (registered in projections/registry.ts) and the scheduler that fires them. */
@Module({
  imports: [TrajectoriesModule],
  providers: [Scheduler],
  exports: [Scheduler],
})
export class SagasModule {}
