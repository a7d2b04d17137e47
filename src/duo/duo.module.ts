import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TrajectoriesModule } from '../trajectories/trajectories.module';
import { DuoClient } from './duo-client';
import { APP_CONFIG, AppConfig } from '../config';
import { DUO_CONFIG, DuoConfig } from './duo-config';
import { DuoController } from './duo.controller';
import { DuoOverzicht } from './duo-overzicht';
import { DuoSender } from './duo-sender';
import { duoNotificatiesProjection, duoOutboxProjection } from './duo.projections';
import { provideProjection, provideProjectionFactory } from '../projections/projection';
import { NotificatieValidator } from './notificatie-validator';
import { NotificatieVerwerker } from './notificatie-verwerker';
import { PersoonBron } from './persoon-bron';

/**
 * The DUO connection (issue 13): outbox + sender to DUO's APIs, DUO's Notificatie API inbound, and what was
 * exchanged on the case. It registers its own projections (the notifications, the outbox); it finds a BSN's case
 * in the one BSN index, the list's (PROJECTIE_SLEUTELS).
 */
@Module({
  // AuditModule: reading who a notification is about goes into the access log.
  imports: [TrajectoriesModule, AuditModule],
  controllers: [DuoController],
  providers: [
    { provide: DUO_CONFIG, useFactory: (c: AppConfig) => c.duo, inject: [APP_CONFIG] },
    { provide: DuoClient, useFactory: (c: DuoConfig) => new DuoClient(c), inject: [DUO_CONFIG] },
    { provide: PersoonBron, useFactory: (c: AppConfig) => new PersoonBron(c.brp.url, c.brp.apiKey), inject: [APP_CONFIG] },
    DuoSender,
    NotificatieVerwerker,
    NotificatieValidator,
    DuoOverzicht,
    provideProjection(duoNotificatiesProjection),
    // The outbox queues messages only with DUO_BASE_URL set.
    provideProjectionFactory('duo-outbox', (c: DuoConfig) => duoOutboxProjection(!!c.baseUrl), [DUO_CONFIG]),
  ],
})
export class DuoModule {}
