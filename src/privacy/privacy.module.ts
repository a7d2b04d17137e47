import { Module } from '@nestjs/common';
import { provideProjection } from '../projections/projection';
import { TrajectoriesModule } from '../trajectories/trajectories.module';
import { bewaartermijnenProjection } from './bewaartermijnen.projection';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';
import { ReadModelScrubber } from './read-model-scrubber';

/** Erasure by crypto-shredding and the retention list; the decorator and key store themselves live in EventsModule. */
@Module({
  imports: [TrajectoriesModule],
  controllers: [PrivacyController],
  providers: [PrivacyService, ReadModelScrubber, provideProjection(bewaartermijnenProjection)],
})
export class PrivacyModule {}
