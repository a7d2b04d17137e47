import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { InzageQuery } from './inzage-query';
import { InzageService } from './inzage.service';
import { inzageProjection } from './inzage.projection';
import { provideProjection } from '../projections/projection';

/** The access log (every read of a case, every export), event-log queries and exports, and the integrity check. */
@Module({
  controllers: [AuditController],
  providers: [InzageService, InzageQuery, provideProjection(inzageProjection)],
  exports: [InzageService],
})
export class AuditModule {}
