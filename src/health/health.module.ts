import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { EventStore } from '../events/event-store';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';

/** Global, so any module can inject ReadinessService and register its own check. */
@Global()
@Module({
  controllers: [HealthController],
  providers: [ReadinessService],
  exports: [ReadinessService],
})
export class HealthModule implements OnModuleInit {
  constructor(
    @Inject(ReadinessService) private readonly readiness: ReadinessService,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  /** Not ready without a reachable event store. */
  onModuleInit(): void {
    this.readiness.register('eventStore', () =>
      this.store.ping().then(
        () => ({ ready: true }),
        () => ({ ready: false, detail: 'niet bereikbaar' }),
      ),
    );
  }
}
