import { Module } from '@nestjs/common';
import { TrajectoriesModule } from '../trajectories/trajectories.module';
import { DuoClient } from './duo-client';
import { DUO_CONFIG, DuoConfig, duoConfig } from './duo-config';
import { DuoController } from './duo.controller';
import { DuoOverzicht } from './duo-overzicht';
import { DuoSender } from './duo-sender';
import { NotificatieValidator } from './notificatie-validator';
import { NotificatieVerwerker } from './notificatie-verwerker';
import { PersoonBron } from './persoon-bron';

/**
 * The DUO connection (issue 13): outbox + sender to DUO's APIs, DUO's Notificatie API inbound, and what was
 * exchanged on the case. Its projections are registered in projections/registry.ts (`duoProjections`).
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
  ],
})
export class DuoModule {}
