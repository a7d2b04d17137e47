import { Module } from '@nestjs/common';
import { TrajectoriesModule } from '../trajectories/trajectories.module';
import { DuoClient } from './duo-client';
import { DUO_CONFIG, DuoConfig, duoConfig } from './duo-config';
import { DuoController } from './duo.controller';
import { DuoOverzicht } from './duo-overzicht';
import { DuoSender } from './duo-sender';
import { duoBsnIndexProjection, duoNotificatiesProjection, duoOutboxProjection } from './duo.projections';
import { provideProjectionFactory } from '../projections/projection';
import { NotificatieValidator } from './notificatie-validator';
import { NotificatieVerwerker } from './notificatie-verwerker';
import { PersoonBron } from './persoon-bron';

/**
 * The DUO connection (issue 13): outbox + sender to DUO's APIs, DUO's Notificatie API inbound, and what was
 * exchanged on the case. It registers its own projections (the BSN index, the notifications, the outbox).
 */
@Module({
  imports: [TrajectoriesModule],
  controllers: [DuoController],
  providers: [
    { provide: DUO_CONFIG, useFactory: () => duoConfig() },
    { provide: DuoClient, useFactory: (c: DuoConfig) => new DuoClient(c), inject: [DUO_CONFIG] },
    { provide: PersoonBron, useFactory: () => new PersoonBron() },
    DuoSender,
    NotificatieVerwerker,
    NotificatieValidator,
    DuoOverzicht,
    provideProjectionFactory('duo-bsn', (c: DuoConfig) => duoBsnIndexProjection(c.bsnSleutel), [DUO_CONFIG]),
    provideProjectionFactory('duo-notificaties', (c: DuoConfig) => duoNotificatiesProjection(c.bsnSleutel), [DUO_CONFIG]),
    // The outbox queues messages only with DUO_BASE_URL set.
    provideProjectionFactory('duo-outbox', (c: DuoConfig) => duoOutboxProjection(!!c.baseUrl), [DUO_CONFIG]),
  ],
})
export class DuoModule {}
